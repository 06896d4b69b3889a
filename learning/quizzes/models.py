"""Quizzes: a bank of questions authored in the admin, the attempts learners make on them,
reasonable adjustments, and the record of every regrade.

An attempt keeps a snapshot of what was asked (questions, choices, order, which were
correct, the pass mark) so that editing a quiz never rewrites history; only an explicit
regrade (recorded in `QuizRegrade`) changes a submitted result.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class Counting(models.TextChoices):
    HIGHEST = "highest", "Highest score"
    LATEST = "latest", "Latest attempt"
    FIRST = "first", "First attempt"


class Review(models.TextChoices):
    NOTHING = "nothing", "Nothing: only whether they passed"
    MARKS = "marks", "Their marks for each question"
    FULL = "full", "Their marks, the correct answers, feedback and explanations"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice (one correct answer)"
    MULTIPLE = "multiple", "Multiple choice (select all that apply)"
    TRUE_FALSE = "true_false", "True or false"


class QuizForm(WagtailAdminModelForm):
    """Each question's choices must make sense for its kind, or nobody could score it."""

    def clean(self):
        cleaned = super().clean()
        for form in self.formsets["questions"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            choices = [
                c.cleaned_data
                for c in form.formsets["choices"].forms
                if c.is_valid() and c.cleaned_data and not c.cleaned_data.get("DELETE")
            ]
            problem = choice_problem(form.cleaned_data.get("kind"), choices)
            if problem:
                form.add_error("kind", problem)
                self.add_error(
                    None, f"Question “{form.cleaned_data.get('text', '')[:60]}”: {problem}"
                )
        return cleaned


def choice_problem(kind, choices):
    correct = sum(1 for c in choices if c.get("correct"))
    if kind == QuestionKind.TRUE_FALSE and len(choices) != 2:
        return "A true or false question has exactly two choices, True and False."
    if kind != QuestionKind.MULTIPLE and correct != 1:
        return "Mark exactly one choice as correct."
    if kind == QuestionKind.MULTIPLE and correct < 1:
        return "Mark at least one choice as correct."
    return None


class Quiz(index.Indexed, ClusterableModel):
    """A question bank and the rules for attempting it. Placed in modules by a quiz block."""

    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True, max_length=1000, help_text="Shown before starting.")
    pass_mark_percent = models.PositiveSmallIntegerField(
        default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        default=0, help_text="0 means unlimited attempts."
    )
    counting = models.CharField(
        "attempt that counts", max_length=10, choices=Counting, default=Counting.HIGHEST
    )
    draw_count = models.PositiveSmallIntegerField(
        "questions per attempt",
        default=0,
        help_text="Draw this many questions from the bank for each attempt, avoiding the "
        "previous attempt's where the bank allows. 0 asks every question.",
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Leave empty for no time limit.",
    )
    review = models.CharField(
        "after submitting, the learner may see",
        max_length=10,
        choices=Review,
        default=Review.FULL,
    )
    questions_per_page = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark_percent"), FieldPanel("attempts_allowed")]),
                FieldPanel("counting"),
                FieldRowPanel([FieldPanel("draw_count"), FieldPanel("questions_per_page")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("time_limit_minutes"),
                FieldPanel("review"),
            ],
            heading="Rules",
        ),
        InlinePanel("questions", heading="Question bank", label="Question", min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = QuizForm

    class Meta:
        verbose_name_plural = "quizzes"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Question(Orderable, ClusterableModel):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=12, choices=QuestionKind, default=QuestionKind.SINGLE)
    text = models.TextField(max_length=1000)
    explanation = models.TextField(
        max_length=2000, help_text="Why the answer is right: shown when review allows it."
    )
    neutralised = models.BooleanField(
        default=False,
        help_text="Everyone gets the mark for this question. Use the quiz's regrade screen to "
        "apply it to submitted attempts.",
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("explanation"),
        FieldPanel("neutralised"),
        InlinePanel("choices", heading="Choices", label="Choice", min_num=2),
    ]

    def __str__(self):
        return self.text[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    correct = models.BooleanField(default=False)
    feedback = models.TextField(blank=True, max_length=1000)

    panels = [FieldPanel("text"), FieldPanel("correct"), FieldPanel("feedback")]

    def __str__(self):
        return self.text


class QuizAttempt(models.Model):
    """One go at a quiz placed in a module. Unfinished while `submitted_at` is empty."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    module = models.ForeignKey(
        "learning.ModulePage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    cohort = models.ForeignKey(
        "courses.Cohort", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField()
    # {"pass_mark": 80, "questions": [{"id", "kind", "text", "explanation", "neutralised",
    #   "choices": [{"id", "text", "correct", "feedback"}]}]}, in the order shown.
    snapshot = models.JSONField()
    answers = models.JSONField(default=dict, blank=True)  # {"question id": [choice ids]}
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    marks = models.PositiveSmallIntegerField(null=True, blank=True)
    total = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["user", "module", "quiz", "number"]
        constraints = [
            # Also stops a double click starting two attempts with the same number.
            models.UniqueConstraint(
                fields=["user", "module", "quiz", "number"], name="one_attempt_per_number"
            )
        ]
        indexes = [models.Index(fields=["quiz", "submitted_at"])]

    def __str__(self):
        return f"{self.user} on {self.quiz}, attempt {self.number}"

    @property
    def finished(self):
        return self.submitted_at is not None

    @property
    def percent(self):
        if self.marks is None or not self.total:
            return None
        return round(100 * self.marks / self.total)

    @property
    def question_ids(self):
        return [q["id"] for q in self.snapshot["questions"]]

    @property
    def answered_count(self):
        return sum(1 for q in self.question_ids if self.answers.get(str(q)))

    def deadline(self, adjustment=None):
        """When time runs out, from the start and the learner's adjustment as it is now."""
        if not self.time_limit_minutes:
            return None
        factor = adjustment.factor if adjustment else Decimal(1)
        if factor is None:  # untimed
            return None
        return self.started_at + datetime.timedelta(
            seconds=int(self.time_limit_minutes * 60 * factor)
        )


class TimeAdjustment(models.TextChoices):
    NONE = "", "None"
    X1_25 = "1.25", "Extra time ×1.25"
    X1_5 = "1.5", "Extra time ×1.5"
    X2 = "2", "Extra time ×2"
    UNTIMED = "untimed", "Untimed"


class QuizAdjustmentForm(WagtailAdminModelForm):
    """A trainer chooses among the learners and courses of the cohorts they teach: the whole
    list of accounts is not theirs to browse."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.has_perm("courses.change_cohort"):
            return
        from bookings.models import Place
        from courses.services import visible_cohorts

        cohorts = visible_cohorts(user)
        learners = Place.objects.filter(cohort__in=cohorts).values("attendee")
        self.fields["user"].queryset = self.fields["user"].queryset.filter(pk__in=learners)
        courses = cohorts.values("course")
        self.fields["course"].queryset = self.fields["course"].queryset.filter(pk__in=courses)


class QuizAdjustment(models.Model):
    """Reasonable adjustments for one learner on one course: every quiz of the course,
    including an attempt in progress (its deadline is worked out from them each time)."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_adjustments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="quiz_adjustments"
    )
    extra_time = models.CharField(
        max_length=8, choices=TimeAdjustment, default=TimeAdjustment.NONE, blank=True
    )
    extra_attempts = models.PositiveSmallIntegerField(default=0)
    # No health details here: the adjustment is what the learner needs, not why.
    note = models.CharField(
        max_length=200, blank=True, help_text="Who agreed it and when. No health details."
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("extra_time"), FieldPanel("extra_attempts")]),
        FieldPanel("note"),
    ]
    base_form_class = QuizAdjustmentForm

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_adjustment_per_course")
        ]

    def __str__(self):
        return f"Adjustments for {self.user} on {self.course}"

    @property
    def factor(self):
        """The time multiplier; None when untimed."""
        if self.extra_time == TimeAdjustment.UNTIMED:
            return None
        return Decimal(self.extra_time or 1)


class QuizRegrade(models.Model):
    """A regrade or neutralisation applied by a trainer: who, when, and whose result changed."""

    class Kind(models.TextChoices):
        REGRADE = "regrade", "Regrade against corrected answers"
        NEUTRALISE = "neutralise", "Question neutralised"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="regrades")
    kind = models.CharField(max_length=12, choices=Kind)
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    # [{"attempt": id, "user": user id, "before": {"marks", "passed"}, "after": {...}}]
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.quiz} ({len(self.changes)} changed)"
