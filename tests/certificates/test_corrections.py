"""A learner asks for a name correction; staff approve (a new version with the same code, a
new PDF, emailed again, the old version superseded) or decline (the learner is told)."""

import pytest

from certificates import corrections
from certificates.exceptions import CertificateError
from certificates.models import NameCorrection
from certificates.services import issue_certificate
from tests.certificates.test_admin import admin_client


@pytest.fixture
def certificate(completed, site):
    return issue_certificate(completed.pk)


def ask(client, certificate, name="Amara N. Okafor", note="As on the NMC register"):
    return client.post(
        f"/certificates/{certificate.code}/correct-name/", {"name": name, "note": note}
    )


def test_the_learner_asks_from_their_certificate(client, user, certificate):
    client.force_login(user)
    assert client.get(f"/certificates/{certificate.code}/correct-name/").status_code == 200
    response = ask(client, certificate)
    assert response.status_code == 302
    correction = NameCorrection.objects.get()
    assert (correction.current_name, correction.name, correction.status) == (
        "Amara Okafor",
        "Amara N. Okafor",
        "pending",
    )
    page = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert "Staff are checking it" in page
    assert certificate.events.filter(kind="requested").exists()


def test_the_form_explains_a_missing_or_unchanged_name(client, user, certificate):
    client.force_login(user)
    page = ask(client, certificate, name="").content.decode()
    assert "Enter your name as it is on your professional register" in page
    assert 'href="#id_name"' in page  # the error summary links to the field
    page = ask(client, certificate, name="Amara  Okafor").content.decode()
    assert "this is the name your certificate already states" in page
    assert not NameCorrection.objects.exists()


def test_one_request_waits_at_a_time(client, user, certificate):
    client.force_login(user)
    ask(client, certificate)
    page = ask(client, certificate, name="Amara Nkem Okafor").content.decode()
    assert "You have already asked for a correction" in page
    assert NameCorrection.objects.count() == 1


def test_another_learner_cannot_ask(client, other_user, certificate):
    client.force_login(other_user)
    assert ask(client, certificate).status_code == 404


def test_approval_reissues_with_the_same_code_and_emails_the_new_pdf(
    client, user, certificate, mailoutbox, django_capture_on_commit_callbacks
):
    correction = corrections.request_correction(certificate, user=user, name="Amara N. Okafor")
    admin_client(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/certificates/corrections/{correction.pk}/",
            {"decision": "approve", "note": "Checked on the NMC register"},
        )
    assert response.status_code == 302
    first, second = certificate.versions.order_by("number")
    assert (first.learner_name, second.learner_name) == ("Amara Okafor", "Amara N. Okafor")
    assert (second.number, second.change_note) == (2, "Name corrected")
    assert second.participatory_hours == first.participatory_hours
    assert second.pdf.name.endswith(f"{certificate.code}-v2.pdf")
    assert second.badge_jwt  # signed afresh for the new version
    corrected = [m for m in mailoutbox if "corrected" in m.subject]
    assert len(corrected) == 1
    assert corrected[0].attachments[0][0] == f"certificate-{certificate.code}.pdf"
    assert "Amara N. Okafor" in corrected[0].body
    kinds = list(certificate.events.values_list("kind", flat=True))
    assert kinds == ["issued", "requested", "corrected"]


def test_the_verify_page_shows_the_current_version_and_what_it_supersedes(
    client, user, certificate
):
    correction = corrections.request_correction(certificate, user=user, name="Amara N. Okafor")
    corrections.approve_correction(correction.pk, actor=None)
    page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "This certificate is valid" in page and "Amara N. Okafor" in page
    assert "It supersedes an earlier version." in page
    old = client.get(f"/certificates/verify/{certificate.code}/?version=1").content.decode()
    assert "This version has been superseded" in old and "Amara Okafor" in old
    assert "See the current version" in old


@pytest.mark.parametrize("version", ["9", "abc", "-1", "١"])
def test_an_unknown_version_goes_to_the_current_one(client, certificate, version):
    response = client.get(f"/certificates/verify/{certificate.code}/", {"version": version})
    assert response.status_code == 302
    assert response.url == f"/certificates/verify/{certificate.code}/"


def test_a_decline_leaves_the_certificate_and_tells_the_learner(
    client, user, certificate, mailoutbox, django_capture_on_commit_callbacks
):
    correction = corrections.request_correction(certificate, user=user, name="Someone Else")
    admin_client(client)
    page = client.post(
        f"/admin/certificates/corrections/{correction.pk}/", {"decision": "decline"}
    ).content.decode()
    assert "Write the reason the learner will be told" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/certificates/corrections/{correction.pk}/",
            {"decision": "decline", "note": "The register shows Amara Okafor."},
        )
    correction.refresh_from_db()
    assert correction.status == "declined"
    assert certificate.versions.count() == 1
    declined = [m for m in mailoutbox if m.subject == "Your certificate name correction"]
    assert len(declined) == 1 and "The register shows Amara Okafor." in declined[0].body


def test_a_decided_request_cannot_be_decided_again(user, certificate):
    correction = corrections.request_correction(certificate, user=user, name="Amara N. Okafor")
    corrections.decline_correction(correction.pk, actor=None, note="No")
    with pytest.raises(CertificateError):
        corrections.approve_correction(correction.pk, actor=None)
    assert certificate.versions.count() == 1


def test_staff_see_pending_requests(client, user, certificate):
    corrections.request_correction(certificate, user=user, name="Amara N. Okafor")
    admin_client(client)
    page = client.get("/admin/certificates/corrections/").content.decode()
    assert "Amara N. Okafor" in page and "Decide" in page


def test_a_revoked_certificate_cannot_be_corrected(user, certificate):
    from certificates.services import revoke_certificate

    revoke_certificate(certificate.pk, reason="error")
    certificate.refresh_from_db()
    with pytest.raises(CertificateError):
        corrections.request_correction(certificate, user=user, name="Amara N. Okafor")
