"""Reminders before a course starts: a record of each one sent, so none is sent twice."""

from django.db import models


class ReminderKind(models.TextChoices):
    WEEK = "week", "7 days before"
    DAY = "day", "1 day before"


class PlaceReminder(models.Model):
    """One reminder of one kind to one place, written in the transaction that decides to send
    it: a second run (or a re-delivered task) finds the row and sends nothing."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    place = models.ForeignKey("bookings.Place", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["place", "kind"], name="one_reminder_per_place_kind")
        ]

    def __str__(self):
        return f"{self.place} ({self.get_kind_display()})"
