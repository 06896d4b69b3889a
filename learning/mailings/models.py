"""Message templates, the messages sent to a cohort, and who each went to."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel


class MessageTemplate(models.Model):
    name = models.CharField(max_length=100, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(
        help_text="Placeholders filled in for each learner: {first_name}, {course}, {dates}, "
        "{venue}, {joining_details}, {my_learning_url}."
    )

    panels = [FieldPanel("name"), FieldPanel("subject"), FieldPanel("body")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CohortMessage(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="messages")
    template = models.ForeignKey(
        MessageTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    # The form's one-time key: a double click or a resubmitted page makes one message.
    submission_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject


class MessageRecipient(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    message = models.ForeignKey(CohortMessage, on_delete=models.CASCADE, related_name="recipients")
    place = models.ForeignKey("bookings.Place", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["message", "place"]
        constraints = [
            models.UniqueConstraint(fields=["message", "place"], name="one_email_per_place")
        ]

    def __str__(self):
        return f"{self.message} to {self.place.attendee_name}"
