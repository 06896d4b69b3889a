"""Evaluation: instruments are data (items, scale, scoring), chosen per course for each wave;
a learner's answers to one wave are one `EvaluationResponse`, keyed for research by a
pseudonym; `ResearchConsent` records whether those answers may be used for research and audit.

`EvaluationResponse.place` tells the platform who has done their wave (so My learning can
say what is due). Research exports and reports must never include it, nor anything reached
through it but the profession and the cohort: the pseudonym is the only key they carry.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class Wave(models.TextChoices):
    BEFORE = "before", "Before the course"
    LAST_DAY = "last_day", "On the last day"
    FOLLOW_UP = "follow_up", "Three months after"


class Kind(models.TextChoices):
    CONFIDENCE = "confidence", "Confidence in each skill"
    KNOWLEDGE = "knowledge", "Knowledge test (parallel forms A and B)"
    REACTION = "reaction", "Reaction to the course"
    RETROSPECTIVE = "retrospective", "Looking back: confidence before the course"
    PRACTICE = "practice", "Use in practice"


class Scoring(models.TextChoices):
    MEAN = "mean", "Mean of the items"
    SUM = "sum", "Sum of the items"
    CORRECT = "correct", "Number of correct answers"
    NONE = "none", "Not scored (each item reported on its own)"


class Form(models.TextChoices):
    BOTH = "", "Every wave"
    A = "A", "Form A (before the course)"
    B = "B", "Form B (after the course)"


class InstrumentForm(WagtailAdminModelForm):
    """Knowledge items need their choices, a correct one and a form; rating items need none,
    or nobody could answer or score them."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if kind != Kind.KNOWLEDGE and low is not None and high is not None and low >= high:
            self.add_error("scale_max", "The top of the scale must be above the bottom.")
        for form in self.formsets["items"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE") or not form.cleaned_data:
                continue
            problem = item_problem(kind, form.cleaned_data)
            if problem:
                form.add_error("choices", problem)
                self.add_error(None, f"Item “{form.cleaned_data.get('text', '')[:60]}”: {problem}")
        return cleaned


def item_problem(kind, item):
    lines = choice_lines(item.get("choices", ""))
    if kind != Kind.KNOWLEDGE:
        if item.get("form"):
            return "Only knowledge items come in forms A and B: leave it as every wave."
        return "Only knowledge items have choices." if lines else None
    if len(lines) < 2:
        return "Give at least two choices, one a line."
    if not item.get("correct_choice") or item["correct_choice"] > len(lines):
        return f"Give the number (1 to {len(lines)}) of the correct choice."
    if not item.get("form"):
        return "Say whether the item is in form A or form B."
    return None


def choice_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Instrument(index.Indexed, ClusterableModel):
    """A questionnaire or test: its items, the scale they are answered on, how it is scored."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind)
    prompt = models.TextField(
        max_length=1000, blank=True, help_text="Shown to the learner above the items."
    )
    scale_min = models.SmallIntegerField(default=0, validators=[MinValueValidator(0)])
    scale_max = models.SmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    min_anchor = models.CharField(
        max_length=100, blank=True, help_text="What the bottom of the scale means."
    )
    max_anchor = models.CharField(
        max_length=100, blank=True, help_text="What the top of the scale means."
    )
    scoring = models.CharField(max_length=10, choices=Scoring, default=Scoring.MEAN)
    optional = models.BooleanField(
        default=False, help_text="Learners may leave its items unanswered."
    )
    licence_note = models.TextField(
        max_length=2000,
        blank=True,
        help_text="Who owns a published scale and on what terms we use it.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("prompt"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("scale_min"), FieldPanel("scale_max")]),
                FieldRowPanel([FieldPanel("min_anchor"), FieldPanel("max_anchor")]),
            ],
            heading="Scale (not used by knowledge tests)",
        ),
        FieldRowPanel([FieldPanel("scoring"), FieldPanel("optional")]),
        FieldPanel("licence_note"),
        InlinePanel("items", heading="Items", label="Item", min_num=1),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = InstrumentForm

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_knowledge(self):
        return self.kind == Kind.KNOWLEDGE


class InstrumentItem(Orderable):
    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(max_length=500)
    form = models.CharField(
        max_length=1,
        choices=Form,
        default=Form.BOTH,
        blank=True,
        help_text="Knowledge items: the Nth item of form B is the parallel of form A's Nth.",
    )
    choices = models.TextField(
        max_length=2000, blank=True, help_text="Knowledge items: one choice a line."
    )
    correct_choice = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Knowledge items: the number of the correct line."
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("form"),
        FieldPanel("choices"),
        FieldPanel("correct_choice"),
    ]

    def __str__(self):
        return self.text[:80]

    @property
    def choice_list(self):
        return choice_lines(self.choices)


class CourseEvaluationForm(WagtailAdminModelForm):
    """Each wave asks each instrument once, only where it makes sense, and only instruments
    that have items to ask in that wave."""

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for form in self.formsets["wave_instruments"].forms:
            data = form.cleaned_data if form.is_valid() else {}
            if not data or data.get("DELETE") or not data.get("instrument"):
                continue
            wave, instrument = data["wave"], data["instrument"]
            problem = wave_problem(wave, instrument, seen)
            seen.add((wave, instrument.pk))
            if problem:
                form.add_error("instrument", problem)  # also drops it from cleaned_data
                self.add_error(None, f"{instrument}: {problem}")
        return cleaned


def wave_problem(wave, instrument, seen):
    from learning.evaluation.scoring import items_for  # scoring reads these models

    if (wave, instrument.pk) in seen:
        return "It is already in this wave."
    if instrument.kind == Kind.RETROSPECTIVE and wave == Wave.BEFORE:
        return "Looking back on the course can only be asked after it."
    if instrument.kind == Kind.PRACTICE and wave != Wave.FOLLOW_UP:
        return "Use in practice is asked at three months."
    if not items_for(instrument, wave):
        form = "form A" if wave == Wave.BEFORE else "form B"
        return f"It has no items for this wave (knowledge tests ask {form} here)."
    return None


class CourseEvaluation(ClusterableModel):
    """Which instruments each wave of a course's cohorts asks."""

    course = models.OneToOneField(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="evaluation"
    )

    panels = [
        FieldPanel("course"),
        InlinePanel("wave_instruments", heading="Instruments in each wave", label="Instrument"),
    ]
    base_form_class = CourseEvaluationForm

    def __str__(self):
        return f"Evaluation of {self.course}"


class WaveInstrument(Orderable):
    evaluation = ParentalKey(
        CourseEvaluation, on_delete=models.CASCADE, related_name="wave_instruments"
    )
    wave = models.CharField(max_length=10, choices=Wave)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")

    panels = [FieldRowPanel([FieldPanel("wave"), FieldPanel("instrument")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "wave", "instrument"], name="instrument_once_per_wave"
            )
        ]


class ResponseQuerySet(models.QuerySet):
    def for_research(self):
        """Only the answers of learners who agree, as of now: a withdrawal takes effect at once."""
        agreeing = ResearchConsent.objects.filter(agreed=True).values("pseudonym")
        return self.filter(pseudonym__in=agreeing)


class EvaluationResponse(models.Model):
    """One place's answers to one wave. `place` is for the platform only (see the module
    docstring); research reads `pseudonym`."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    place = models.ForeignKey(
        "bookings.Place", on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    cohort = models.ForeignKey(
        "courses.Cohort", on_delete=models.PROTECT, related_name="evaluation_responses"
    )
    wave = models.CharField(max_length=10, choices=Wave)
    pseudonym = models.CharField(max_length=64, db_index=True)
    knowledge_form = models.CharField(max_length=1, choices=Form, blank=True)
    # {"instrument id": {"item id": value}}: a scale point, or a 1-based choice number.
    answers = models.JSONField()
    scores = models.JSONField(default=dict)  # {"instrument id": score or null}
    submitted_at = models.DateTimeField()

    objects = ResponseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["place", "wave"], name="one_response_per_wave")
        ]
        indexes = [models.Index(fields=["cohort", "wave"])]

    def __str__(self):
        return f"{self.get_wave_display()} answers ({self.pseudonym[:8]})"


class ResearchConsent(models.Model):
    """A learner's answer to: may your answers be used, pseudonymised, for research and
    audit? One row per learner, changed in place; `withdrawn_at` records a change of mind."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="research_consent"
    )
    pseudonym = models.CharField(max_length=64, unique=True)
    agreed = models.BooleanField()
    decided_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Given to the Research group (cms.groups): the pseudonymised export of consenting
        # learners' answers, and its data dictionary.
        permissions = [("export_research", "Can download the pseudonymised research export")]

    def __str__(self):
        return f"{'Agrees' if self.agreed else 'Does not agree'} ({self.pseudonym[:8]})"


class WaveEmailKind(models.TextChoices):
    INVITATION = "invitation", "The wave is open"
    REMINDER = "reminder", "A week later, still unanswered"


class WaveEmail(models.Model):
    """One email asking one place to answer one wave, written in the transaction that decides
    to send it: a second run of the beat task (or a retried one) finds the row and sends
    nothing, so each learner gets each email at most once."""

    place = models.ForeignKey(
        "bookings.Place", on_delete=models.CASCADE, related_name="evaluation_emails"
    )
    wave = models.CharField(max_length=10, choices=Wave)
    kind = models.CharField(max_length=10, choices=WaveEmailKind)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "wave", "kind"], name="one_wave_email_per_place_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_wave_display()}: {self.get_kind_display()} ({self.sent_at:%Y-%m-%d})"
