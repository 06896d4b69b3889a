"""Modules of a course, and what each learner has done in them."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.models import ViewRestrictionsWhenAnyMixin
from learning.blocks import ModuleStreamBlock


class ModulePage(ViewRestrictionsWhenAnyMixin, Page):
    """One unit of online learning, opened to a cohort `release_offset_days` after it starts."""

    intro = models.TextField(max_length=600, help_text="What the learner will get from it.")
    estimated_minutes = models.PositiveSmallIntegerField(
        default=30, validators=[MaxValueValidator(600)]
    )
    release_offset_days = models.SmallIntegerField(
        default=0,
        help_text="Days after the cohort's first day that the module opens; negative opens "
        "it before the course starts (pre-course reading).",
    )
    required = models.BooleanField(
        default=True, help_text="Counts towards the learner's progress and completion."
    )
    body = StreamField(ModuleStreamBlock())

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("release_offset_days")]),
                FieldPanel("required"),
            ],
            heading="Timing",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    def get_sitemap_urls(self, request=None):
        # Booked learners reach modules from My learning; crawlers would only meet the
        # "how to book" page, which the course page already is.
        return []

    def release_date(self, cohort):
        return cohort.start_date + datetime.timedelta(days=self.release_offset_days)

    def serve(self, request, *args, **kwargs):
        from learning.views import module_page

        return module_page(request, self)

    def serve_preview(self, request, mode_name):
        """The page as learners see it. Only editors reach a preview (the admin checks), and
        a new page has no cohort to apply the release rule to."""
        from learning.access import Access, Reason
        from learning.views import module_page

        return module_page(request, self, access=Access(True, Reason.STAFF))


class ModuleProgress(models.Model):
    """A learner marked a module done, on the cohort their place is on."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="progress")
    cohort = models.ForeignKey(
        "courses.Cohort", on_delete=models.CASCADE, related_name="module_progress"
    )
    done_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "module progress"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "cohort"], name="one_progress_per_module_and_cohort"
            )
        ]

    def __str__(self):
        return f"{self.user} done {self.module}"


class ReflectionNote(models.Model):
    """The learner's private notes on a module: shown to nobody else, not even trainers."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_notes"
    )
    module = models.ForeignKey(
        ModulePage, on_delete=models.CASCADE, related_name="reflection_notes"
    )
    text = models.TextField(max_length=20000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="one_note_per_module")
        ]

    def __str__(self):
        return f"Note by {self.user} on {self.module}"


# The quiz, evaluation, attendance, materials and mailings models live in their own subpackages;
# importing them here registers them with the app.
from learning.attendance.models import (  # noqa: E402, F401
    AttendanceRecord,
    AttendanceStatus,
    SessionCheckIn,
)
from learning.evaluation.models import (  # noqa: E402, F401
    CourseEvaluation,
    EvaluationResponse,
    Instrument,
    InstrumentItem,
    ResearchConsent,
    WaveInstrument,
)
from learning.mailings.models import (  # noqa: E402, F401
    CohortMessage,
    MessageRecipient,
    MessageTemplate,
)
from learning.materials.models import CohortMaterial  # noqa: E402, F401
from learning.quizzes.models import (  # noqa: E402, F401
    Choice,
    Question,
    Quiz,
    QuizAdjustment,
    QuizAttempt,
    QuizRegrade,
)
