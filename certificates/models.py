"""Completion rules per course, certificates and what each version stated at issue."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from certificates.codes import grouped, new_code


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class CompletionRule(ClusterableModel):
    """What a place must do on a course to earn a certificate of completion. A course with
    no rule gets the defaults (an unsaved rule: see `rule_for`)."""

    course = models.OneToOneField(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completion_rule"
    )
    attendance_percent = models.PositiveSmallIntegerField(
        "share of live sessions to attend (%)", default=80, validators=[MaxValueValidator(100)]
    )
    mandatory_sessions = models.BooleanField(
        "mandatory sessions must be attended",
        default=True,
        help_text="Sessions ticked as mandatory on the cohort must be attended, whatever the "
        "share.",
    )
    quizzes = ParentalManyToManyField(
        "learning.Quiz",
        blank=True,
        related_name="+",
        help_text="Quizzes to pass. Leave empty for every required quiz in the course's "
        "required modules.",
    )
    evaluation_required = models.BooleanField(
        "last-day evaluation required",
        default=False,
        help_text="Not applied yet: the evaluation is still being built, so this is ignored "
        "until it exists.",
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("attendance_percent"),
        FieldPanel("mandatory_sessions"),
        FieldPanel("quizzes"),
        FieldPanel("evaluation_required"),
    ]

    def __str__(self):
        return f"Completion rule for {self.course}"


class CertificateKind(models.TextChoices):
    COMPLETION = "completion", "Certificate of completion"
    ATTENDANCE = "attendance", "Certificate of attendance"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "Valid"
    SUSPENDED = "suspended", "Suspended"
    REVOKED = "revoked", "Revoked"


class Certificate(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    code = models.CharField(max_length=13, unique=True, default=new_code, editable=False)
    place = models.ForeignKey(
        "bookings.Place", on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(max_length=12, choices=CertificateKind)
    status = models.CharField(max_length=10, choices=CertificateStatus, default="valid")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when staff issue without the rule being met (the Certificates tab's override).
    override_reason = models.TextField(blank=True)
    # Its bit on the published status lists (certificates/badges/status_list.py): given once,
    # when its first Open Badge is signed, and never reused.
    status_list_index = models.PositiveIntegerField(
        null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        ordering = ["-issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "kind"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_place_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.display_code}"

    @property
    def display_code(self):
        return grouped(self.code)

    @property
    def current(self):
        """The version in force: the latest."""
        return self.versions.order_by("-number").first()


class CertificateVersion(models.Model):
    """What the certificate stated when this version was issued, never edited afterwards."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(default=1)
    issued_at = models.DateTimeField()
    learner_name = models.CharField(max_length=200)
    registration_body = models.CharField(max_length=10, blank=True)
    registration_number = models.CharField(max_length=50, blank=True)
    course_title = models.CharField(max_length=255)
    delivery = models.CharField(max_length=40)
    start_date = models.DateField()
    end_date = models.DateField()
    days_attended = models.JSONField(default=list, blank=True)  # ["2026-10-05", …] in order
    participatory_hours = models.DecimalField(max_digits=5, decimal_places=1)
    self_directed_hours = models.DecimalField(max_digits=5, decimal_places=1)
    outcomes = models.JSONField(default=list, blank=True)
    award = models.CharField(max_length=100)
    rule_summary = models.TextField()
    provider_name = models.CharField(max_length=200)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    pdf = models.FileField(storage=private_storage, upload_to="certificates/%Y/", blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)  # sent to the learner, once
    # The version as a signed Open Badges 3.0 credential (a VC-JWT), made once and kept.
    badge_jwt = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["certificate", "number"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.certificate}, version {self.number}"

    @property
    def attended_days(self):
        return [datetime.date.fromisoformat(day) for day in self.days_attended]

    @property
    def total_hours(self):
        return self.participatory_hours + self.self_directed_hours


class CertificateBatch(models.Model):
    """A trainer's "issue for all who qualify" on one cohort: the places it covered, so that
    its progress page can count how many of them now hold a certificate. Counts are never
    stored: they are read from the certificates themselves, so a retried or lost task cannot
    leave them wrong. The submission key makes a double click one batch."""

    cohort = models.ForeignKey(
        "courses.Cohort", on_delete=models.CASCADE, related_name="certificate_batches"
    )
    place_ids = models.JSONField(default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    submission_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{len(self.place_ids)} certificates for {self.cohort}"
