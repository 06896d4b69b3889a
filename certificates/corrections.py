"""Name corrections: a learner asks for the name on their certificate to match their
professional register; staff approve (the certificate is re-issued as a new version with
the same code, a new PDF and a new Open Badge, and emailed again) or decline (the learner is
told why). Every step is kept in the certificate's history (CertificateEvent); earlier
versions stay as they were and show as superseded on the verify page.
"""

from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from certificates import exceptions
from certificates.models import (
    Certificate,
    CertificateEvent,
    CertificateStatus,
    CertificateVersion,
    CorrectionStatus,
    EventKind,
    NameCorrection,
)

# What a new version takes over from the one it supersedes, unchanged.
CARRIED = [
    "registration_body",
    "registration_number",
    "course_title",
    "course_code",
    "delivery",
    "start_date",
    "end_date",
    "days_attended",
    "participatory_hours",
    "self_directed_hours",
    "outcomes",
    "award",
    "rule_summary",
    "provider_name",
    "trust_name",
    "university_name",
    "signatory_name",
    "signatory_title",
    "signature",
    "expires_on",
]


def request_correction(certificate, *, user, name, note="", now=None):
    """Record the learner's request (one waiting per certificate)."""
    now = now or timezone.now()
    name = " ".join(name.split())
    current = certificate.current
    if certificate.status != CertificateStatus.VALID:
        raise exceptions.CertificateError(exceptions.CORRECTION_NOT_ALLOWED)
    if name == current.learner_name:
        raise exceptions.CertificateError(exceptions.SAME_NAME)
    try:
        with transaction.atomic():
            correction = NameCorrection.objects.create(
                certificate=certificate,
                requested_by=user,
                current_name=current.learner_name,
                name=name,
                note=note,
                requested_at=now,
            )
    except IntegrityError:
        raise exceptions.CertificateError(exceptions.CORRECTION_PENDING) from None
    record(correction, EventKind.CORRECTION_REQUESTED, user, now, note=f"To: {name}")
    return correction


def record(correction, kind, actor, now, note="", version=None):
    CertificateEvent.objects.create(
        certificate=correction.certificate,
        kind=kind,
        note=note,
        version=version,
        actor=actor,
        at=now,
    )


def locked_pending(correction_id):
    correction = NameCorrection.objects.select_for_update().get(pk=correction_id)
    if correction.status != CorrectionStatus.PENDING:
        raise exceptions.CertificateError(exceptions.CORRECTION_DECIDED)
    return correction


def approve_correction(correction_id, *, actor, note="", now=None):
    """Re-issue the certificate with the corrected name as its next version, then (after
    commit) render, email and sign it as a first issue would be."""
    now = now or timezone.now()
    with transaction.atomic():
        correction = locked_pending(correction_id)
        certificate = Certificate.objects.select_for_update().get(pk=correction.certificate_id)
        if certificate.status != CertificateStatus.VALID:
            raise exceptions.CertificateError(exceptions.CORRECTION_NOT_ALLOWED)
        version = reissue(
            certificate, now, learner_name=correction.name, change_note="Name corrected"
        )
        decide(correction, CorrectionStatus.APPROVED, actor, note, now, version=version)
        record(
            correction,
            EventKind.CORRECTION_APPROVED,
            actor,
            now,
            note=f"{correction.current_name} to {correction.name}. {note}".strip(),
            version=version,
        )
        transaction.on_commit(lambda: after_reissue(version))
    return version


def decline_correction(correction_id, *, actor, note="", now=None):
    """Leave the certificate as it is and tell the learner why."""
    from certificates.emails import send_correction_declined

    now = now or timezone.now()
    with transaction.atomic():
        correction = locked_pending(correction_id)
        decide(correction, CorrectionStatus.DECLINED, actor, note, now)
        record(correction, EventKind.CORRECTION_DECLINED, actor, now, note=note)
        transaction.on_commit(lambda: send_correction_declined(correction))
    return correction


def decide(correction, status, actor, note, now, version=None):
    correction.status = status
    correction.decided_by = actor
    correction.decided_at = now
    correction.decision_note = note
    correction.version = version
    correction.save()


def reissue(certificate, now, *, change_note, **changes):
    """The certificate's next version: the current one's statements with `changes`, issued
    now. Call with the certificate's row locked (version numbers are unique per
    certificate: a race fails rather than forking)."""
    current = certificate.current
    fields = model_to_dict(current, fields=CARRIED)
    fields["signature"] = current.signature.name
    return CertificateVersion.objects.create(
        certificate=certificate,
        number=current.number + 1,
        issued_at=now,
        change_note=change_note,
        **{**fields, **changes},
    )


def after_reissue(version):
    from certificates.tasks import deliver_certificate, make_badge

    deliver_certificate.delay(version.pk)
    make_badge.delay(version.pk)
