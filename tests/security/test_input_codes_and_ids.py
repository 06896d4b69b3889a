"""Codes and ids of any shape in addresses and forms: certificate codes (verify page, the
learner's own pages, downloads and badges) and every numeric id in the site's URL patterns,
including ids beyond 64 bits (PostgreSQL's bigint). Never a 500: a 404, a redirect to sign
in, or a clear form error."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import strategies as st

from certificates.models import Certificate, CertificateVersion, NameCorrection
from certificates.services import issue_certificate
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory
from tests.security.fuzz import ANY_CHAR, BIG_INTS, any_text, each_example, fuzz, odd_text, rows

pytestmark = pytest.mark.django_db

code_like = st.one_of(
    any_text,
    odd_text,
    st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ-oil \x00", min_size=10, max_size=20),
    st.text(ANY_CHAR, min_size=13, max_size=13),
    st.sampled_from(["ABCD\x00EFGH", "\x00" * 13, "%00", "A" * 5000]),
)

# Django's test client takes a path; a code goes in it percent-encoded, as a browser sends it.
CODE_PAGES = [
    "/certificates/verify/{}/",
    "/certificates/{}/",
    "/certificates/{}/download/",
    "/certificates/{}/correct-name/",
    "/certificates/{}/badge.jwt",
    "/certificates/{}/badge.json",
]


def quoted(code):
    from urllib.parse import quote

    return quote(code, safe="")


@fuzz(code=code_like, page=st.sampled_from(CODE_PAGES), signed_in=st.booleans(), max_examples=80)
def test_certificate_codes_of_any_shape_in_the_address(client, user, code, page, signed_in):
    if signed_in:
        client.force_login(user)
    else:
        client.logout()
    response = client.get(page.format(quoted(code)))
    assert response.status_code in (200, 301, 302, 400, 404, 429)  # 400: an address too long


@fuzz(code=code_like, max_examples=40)
def test_the_verify_form_takes_any_code(client, db, code):
    response = client.get("/certificates/verify/", {"code": code})
    assert response.status_code in (200, 302, 429)
    if response.status_code == 200:
        assert 'class="nhsuk-error-summary"' in response.content.decode()


@pytest.mark.parametrize("page", CODE_PAGES)
def test_a_nul_in_a_code_is_not_found(client, user, page):
    client.force_login(user)
    assert client.get(page.format("ABCD%00EFGH%00JKMN")).status_code == 404


# --- ids -------------------------------------------------------------------------------------


def numeric_routes(resolvers=None, prefix=""):
    """Every URL pattern with an <int:…> part, as (pattern text, [names of the int parts])."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from numeric_routes(entry.url_patterns, text)
        elif isinstance(entry, URLPattern):
            converters = getattr(entry.pattern, "converters", {})
            ints = [name for name, conv in converters.items() if conv.regex.startswith("[0-9]")]
            if ints:
                yield text, ints


def every_route(resolvers=None, prefix=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        text = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from every_route(entry.url_patterns, text)
        else:
            yield text


def filled(pattern, value, text="x"):
    """The pattern's text with each part replaced: numbers by `value`, others by `text`."""
    path = re.sub(r"<(?:int|id):\w+>", str(value), pattern.replace("^", "").replace("$", ""))
    path = re.sub(r"<(?:\w+:)?\w+>", text, path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", text, path).replace("\\.", ".")
    return "/" + path.lstrip("^").rstrip("$")


def test_there_are_numeric_routes_to_try():
    routes = dict(numeric_routes())
    assert "book/cohorts/<id:cohort_id>/" in routes
    assert any(r.startswith("admin/") for r in routes)  # Wagtail's own viewsets too


@pytest.fixture
def admin(db):
    return TOTPAuthenticatorFactory(user=StaffUserFactory(email="admin-ids@example.com")).user


def assert_no_server_error(client, paths):
    """GET each path; every failure is collected, so one run names them all."""
    failures = []
    for path in paths:
        with each_example():
            try:
                response = client.get(path)
            except Exception as error:  # noqa: BLE001 - reported below with its path
                failures.append(f"{path}: {type(error).__name__}: {error}"[:200])
                continue
        if response.status_code >= 500:
            failures.append(f"{path}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("value", [2**63, 10**30])
@pytest.mark.parametrize("who", ["learner", "admin"])
def test_ids_beyond_64_bits_in_every_address_are_not_found(client, user, admin, who, value):
    """Each numeric route with an id no database row can have, read by a learner and by an
    administrator (who passes every permission check and so reaches the lookup)."""
    client.force_login(user if who == "learner" else admin)
    assert_no_server_error(client, [filled(pattern, value) for pattern, _ in numeric_routes()])


@pytest.mark.parametrize("text", ["A%00B", "not-a-number", "%E2%80%AE%F0%9F%98%80"])
@pytest.mark.parametrize("who", ["learner", "admin"])
def test_odd_text_anywhere_in_an_address_is_never_a_server_error(client, user, admin, who, text):
    """Every route with a text part (an order reference, an offer token, a page's slug) given
    a NUL (which PostgreSQL refuses in a query), a word where an id is expected, or odd
    Unicode."""
    client.force_login(user if who == "learner" else admin)
    patterns = [*every_route(), "<slug>/", "<slug>/<slug>/"]  # the last two: Wagtail pages
    assert_no_server_error(client, [filled(p, 1, text=text) for p in patterns if "<" in p])


@fuzz(value=st.sampled_from(BIG_INTS), max_examples=9)
def test_an_organisation_id_beyond_64_bits_in_the_booking_form(client, user, site, value):
    from tests.bookings.test_booking_form import form_data
    from tests.factories.courses import CohortFactory

    cohort = CohortFactory()
    client.force_login(user)
    data = form_data(cohort, [("Amara Okafor", "amara@example.com")])
    data["organisation"] = str(value)
    with each_example():
        response = client.post(f"/book/cohorts/{cohort.pk}/", data)
        assert response.status_code == 200
        assert "Choose an organisation from the list, or none." in response.content.decode()


@fuzz(name=any_text, note=any_text, max_examples=30)
def test_a_name_correction_of_any_text(client, issued, name, note):
    client.force_login(issued.place.attendee)
    before = rows(NameCorrection, Certificate, CertificateVersion)
    with each_example():
        response = client.post(
            f"/certificates/{issued.code}/correct-name/", {"name": name, "note": note}
        )
        if response.status_code != 302:
            assert response.status_code == 200
            assert 'class="nhsuk-error-summary"' in response.content.decode()
            assert rows(NameCorrection, Certificate, CertificateVersion) == before


@pytest.fixture
def issued(user, site):
    """A certificate for Amara, made the way the certificates tests make one."""
    import datetime

    from django.utils import timezone

    from tests.certificates.conftest import attend
    from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
    from tests.factories.learning import place_on

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    cohort = CohortFactory(course=course, start_date=timezone.localdate() - datetime.timedelta(20))
    place = place_on(cohort, user)
    attend(place, list(cohort.sessions.all()))
    return issue_certificate(place.pk)
