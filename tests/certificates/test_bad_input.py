"""Codes as people type them, or as a fault or an attacker sends them: normalised when they
can be, refused in plain words when not, never a server error."""

import pytest

from certificates.codes import grouped
from certificates.services import issue_certificate


@pytest.fixture
def certificate(completed):
    return issue_certificate(completed.pk)


def loosely(code):
    """ "abcd efgh-jkmn p": lower case, spaces and dashes as someone might type it."""
    return grouped(code).lower().replace("-", " ", 2)


def test_a_lower_case_spaced_code_in_the_url_goes_to_the_canonical_page(client, certificate):
    response = client.get(f"/certificates/verify/{loosely(certificate.code)}/")
    assert response.status_code == 302
    assert response.url == f"/certificates/verify/{certificate.code}/"
    assert client.get(response.url).status_code == 200


def test_letters_read_as_digits_are_taken_as_meant(client, certificate):
    typed = certificate.code.replace("0", "o").replace("1", "l")
    response = client.get("/certificates/verify/", {"code": typed.lower()})
    assert response.status_code == 302
    assert response.url == f"/certificates/verify/{certificate.code}/"


def test_a_one_character_typo_is_called_a_malformed_code(client, certificate):
    wrong = ("1" if certificate.code[3] != "1" else "2").join(
        [certificate.code[:3], certificate.code[4:]]
    )
    response = client.get(f"/certificates/verify/{wrong}/")
    assert response.status_code == 404
    assert "This is not a certificate code" in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "not-a-code",
        "A" * 5000,  # very long
        "ＡＢＣＤ–ＥＦＧＨ–ＪＫＭＮ–Ｐ",  # full-width letters and en dashes
        "ABCD\u200bEFGH",  # a zero-width space
        "%F0%9F%98%80" * 4,  # emoji
        "%00%01",  # control characters
        "'; DROP TABLE certificates_certificate; --",
        "ǅǆǈ",  # letters that change length when upper-cased
    ],
)
def test_malformed_codes_in_the_url_are_refused_clearly(client, db, typed):
    response = client.get(f"/certificates/verify/{typed}/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This is not a certificate code" in page
    assert len(page) < 40_000  # the page repeats at most a short prefix of the input


@pytest.mark.parametrize(
    "typed, error",
    [
        ("", "Enter the certificate code"),
        ("A" * 5000, "this is too long"),
        ("ＡＢＣＤ ＥＦＧＨ ＪＫＭＮ Ｐ", "That is not a certificate code"),
    ],
)
def test_the_form_refuses_malformed_codes_in_plain_words(client, db, typed, error):
    response = client.get("/certificates/verify/", {"code": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert 'href="#id_code"' in page  # the error summary links to the field


def test_a_well_formed_code_never_issued_is_not_found(client, certificate):
    body = "ZZZZZZZZZZZZ"
    from certificates.codes import check_character

    code = body + check_character(body)
    response = client.get(f"/certificates/verify/{code}/")
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_the_learners_pages_take_loose_codes_and_refuse_bad_ones(client, user, certificate):
    client.force_login(user)
    assert client.get(f"/certificates/{loosely(certificate.code)}/").status_code == 200
    assert client.get(f"/certificates/{'A' * 5000}/").status_code == 404
    assert client.get("/certificates/%F0%9F%98%80/correct-name/").status_code == 404
