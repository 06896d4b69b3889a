"""The research pseudonym is stable for a learner, differs between learners, depends on the
secret key, and never carries the user id in the clear."""

from django.test import override_settings

from learning.evaluation.pseudonyms import pseudonym


def test_the_same_learner_always_gets_the_same_pseudonym():
    assert pseudonym(42) == pseudonym(42)
    assert len(pseudonym(42)) == 64 and int(pseudonym(42), 16) >= 0  # hex SHA-256


def test_learners_get_different_pseudonyms():
    assert len({pseudonym(n) for n in range(1000)}) == 1000


def test_the_pseudonym_is_keyed_by_the_setting():
    with override_settings(EVALUATION_PSEUDONYM_KEY="one key"):
        first = pseudonym(42)
    with override_settings(EVALUATION_PSEUDONYM_KEY="another key"):
        second = pseudonym(42)
    assert first != second


def test_it_matches_hmac_sha256_computed_by_hand():
    # hmac.new(b"k", b"learner:7", "sha256").hexdigest(), worked out independently.
    import hashlib
    import hmac

    assert pseudonym(7, key="k") == hmac.new(b"k", b"learner:7", hashlib.sha256).hexdigest()
