"""The learner's download, the public verify pages, and My learning's certificate panel."""

import pytest

from certificates.models import Certificate
from certificates.services import issue_certificate
from tests.certificates.conftest import attend, pass_quiz


@pytest.fixture
def certificate(completed, user):
    user.registration_body, user.registration_number = "NMC", "12A3456B"
    user.save()
    return issue_certificate(completed.pk)


def download_url(certificate):
    return f"/certificates/{certificate.code}/download/"


def test_the_learner_downloads_their_own_certificate(client, user, certificate):
    client.force_login(user)
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_learner_gets_a_404(client, other_user, certificate):
    client.force_login(other_user)
    assert client.get(download_url(certificate)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, certificate):
    response = client.get(download_url(certificate))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_a_valid_certificate_verifies_without_personal_data(client, certificate, user):
    response = client.get(f"/certificates/verify/{certificate.code}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid" in page
    for stated in ("Amara Okafor", "5-day course", "30.0 participatory", "2.5 self-directed"):
        assert stated in page
    assert user.email not in page and "amara@" not in page


def test_a_revoked_certificate_says_so_with_the_date(client, certificate):
    from django.utils import timezone

    Certificate.objects.filter(pk=certificate.pk).update(
        status="revoked", status_changed_at=timezone.now()
    )
    page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "This certificate has been revoked" in page
    assert f"Revoked on {timezone.localdate():%-d %B %Y}" in page


def test_the_form_takes_a_loosely_typed_code(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get("/certificates/verify/", {"code": typed})
    assert response.url == f"/certificates/verify/{certificate.code}/"


@pytest.mark.parametrize("code", ["0000-0000-0000-0", "0000 0000 0000 0"])
def test_an_unknown_code_gets_a_clear_message(client, db, code):
    response = client.get(f"/certificates/verify/{code}/", follow=True)  # normalised first
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_a_typo_is_caught_by_the_form(client, db):
    response = client.get("/certificates/verify/", {"code": "ABCD"})
    assert "not a certificate code" in response.content.decode()


def test_checks_are_rate_limited_per_address(client, settings, db):
    settings.CERTIFICATE_VERIFY_RATE = "3/m/ip"
    statuses = [client.get("/certificates/verify/0000000000000/").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    other = client.get("/certificates/verify/0000000000000/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404


def test_my_learning_shows_what_is_missing(client, user, place, sessions, modules, quizzes):
    attend(place, sessions[:4])
    pass_quiz(place, modules[0], quizzes[0])
    client.force_login(user)
    page = client.get("/account/learning/").content.decode()
    assert "For your certificate of completion: pass the Risk quiz." in page


def test_my_learning_links_the_certificate(client, user, certificate):
    client.force_login(user)
    page = client.get("/account/learning/").content.decode()
    assert certificate.display_code in page
    assert download_url(certificate) in page


def test_my_learning_says_a_certificate_was_revoked(client, user, certificate):
    from certificates.services import revoke_certificate

    revoke_certificate(certificate.pk)
    client.force_login(user)
    page = client.get("/account/learning/").content.decode()
    assert "Revoked" in page and "being issued" not in page
    assert download_url(certificate) not in page
    assert client.get(download_url(certificate)).status_code == 404
