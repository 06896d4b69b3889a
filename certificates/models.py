"""Completion rules per course, certificates and what each version stated at issue."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
        help_text="The learner must submit the last-day evaluation questions before a "
        "certificate of completion is issued.",
    )
    validity_months = models.PositiveSmallIntegerField(
        "valid for (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Leave blank for certificates that do not expire. Set it only where the "
        "course must be retaken (for example an annual update).",
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("attendance_percent"),
        FieldPanel("mandatory_sessions"),
        FieldPanel("quizzes"),
        FieldPanel("evaluation_required"),
        FieldPanel("validity_months"),
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


class StatusReason(models.TextChoices):
    """Why a certificate was suspended, revoked or reinstated: the kind is public (the
    verify page shows it), the note beside it is for staff only."""

    ISSUED_IN_ERROR = "error", "Issued in error"
    RECORDS_UNDER_REVIEW = "review", "Attendance or assessment records under review"
    RECORDS_CORRECTED = "corrected", "Attendance or assessment records corrected"
    MISCONDUCT = "misconduct", "Academic or professional misconduct"
    LEARNER_REQUEST = "learner", "At the learner's request"
    REVIEW_CLEARED = "cleared", "Review completed: the certificate stands"
    OTHER = "other", "Other reason"
    # Set only when the holder deletes their account and asks for it (certificates.privacy):
    # the certificate then names nobody. Not offered to staff.
    WITHDRAWN = "withdrawn", "Withdrawn at the holder's request"


class Certificate(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    code = models.CharField(max_length=13, unique=True, default=new_code, editable=False)
    place = models.ForeignKey(
        "bookings.Place", on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(max_length=12, choices=CertificateKind)
    status = models.CharField(max_length=10, choices=CertificateStatus, default="valid")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The kind of reason for the last change of status (shown on the verify page); the
    # staff's note is kept on its CertificateEvent.
    status_reason = models.CharField(max_length=12, choices=StatusReason, blank=True)
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
    def withdrawn(self):
        """Withdrawn at the holder's request: the verify page says so and names nobody."""
        return self.status_reason == StatusReason.WITHDRAWN

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
    course_code = models.CharField(max_length=20, blank=True)
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
    # The partnership's organisations as the site settings named them at issue.
    trust_name = models.CharField("NHS trust", max_length=200, blank=True)
    university_name = models.CharField("university", max_length=200, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    # A copy of the signature image as it was at issue (named by its content's hash, so
    # versions signed with the same image share one file): a new image in the settings
    # never changes a certificate already issued.
    signature = models.FileField(
        storage=private_storage, upload_to="certificates/signatures/", blank=True
    )
    expires_on = models.DateField(null=True, blank=True)  # only when the course sets a validity
    # Why this version exists: the first issue, or what changed from the one before.
    change_note = models.CharField(max_length=200, blank=True)
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


class EventKind(models.TextChoices):
    ISSUED = "issued", "Issued"
    SUSPENDED = "suspended", "Suspended"
    REVOKED = "revoked", "Revoked"
    REINSTATED = "reinstated", "Reinstated"
    CORRECTION_REQUESTED = "requested", "Name correction requested"
    CORRECTION_APPROVED = "corrected", "Name corrected: re-issued"
    CORRECTION_DECLINED = "declined", "Name correction declined"


class CertificateEvent(models.Model):
    """The certificate's history, appended to and never edited: every change of status with
    its reason and who made it, and every name correction asked for and decided."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind)
    reason = models.CharField(max_length=12, choices=StatusReason, blank=True)
    note = models.TextField(blank=True)
    version = models.ForeignKey(
        CertificateVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["certificate", "at", "pk"]

    def __str__(self):
        return f"{self.certificate}: {self.get_kind_display()} on {self.at:%d %b %Y}"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class NameCorrection(models.Model):
    """A learner's request to correct their name on a certificate to match their
    professional register; staff approve it (a new version) or decline it."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="name_corrections"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_name = models.CharField(max_length=200)  # as the certificate stated it
    name = models.CharField("name as on your professional register", max_length=200)
    note = models.TextField(blank=True)
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=CorrectionStatus, default="pending")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    version = models.ForeignKey(  # the version it produced, when approved
        CertificateVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status="pending"),
                name="one_pending_correction_per_certificate",
            )
        ]

    def __str__(self):
        return f"Name correction for {self.certificate}: {self.current_name} to {self.name}"
