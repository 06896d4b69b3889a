from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Trainer(index.Indexed, models.Model):
    """A person who teaches on the courses: their public biography, and their login if any."""

    name = models.CharField(max_length=200)
    role = models.CharField(
        max_length=200, help_text="For example: Consultant liaison psychiatrist"
    )
    bio = models.TextField("short biography", max_length=1200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_profile",
        help_text="The account this trainer signs in with, so they can see their cohorts.",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("user")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
