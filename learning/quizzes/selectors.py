"""Reads about quizzes that module pages, attempt pages and My learning share, each in a
fixed number of queries."""

from dataclasses import dataclass, field

from learning.quizzes import grading
from learning.quizzes.models import QuizAdjustment, QuizAttempt


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


def quiz_states(user, refs, quizzes, module_ids, adjustments):
    """{(module id, quiz id): QuizState} for the learner, one query for every attempt.
    `refs`: {module id: [(quiz id, required)]}; `quizzes`: {quiz id: Quiz};
    `adjustments`: {course id: QuizAdjustment}, keyed by module id via `module_ids`."""
    states = {}
    for module_id, module_refs in refs.items():
        adjustment = adjustments.get(module_ids[module_id])
        for quiz_id, required in module_refs:
            quiz = quizzes.get(quiz_id)
            if quiz is not None:
                states[(module_id, quiz_id)] = QuizState(
                    quiz, required, allowed=attempts_allowed(quiz, adjustment)
                )
    if not states or not user.is_authenticated:
        return states
    attempts = QuizAttempt.objects.filter(user=user, module_id__in=refs.keys())
    for attempt in attempts.order_by("number"):
        state = states.get((attempt.module_id, attempt.quiz_id))
        if state is not None:
            state.attempts.append(attempt)
    return states
