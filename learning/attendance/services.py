"""Keeping a session's register. Every way of recording attendance — the whole form, one
learner's mark saved as the trainer goes, "mark everyone present", confirming check-ins —
calls `record_attendance`, so `check_marks` is the one place the rules live: the actor keeps
this cohort's register, the session is not in the future, and each place is a confirmed
place on the session's own cohort. One write per call, so the learning signal that follows
sees the marks together."""

from django.db import transaction
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from courses.services import visible_cohorts
from learning import exceptions
from learning.attendance.models import (
    AttendanceRecord,
    AttendanceStatus,
    SessionCheckIn,
    minutes_problem,
)
from learning.signals import attendance_recorded

PERMISSION = "learning.add_attendancerecord"


def register_places(session):
    """The confirmed places on the session's cohort: who the register lists."""
    return Place.objects.filter(cohort_id=session.cohort_id, status=PlaceStatus.CONFIRMED).order_by(
        "attendee_name", "pk"
    )


def may_keep_register(user, session):
    """Trainers of the session's cohort, and staff who manage cohorts."""
    return user.has_perm(PERMISSION) and visible_cohorts(user).filter(pk=session.cohort_id).exists()


def session_day(session):
    return timezone.localtime(session.starts_at).date()


def check_marks(*, session, marks, actor=None, now=None):
    """Raise LearningError with the first reason `marks` cannot be recorded. `actor` is None
    only for the system itself (the demo)."""
    now = now or timezone.now()
    if actor is not None and not may_keep_register(actor, session):
        raise exceptions.LearningError(exceptions.NOT_YOUR_REGISTER)
    if session_day(session) > timezone.localtime(now).date():
        day = f"{session_day(session):%A %-d %B %Y}"
        raise exceptions.LearningError(exceptions.SESSION_IN_FUTURE.format(date=day))
    places = Place.objects.in_bulk(list(marks))
    for place_id, (status, minutes) in marks.items():
        check_place(session, places.get(place_id))
        problem = minutes_problem(status, minutes, session.minutes)
        if problem:
            raise exceptions.LearningError(problem)


def check_place(session, place):
    if place is None:
        raise exceptions.LearningError(exceptions.NOT_ON_REGISTER)
    if place.cohort_id != session.cohort_id:
        raise exceptions.LearningError(
            exceptions.OTHER_COHORT.format(name=place.attendee_name, cohort=session.cohort)
        )
    if place.status != PlaceStatus.CONFIRMED:
        status = place.get_status_display().lower()
        raise exceptions.LearningError(
            exceptions.PLACE_NOT_CONFIRMED.format(name=place.attendee_name, status=status)
        )


def record_attendance(*, session, marks, actor=None, now=None):
    """Record `marks` ({place id: (status, minutes or None)}) for `session`, replacing what
    was recorded before. Every mark is checked before anything is written."""
    now = now or timezone.now()
    check_marks(session=session, marks=marks, actor=actor, now=now)
    with transaction.atomic():
        for place_id, (status, minutes) in marks.items():
            AttendanceRecord.objects.update_or_create(
                place_id=place_id,
                session=session,
                defaults={
                    "status": status,
                    "minutes_attended": minutes,
                    "recorded_by": actor,
                    "recorded_at": now,
                },
            )
        ids = sorted(marks)
        transaction.on_commit(
            lambda: attendance_recorded.send(
                sender=AttendanceRecord, session=session, place_ids=ids
            )
        )


def unmarked_places(session):
    return register_places(session).exclude(attendance__session=session)


def mark_everyone_present(*, session, actor=None, now=None):
    """Everyone on the register not yet marked is marked present; marks already given (a late
    arrival, an absence) stand. Returns how many were marked."""
    marks = {
        pk: (AttendanceStatus.PRESENT, None)
        for pk in unmarked_places(session).values_list("pk", flat=True)
    }
    if marks:
        record_attendance(session=session, marks=marks, actor=actor, now=now)
    return len(marks)


def pending_check_ins(session):
    """Check-ins waiting for the trainer, from places still confirmed on the cohort."""
    return SessionCheckIn.objects.filter(
        session=session,
        confirmed_at__isnull=True,
        place__cohort_id=session.cohort_id,
        place__status=PlaceStatus.CONFIRMED,
    )


def confirm_check_ins(*, session, actor=None, now=None):
    """The trainer vouches for everyone who checked in: those not yet marked become present;
    a mark the trainer already gave (late, left early) stands. Returns how many were
    confirmed."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(pending_check_ins(session).select_for_update())
        marked = set(
            AttendanceRecord.objects.filter(session=session).values_list("place_id", flat=True)
        )
        marks = {
            c.place_id: (AttendanceStatus.PRESENT, None)
            for c in pending
            if c.place_id not in marked
        }
        check_marks(session=session, marks=marks, actor=actor, now=now)
        if marks:
            record_attendance(session=session, marks=marks, actor=actor, now=now)
        SessionCheckIn.objects.filter(pk__in=[c.pk for c in pending]).update(
            confirmed_at=now, confirmed_by=actor
        )
    return len(pending)
