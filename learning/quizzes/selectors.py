"""Reads about quizzes that module pages, attempt pages and My learning share, each in a
fixed number of queries."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count

from learning.quizzes import grading
from learning.quizzes.models import Question, QuizAdjustment, QuizAttempt


def module_quiz_refs(module):
    """[(quiz id, required)] for the module's quiz blocks, read from the stored JSON so
    that listing many modules does not fetch each module's quizzes."""
    return [
        (block["value"]["quiz"], block["value"].get("required", True))
        for block in module.body.raw_data
        if block["type"] == "quiz" and block["value"].get("quiz")
    ]


def adjustment_for(user, course_id):
    return QuizAdjustment.objects.filter(user=user, course_id=course_id).first()


def attempts_allowed(quiz, adjustment):
    """How many attempts the learner has in all, or None for unlimited."""
    if not quiz.attempts_allowed:
        return None
    return quiz.attempts_allowed + (adjustment.extra_attempts if adjustment else 0)


@dataclass
class QuizState:
    """One learner's standing on one quiz in one module."""

    quiz: object
    required: bool = True
    attempts: list = field(default_factory=list)
    allowed: int | None = None  # attempts in all; None: unlimited
    adjustment: object = None
    learner: bool = True  # False for trainers and staff: the rules, no start button

    @property
    def time_limit_minutes(self):
        """The learner's time limit with their adjustment; None when untimed."""
        limit = self.quiz.time_limit_minutes
        if not limit or not self.adjustment:
            return limit
        factor = self.adjustment.factor
        return None if factor is None else round(limit * factor)

    @property
    def adjusted(self):
        return bool(self.quiz.time_limit_minutes and self.adjustment and self.adjustment.extra_time)

    @property
    def submitted(self):
        return [a for a in self.attempts if a.submitted_at]

    @property
    def in_progress(self):
        return next((a for a in self.attempts if not a.submitted_at), None)

    @property
    def counting(self):
        return grading.counting_attempt(self.attempts, self.quiz.counting)

    @property
    def passed(self):
        counting = self.counting
        return bool(counting and counting.passed)

    @property
    def attempts_left(self):
        if self.allowed is None:
            return None
        return max(self.allowed - len(self.attempts), 0)

    @property
    def can_start(self):
        return self.in_progress is None and (self.allowed is None or self.attempts_left > 0)


def quiz_states(user, refs, quizzes, module_ids, adjustments, attempts=None):
    """{(module id, quiz id): QuizState} for the learner, one query for every attempt.
    `refs`: {module id: [(quiz id, required)]}; `quizzes`: {quiz id: Quiz};
    `adjustments`: {course id: QuizAdjustment}, keyed by module id via `module_ids`;
    `attempts`: the learner's attempts in those modules (and maybe others), by number, when
    the caller has read them already (no query then)."""
    states = {}
    for module_id, module_refs in refs.items():
        adjustment = adjustments.get(module_ids[module_id])
        for quiz_id, required in module_refs:
            quiz = quizzes.get(quiz_id)
            if quiz is not None:
                states[(module_id, quiz_id)] = QuizState(
                    quiz,
                    required,
                    allowed=attempts_allowed(quiz, adjustment),
                    adjustment=adjustment,
                )
    if not states or not user.is_authenticated:
        return states
    if attempts is None:
        attempts = QuizAttempt.objects.filter(user=user, module_id__in=refs.keys())
        attempts = attempts.order_by("number")
    for attempt in attempts:
        state = states.get((attempt.module_id, attempt.quiz_id))
        if state is not None:
            state.attempts.append(attempt)
    return states


def module_quiz_states(user, module, access):
    """{(module id, quiz id): QuizState} for the module page: the learner's attempts when
    they are a learner, the quizzes' rules alone for trainers and staff. Fixed queries."""
    refs = module_quiz_refs(module)
    if not refs or not module.pk:
        return {}
    # The quizzes as the page's stream fetches them, so that rendering the quiz blocks later
    # reuses them rather than reading them again.
    quizzes = {
        block.value["quiz"].pk: block.value["quiz"]
        for block in module.body
        if block.block_type == "quiz" and block.value["quiz"] is not None
    }
    uncounted = [pk for pk, quiz in quizzes.items() if not hasattr(quiz, "question_count")]
    counts = dict(
        Question.objects.filter(quiz_id__in=uncounted)
        .values("quiz_id")
        .annotate(n=Count("pk"))
        .values_list("quiz_id", "n")
        if uncounted
        else ()
    )
    for quiz in quizzes.values():
        bank = getattr(quiz, "question_count", counts.get(quiz.pk, 0))
        quiz.asked = min(quiz.draw_count, bank) if quiz.draw_count else bank
    learner = access.is_learner
    course_id = access.cohort.course_id if learner else None
    adjustments = {course_id: adjustment_for(user, course_id)} if learner else {}
    states = quiz_states(
        user if learner else AnonymousUser(),
        {module.pk: refs},
        quizzes,
        {module.pk: course_id},
        adjustments,
    )
    for state in states.values():
        state.learner = learner
    return states
