"""Suspend, revoke and reinstate with a reason, from the admin with a confirmation step;
the verify page and the Open Badges status lists follow, and the history is kept."""

import pytest
from django.utils import timezone

from certificates import statuses
from certificates.badges import status_list
from certificates.exceptions import CertificateError
from certificates.models import CertificateEvent
from certificates.services import issue_certificate, revoke_certificate
from tests.certificates.test_admin import admin_client
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory


@pytest.fixture
def certificate(completed):
    certificate = issue_certificate(completed.pk)
    status_list.allocate_index(certificate.pk)
    certificate.refresh_from_db()
    return certificate


def bit(purpose, certificate):
    return status_list.is_set(status_list.bitstring(purpose), certificate.status_list_index)


def test_suspend_then_reinstate_moves_the_suspension_bit(certificate):
    statuses.change_status(certificate.pk, statuses.SUSPEND, reason="review", note="Register")
    assert bit("suspension", certificate) and not bit("revocation", certificate)
    statuses.change_status(certificate.pk, statuses.REINSTATE, reason="cleared", note="OK")
    assert not bit("suspension", certificate) and not bit("revocation", certificate)
    kinds = list(
        CertificateEvent.objects.filter(certificate=certificate).values_list("kind", "reason")
    )
    assert kinds == [("issued", ""), ("suspended", "review"), ("reinstated", "cleared")]


def test_revocation_is_final(certificate):
    revoke_certificate(certificate.pk, reason="error", note="Wrong cohort")
    assert bit("revocation", certificate)
    with pytest.raises(CertificateError):
        statuses.change_status(certificate.pk, statuses.REINSTATE, reason="cleared")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_asking_twice_changes_once(certificate):
    for _ in range(2):
        statuses.change_status(certificate.pk, statuses.SUSPEND, reason="review")
    assert certificate.events.filter(kind="suspended").count() == 1


def test_the_verify_page_shows_a_suspension_with_its_date_and_kind_of_reason(client, certificate):
    statuses.change_status(certificate.pk, statuses.SUSPEND, reason="review", note="private")
    page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "This certificate is suspended" in page
    assert f"Suspended on {timezone.localdate():%-d %B %Y}" in page
    assert "Reason: Attendance or assessment records under review." in page
    assert "private" not in page


def test_the_verify_page_shows_a_revocation_with_its_kind_of_reason(client, certificate):
    revoke_certificate(certificate.pk, reason="misconduct", note="Panel decision")
    page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "This certificate has been revoked" in page
    assert "Reason: Academic or professional misconduct." in page


def status_url(certificate):
    return f"/admin/certificates/{certificate.pk}/status/"


def test_staff_suspend_after_confirming(client, certificate):
    admin_client(client)
    data = {"action": "suspend", "reason": "review", "note": "Register being checked"}
    confirm = client.post(status_url(certificate), data)
    assert confirm.status_code == 200
    assert "Check before you confirm" in confirm.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "valid"  # nothing changes before the confirmation
    done = client.post(status_url(certificate), {**data, "confirm": "1"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.status_reason) == ("suspended", "review")
    event = certificate.events.get(kind="suspended")
    assert event.note == "Register being checked" and event.actor is not None


def test_the_form_says_what_is_missing(client, certificate):
    admin_client(client)
    page = client.post(status_url(certificate), {"action": "suspend"}).content.decode()
    assert "Choose the kind of reason" in page and "Write a note saying what happened" in page


def test_a_revoked_certificate_offers_no_reinstatement(client, certificate):
    revoke_certificate(certificate.pk, reason="error")
    admin_client(client)
    page = client.get(status_url(certificate)).content.decode()
    assert "nothing more can change it" in page
    response = client.post(
        status_url(certificate),
        {"action": "reinstate", "reason": "cleared", "note": "x", "confirm": "1"},
    )
    assert response.status_code == 200  # "reinstate" is not a choice here: the form refuses
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def trainer_client(client, cohort=None):
    from django.contrib.auth.models import Group

    from cms.groups import sync_groups
    from tests.factories.courses import TrainerFactory

    sync_groups()
    trainer = StaffUserFactory(is_superuser=False)
    trainer.groups.add(Group.objects.get(name="Trainers"))
    if cohort is not None:
        cohort.trainers.add(TrainerFactory(user=trainer))
    TOTPAuthenticatorFactory(user=trainer)
    client.force_login(trainer)
    return trainer


REVOKE = {"action": "revoke", "reason": "error", "note": "x", "confirm": "1"}


def test_staff_without_the_change_permission_are_refused(client, certificate):
    finance = StaffUserFactory(is_superuser=False)
    TOTPAuthenticatorFactory(user=finance)
    client.force_login(finance)
    assert client.post(status_url(certificate), REVOKE).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_a_trainer_changes_only_the_certificates_of_cohorts_they_teach(client, certificate):
    trainer_client(client)  # teaches nothing
    assert client.post(status_url(certificate), REVOKE).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    trainer_client(client, certificate.place.cohort)
    assert client.post(status_url(certificate), REVOKE).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_the_certificates_listing_links_the_status_screen(client, certificate):
    admin_client(client)
    page = client.get("/admin/snippets/certificates/certificate/").content.decode()
    assert status_url(certificate) in page
