"""What the input tests send, and what they check: hostile strategies, one savepoint per
example, a snapshot of the rows that must not change, and the refusal every form must give."""

import contextlib
import functools

from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

PROPERTY = "generated_inputs"
_generated = [0]


def generated():
    return _generated[0]


def fuzz(*strategies, max_examples=20, **named):
    """@given with a modest number of examples, each counted for the run's summary."""

    def decorate(test):
        @functools.wraps(test)
        def counted(*args, **kwargs):
            _generated[0] += 1
            return test(*args, **kwargs)

        return settings(max_examples=max_examples)(given(*strategies, **named)(counted))

    return decorate


@contextlib.contextmanager
def each_example():
    """One example's requests in a savepoint rolled back after it: examples stay independent
    (an accepted booking does not fill the cohort for the next one)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- Strategies ------------------------------------------------------------------------------

# Any code point a browser can send (no lone surrogates: they cannot be encoded as UTF-8).
ANY_CHAR = st.characters(codec="utf-8")
ODD = [
    "\x00",  # NUL: PostgreSQL refuses it in text
    "\x01\x07\x1b[31m",  # control characters, an ANSI escape
    "\x7f\x85\x9f",  # DEL, C1 controls
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\u200d\ufeff",  # zero-width characters, a byte-order mark
    "מרפאה בירושלים",  # right-to-left text
    "مستشفى ١٢٣",  # Arabic-Indic digits
    "😀👩🏽‍⚕️🏳️‍🌈",  # emoji with modifiers and joiners
    "\U0010fffd\ufffe\uffff",  # private use, non-characters
    "ǅ ß ﬁ İ",  # letters that change length when cased
    "Ａ１２３",  # full-width
    "<script>alert(1)</script>",
    "'; DROP TABLE bookings_order; --",
    "%00%0d%0a",
    "../../etc/passwd",
    "{{ 7*7 }} ${7*7}",
]
odd_text = st.sampled_from(ODD)
long_text = st.builds(
    lambda s, n: s * n, st.text(ANY_CHAR, min_size=1, max_size=4), st.integers(200, 20_000)
)
any_text = st.one_of(st.text(ANY_CHAR, max_size=60), odd_text, long_text, st.just(""))

BIG_INTS = [2**31, 2**63 - 1, 2**63, 2**64, 2**64 + 1, -(2**63) - 1, 10**30, -1, 0]
big_int = st.sampled_from(BIG_INTS)
number_text = st.one_of(
    st.integers().map(str),
    big_int.map(str),
    st.sampled_from(["1e309", "NaN", "-0", "0x10", " 1 ", "١", "１", "1.5", "+1", "٣٢"]),
    st.floats(allow_nan=True).map(repr),
)
any_value = st.one_of(any_text, number_text)


def nasty(strategy=any_value):
    """A form value: one string, or several where one is expected (a wrong type on the wire)."""
    return st.one_of(strategy, st.lists(strategy, min_size=2, max_size=3))


# --- Checks ----------------------------------------------------------------------------------

ERROR_SUMMARY = 'class="nhsuk-error-summary"'


def assert_refused(response, statuses=(200, 400)):
    """Refused the way the site refuses: the form again, with the NHS.UK error summary."""
    assert response.status_code in statuses, response.status_code
    assert ERROR_SUMMARY in response.content.decode(), "no error summary"


def rows(*models):
    """Every row of these models, as plain values: compare before and after a refusal."""
    return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in models}


def assert_no_hidden_characters(table_rows):
    """Nothing stored holds a control character (new lines and tabs aside)."""
    from cms.validators import hidden_character

    for label, values in table_rows.items():
        for row in values:
            for value in row:
                if isinstance(value, str):
                    assert hidden_character(value, "\t\n\r") is None, (label, value)
