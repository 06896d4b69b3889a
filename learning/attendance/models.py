"""What happened to one place at one live session, as the trainer recorded it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    LEFT_EARLY = "left_early", "Left early"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Absent, excused"


# Late or left early: the learner was there for part of the session, so the trainer says how
# much of it (breaks excluded) they attended.
PARTIAL = (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)
ATTENDED = (AttendanceStatus.PRESENT, *PARTIAL)


class AttendanceRecord(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    place = models.ForeignKey("bookings.Place", on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(
        "courses.CohortSession", on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=12, choices=AttendanceStatus)
    minutes_attended = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Only when late or left early: minutes of teaching attended.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "place"]
        constraints = [
            models.UniqueConstraint(fields=["place", "session"], name="one_record_per_session")
        ]

    def __str__(self):
        return f"{self.place.attendee_name} at {self.session}: {self.get_status_display()}"

    @property
    def attended(self):
        return self.status in ATTENDED

    def clean(self):
        problem = minutes_problem(self.status, self.minutes_attended, self.session.minutes)
        if problem:
            raise ValidationError({"minutes_attended": problem})

    def credited_minutes(self, session=None):
        """Minutes of teaching that count as CPD: all of them when present, those recorded
        when late or left early (never more than the session's), none when absent."""
        session_minutes = (session or self.session).minutes
        if self.status == AttendanceStatus.PRESENT:
            return session_minutes
        if self.status in PARTIAL:
            return min(self.minutes_attended or 0, session_minutes)
        return 0


def minutes_problem(status, minutes, session_minutes):
    """Why `minutes` does not fit `status`, or None."""
    if status in PARTIAL and minutes is None:
        return "Say how many minutes they attended when late or leaving early."
    if status in PARTIAL and minutes > session_minutes:
        return f"The session has {session_minutes} minutes of teaching."
    if status not in PARTIAL and minutes is not None:
        return "Minutes attended are only recorded when late or leaving early."
    return None


class SessionCheckIn(models.Model):
    """A learner's own "I am here", from the code shown in the room. It is not attendance
    until the trainer confirms it, so the certificate rules read AttendanceRecord only and a
    check-in never counts by itself."""

    place = models.ForeignKey("bookings.Place", on_delete=models.CASCADE, related_name="check_ins")
    session = models.ForeignKey(
        "courses.CohortSession", on_delete=models.CASCADE, related_name="check_ins"
    )
    checked_in_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["session", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["place", "session"], name="one_check_in_per_session")
        ]

    def __str__(self):
        state = "confirmed" if self.confirmed_at else "waiting for the trainer"
        return f"{self.place.attendee_name} checked in to {self.session} ({state})"

    @property
    def pending(self):
        return self.confirmed_at is None
