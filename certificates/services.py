"""Issuing a certificate: once per place and kind, whatever retries or double clicks do."""

import calendar
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from certificates import exceptions
from certificates.documents import copy_signature
from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateEvent,
    CertificateKind,
    CertificateStatus,
    CertificateVersion,
    EventKind,
)
from certificates.rules import progress, progress_many, rule_summary
from certificates.signals import certificate_issued
from cms.models.settings import default_site_settings


def issue_certificate(place_id, *, actor=None, override_reason="", now=None):
    """The place's certificate, issued now if it has none: completion when the rule is met,
    attendance when the cohort is over and they came; completion whatever the rule when staff
    give an override reason (kept on the certificate). Returns the existing certificate of
    that kind (valid, suspended or revoked) rather than issuing a second."""
    now = now or timezone.now()
    with transaction.atomic():
        place = locked_place(place_id)
        if place.status != PlaceStatus.CONFIRMED:
            raise exceptions.CertificateError(exceptions.NOT_CONFIRMED)
        result = progress(place, now=now)
        kind = CertificateKind.COMPLETION if override_reason else result.award
        if kind is None:
            raise exceptions.CertificateError(exceptions.NOT_ELIGIBLE)
        # A completion certificate stands in for an attendance one: never both.
        kinds = [kind, CertificateKind.COMPLETION]
        existing = place.certificates.filter(kind__in=kinds).order_by("kind", "pk").first()
        if existing:
            return existing
        certificate = Certificate.objects.create(
            place=place, kind=kind, issued_at=now, issued_by=actor, override_reason=override_reason
        )
        version = freeze(certificate, place, result, now)
        CertificateEvent.objects.create(
            certificate=certificate,
            kind=EventKind.ISSUED,
            note=override_reason,
            version=version,
            actor=actor,
            at=now,
        )
        transaction.on_commit(lambda: after_issue(certificate, version))
    return certificate


def locked_place(place_id):
    """The place's row is the lock: two issues at once wait here, and the second finds the
    first's certificate (the unique constraint is the guard behind it)."""
    return Place.objects.select_for_update().select_related("cohort__course").get(pk=place_id)


def after_issue(certificate, version):
    from certificates.tasks import deliver_certificate

    deliver_certificate.delay(version.pk)
    certificate_issued.send(sender=Certificate, certificate=certificate)


def freeze(certificate, place, result, now):
    """Version 1: everything the certificate states, copied now so that later edits to the
    course, the learner's profile or the settings never change what was issued."""
    course, cohort, attendee = place.cohort.course, place.cohort, place.attendee
    site = default_site_settings()
    return CertificateVersion.objects.create(
        certificate=certificate,
        number=1,
        issued_at=now,
        learner_name=attendee.display_name if attendee else place.attendee_name,
        registration_body=attendee.registration_body if attendee else "",
        registration_number=attendee.registration_number if attendee else "",
        course_title=course.title,
        course_code=course.course_code,
        delivery=cohort.get_delivery_display(),
        start_date=cohort.start_date,
        end_date=cohort.end_date,
        days_attended=[day.isoformat() for day in result.days_attended],
        participatory_hours=result.participatory_hours,
        self_directed_hours=result.self_directed_hours,
        outcomes=[block.value for block in course.outcomes if block.block_type == "outcome"],
        award=certificate.get_kind_display(),
        rule_summary=rule_summary(result.rule, result.quizzes_required),
        provider_name=site.provider_name,
        trust_name=site.certificate_trust_name,
        university_name=site.certificate_university_name,
        signatory_name=site.certificate_signatory_name,
        signatory_title=site.certificate_signatory_title,
        signature=copy_signature(site) if site.certificate_signatory_name else "",
        expires_on=expiry(result.rule, now),
        change_note="First issued",
    )


def expiry(rule, now):
    """The day the certificate stops being valid, or None: only a course whose rule sets a
    validity period has certificates that expire."""
    if not rule.validity_months:
        return None
    return add_months(timezone.localdate(now), rule.validity_months)


def add_months(day, months):
    """`day` moved on by `months`, kept within the month (31 January + 1 = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, days_in(year, month)))


def days_in(year, month):
    return calendar.monthrange(year, month)[1]


def issue_if_due(place_id):
    """Issue the place's certificate of completion if it has met the rule; otherwise nothing.
    Only completion is automatic: an attendance certificate waits for staff (the bulk issue
    after the course), since a learner may still pass a quiz after the last day.

    A completion certificate issued already, valid but never emailed, is delivered again: a
    worker that died between the issue's commit and queueing its delivery is requeued with
    this task (acks_late), and the rerun must finish the job rather than find it done."""
    place = Place.objects.select_related("cohort__course").get(pk=place_id)
    if place.status != PlaceStatus.CONFIRMED:
        return None
    held = place.certificates.filter(kind=CertificateKind.COMPLETION).first()
    if held is not None:  # nothing more to earn: the rule is not worked out again
        version = held.current
        if held.status == CertificateStatus.VALID and version and version.emailed_at is None:
            after_issue(held, version)  # both steps are idempotent: a second run adds nothing
        return held
    if progress(place).award != CertificateKind.COMPLETION:
        return None
    return issue_certificate(place_id)


def override_certificate(place_id, *, actor, reason, now=None):
    """A certificate of completion for a place that has not met the rule, the reason kept on
    it. A place that already holds a completion certificate gets that one back (a double
    click); one holding another certificate is refused: staff revoke that first."""
    reason = reason.strip()
    if not reason:
        raise exceptions.CertificateError(exceptions.NO_REASON)
    held = Certificate.objects.filter(place_id=place_id)
    completion = held.filter(kind=CertificateKind.COMPLETION).first()
    if completion:
        return completion
    if held.exists():
        raise exceptions.CertificateError(exceptions.ALREADY_HELD)
    return issue_certificate(place_id, actor=actor, override_reason=reason, now=now)


def start_batch(cohort, *, actor, key, expected=None, now=None):
    """Issue every certificate the cohort is due, as a batch of per-place Celery tasks queued
    after commit. The same `key` again returns the first batch: a double click issues once
    (and issue_certificate would refuse a second certificate anyway). `expected` is the
    number the trainer confirmed: if it has changed since, nothing is issued."""
    from certificates.cohort import cohort_rows, due_rows

    existing = CertificateBatch.objects.filter(submission_key=key).first()
    if existing:
        return existing
    rows = due_rows(cohort_rows(cohort, now=now))
    if not rows:
        raise exceptions.CertificateError(exceptions.NOTHING_DUE)
    if expected is not None and expected != len(rows):
        raise exceptions.CertificateError(exceptions.COUNT_CHANGED)
    try:
        with transaction.atomic():
            batch = CertificateBatch.objects.create(
                cohort=cohort,
                place_ids=[row.place.pk for row in rows],
                requested_by=actor,
                created_at=now or timezone.now(),
                submission_key=key,
            )
            transaction.on_commit(lambda: queue_batch(batch))
    except IntegrityError:  # the same key, committed by a concurrent request
        return CertificateBatch.objects.get(submission_key=key)
    return batch


def queue_batch(batch):
    from certificates.tasks import batch_group

    batch_group(batch).apply_async()


@dataclass(frozen=True)
class BatchProgress:
    total: int
    issued: int
    not_due: int  # no longer due when its task ran: a place cancelled, a rule changed

    @property
    def pending(self):
        return self.total - self.issued - self.not_due

    @property
    def finished(self):
        return self.pending <= 0


def batch_progress(batch):
    """How far the batch has gone, read from the certificates its places now hold (whoever
    issued them), never from counters a lost task could leave wrong."""
    issued = set(
        Certificate.objects.filter(place_id__in=batch.place_ids).values_list("place_id", flat=True)
    )
    rest = [pk for pk in batch.place_ids if pk not in issued]
    confirmed = list(
        Place.objects.filter(pk__in=rest, status=PlaceStatus.CONFIRMED).select_related(
            "cohort__course"
        )
    )
    still_due = sum(1 for result in progress_many(confirmed).values() if result.award)
    return BatchProgress(
        total=len(batch.place_ids), issued=len(issued), not_due=len(rest) - still_due
    )


def revoke_certificate(certificate_id, *, actor=None, now=None, reason="", note=""):
    """Revoke: the verify page keeps working and says revoked, with the date and the kind of
    reason. See certificates/statuses.py for suspending and reinstating."""
    from certificates.statuses import REVOKE, change_status

    return change_status(certificate_id, REVOKE, reason=reason, note=note, actor=actor, now=now)
