"""Keeping a session's register. One write for the whole session, so the learning signal
that follows sees every learner's attendance at once."""

from django.db import transaction
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from learning import exceptions
from learning.attendance.models import AttendanceRecord, minutes_problem
from learning.signals import attendance_recorded


def register_places(session):
    """The confirmed places on the session's cohort: who the register lists."""
    return Place.objects.filter(cohort_id=session.cohort_id, status=PlaceStatus.CONFIRMED).order_by(
        "attendee_name", "pk"
    )


def record_attendance(*, session, marks, actor=None, now=None):
    """Record `marks` ({place id: (status, minutes or None)}) for `session`, replacing what
    was recorded before. Every mark is checked before anything is written."""
    now = now or timezone.now()
    places = set(register_places(session).values_list("pk", flat=True))
    for place_id, (status, minutes) in marks.items():
        if place_id not in places:
            raise exceptions.LearningError(exceptions.NOT_ON_REGISTER)
        problem = minutes_problem(status, minutes, session.minutes)
        if problem:
            raise exceptions.LearningError(problem)
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
