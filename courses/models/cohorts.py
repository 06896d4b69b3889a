"""Cohorts: one scheduled run of a course, with its live sessions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Live online"
    BLENDED = "blended", "Blended"


class CohortStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for booking"
    CLOSED = "closed", "Booking closed"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"


class CohortQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: not drafts, on live course pages."""
        return self.exclude(status=CohortStatus.DRAFT).filter(course__live=True)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(start_date__gte=today).exclude(status=CohortStatus.CANCELLED)

    def for_listing(self):
        return (
            self.select_related("course").prefetch_related("sessions").order_by("start_date", "pk")
        )

    def taught_by(self, user):
        return self.filter(trainers__user=user).distinct()


class Cohort(ClusterableModel):
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="cohorts"
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Optional, for example: Spring, in person"
    )
    delivery = models.CharField(
        "format", max_length=20, choices=Delivery.choices, default=Delivery.IN_PERSON
    )
    start_date = models.DateField()
    end_date = models.DateField()
    capacity = models.PositiveSmallIntegerField(default=20)
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    joining_details = models.TextField(
        "online joining details",
        blank=True,
        help_text="Link and passcode for live online sessions. Shown only to booked learners.",
    )
    trainers = models.ManyToManyField("courses.Trainer", blank=True, related_name="cohorts")
    booking_opens = models.DateTimeField(null=True, blank=True)
    booking_closes = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to close at the start of the first day."
    )
    early_bird_deadline = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=CohortStatus.choices, default=CohortStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        label = self.title or self.get_delivery_display()
        return f"{self.course.title}: {self.start_date:%-d %b %Y} ({label})"

    @property
    def is_online(self):
        return self.delivery == Delivery.ONLINE

    @property
    def closes_at(self):
        if self.booking_closes:
            return self.booking_closes
        start = datetime.datetime.combine(self.start_date, datetime.time(0, 0))
        return timezone.make_aware(start)

    def early_bird_open(self, today=None):
        today = today or timezone.localdate()
        return bool(self.early_bird_deadline and today <= self.early_bird_deadline)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The last day must be on or after the first day."
        if self.booking_opens and self.booking_closes and self.booking_closes <= self.booking_opens:
            errors["booking_closes"] = "Booking must close after it opens."
        if (
            self.early_bird_deadline
            and self.start_date
            and self.early_bird_deadline > self.start_date
        ):
            errors["early_bird_deadline"] = (
                "The early-bird deadline must be before the course starts."
            )
        if (
            self.delivery != Delivery.IN_PERSON
            and not self.joining_details
            and self.status == CohortStatus.OPEN
        ):
            errors["joining_details"] = "Give the joining details for the online sessions."
        if (
            self.delivery != Delivery.ONLINE
            and not self.venue_name
            and self.status == CohortStatus.OPEN
        ):
            errors["venue_name"] = "Give the venue for the in-person sessions."
        if errors:
            raise ValidationError(errors)


class CohortSession(models.Model):
    """One live day or session. Its hours, less breaks, are participatory CPD."""

    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    break_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Breaks and registration, not counted as CPD."
    )
    online = models.BooleanField(
        default=False, help_text="Tick for a live online session in a blended cohort."
    )
    mandatory = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return self.title or f"{local:%A %-d %B %Y, %H:%M}"

    @property
    def is_online(self):
        return self.online or self.cohort.delivery == Delivery.ONLINE

    @property
    def minutes(self):
        return max(
            0, int((self.ends_at - self.starts_at).total_seconds() // 60) - self.break_minutes
        )

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The session must end after it starts."
        cohort = self.cohort if self.cohort_id or getattr(self, "_cohort_cache", None) else None
        if cohort and self.starts_at and cohort.start_date and cohort.end_date:
            day = timezone.localtime(self.starts_at).date()
            if not cohort.start_date <= day <= cohort.end_date:
                errors["starts_at"] = (
                    f"The session falls outside the cohort's dates "
                    f"({cohort.start_date:%-d %b} to {cohort.end_date:%-d %b %Y})."
                )
        if errors:
            raise ValidationError(errors)
