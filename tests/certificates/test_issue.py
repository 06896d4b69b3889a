"""Issuing: what is frozen, once per place and kind, and automatically when the rule is met."""

import pytest

from certificates.exceptions import CertificateError
from certificates.models import Certificate, CertificateVersion
from certificates.services import issue_certificate
from learning.quizzes import services as quiz_services
from tests.certificates.conftest import attend, done, pass_quiz


def test_a_completed_place_gets_a_certificate_stating_its_hours(completed, user):
    user.registration_body, user.registration_number = "NMC", "12A3456B"
    user.save()
    certificate = issue_certificate(completed.pk)
    version = certificate.current
    assert certificate.kind == "completion" and certificate.status == "valid"
    assert version.learner_name == "Amara Okafor"
    assert (version.registration_body, version.registration_number) == ("NMC", "12A3456B")
    assert version.course_title == "5-day course"
    assert (str(version.participatory_hours), str(version.self_directed_hours)) == ("30.0", "2.5")
    assert len(version.attended_days) == 5
    assert "pass the quizzes: Depression, Risk" in version.rule_summary


def test_what_was_stated_does_not_follow_later_edits(completed, user):
    certificate = issue_certificate(completed.pk)
    user.certificate_name = "Dr Amara Okafor"
    user.save()
    assert CertificateVersion.objects.get(certificate=certificate).learner_name == "Amara Okafor"


def test_issuing_twice_makes_one_certificate(completed):
    first = issue_certificate(completed.pk)
    assert issue_certificate(completed.pk) == first
    assert Certificate.objects.count() == 1 and CertificateVersion.objects.count() == 1


def test_a_revoked_certificate_is_not_quietly_reissued(completed):
    first = issue_certificate(completed.pk)
    Certificate.objects.filter(pk=first.pk).update(status="revoked")
    assert issue_certificate(completed.pk) == first
    assert Certificate.objects.count() == 1


def test_no_certificate_for_a_place_that_attended_nothing(place, sessions, modules):
    attend(place, sessions, "absent")
    with pytest.raises(CertificateError):
        issue_certificate(place.pk)
    assert not Certificate.objects.exists()


def test_an_override_issues_completion_and_keeps_the_reason(place, staff_user):
    certificate = issue_certificate(
        place.pk, actor=staff_user, override_reason="Attended the March cohort's Day 1 instead."
    )
    assert certificate.kind == "completion" and certificate.issued_by == staff_user
    assert certificate.override_reason.startswith("Attended the March")


def test_attendance_only_when_the_cohort_is_over(place, sessions, modules):
    attend(place, sessions[:3])
    assert issue_certificate(place.pk).kind == "attendance"


def test_passing_the_last_quiz_issues_the_certificate_and_its_pdf(
    place, sessions, modules, quizzes, django_capture_on_commit_callbacks
):
    """Through the real quiz service: the signal, the receiver, the task, the PDF."""
    attend(place, sessions)
    pass_quiz(place, modules[0], quizzes[0])
    done(place, modules[0])
    user = place.attendee
    with django_capture_on_commit_callbacks(execute=True):
        attempt = quiz_services.start_attempt(user=user, module=modules[1], quiz_id=quizzes[1].pk)
        answers = {
            q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
            for q in attempt.snapshot["questions"]
        }
        quiz_services.submit_attempt(user=user, attempt_id=attempt.pk, answers=answers)
    certificate = Certificate.objects.get()
    assert certificate.kind == "completion"
    version = certificate.current
    assert version.pdf and version.pdf.storage.exists(version.pdf.name)


def test_only_completion_is_issued_automatically(place, sessions, modules):
    from certificates.services import issue_if_due

    attend(place, sessions[:3])  # the cohort is over: an attendance certificate is earned
    assert issue_if_due(place.pk) is None
    assert issue_certificate(place.pk).kind == "attendance"


def test_completion_stands_in_for_attendance(completed):
    first = issue_certificate(completed.pk)
    assert issue_certificate(completed.pk, override_reason="") == first


def test_a_revoked_certificate_records_when(completed):
    from certificates.services import revoke_certificate

    certificate = revoke_certificate(issue_certificate(completed.pk).pk)
    assert certificate.status == "revoked" and certificate.status_changed_at


def test_the_learner_is_emailed_the_pdf_once(
    completed, mailoutbox, django_capture_on_commit_callbacks
):
    from certificates.tasks import deliver_certificate

    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(completed.pk)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["amara@example.com"]
    assert certificate.display_code in message.body
    assert f"/certificates/verify/{certificate.code}/" in message.body
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    deliver_certificate.delay(certificate.current.pk)  # retried: no second email
    assert len(mailoutbox) == 1
    assert certificate.current.emailed_at is not None
