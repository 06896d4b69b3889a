"""Every write on a quiz attempt: start (or resume), save answers, submit, close an attempt
whose time ran out, regrade and neutralise. Each owns its transaction and raises
`QuizError` with the message the learner or trainer sees; a refused call changes nothing.
"""

import datetime
import random

from django.db import IntegrityError, transaction
from django.utils import timezone

from learning import exceptions
from learning.access import module_access
from learning.models import ModuleProgress
from learning.quizzes import grading
from learning.quizzes.models import Question, Quiz, QuizAttempt, QuizRegrade
from learning.quizzes.selectors import adjustment_for, attempts_allowed, module_quiz_refs
from learning.services import announce_completed
from learning.signals import quiz_passed

# Answers sent this long after the deadline still count: a page posted as time runs out
# spends a moment on the network.
GRACE = datetime.timedelta(seconds=30)


def start_attempt(*, user, module, quiz_id, now=None, rng=random):
    """The learner's unfinished attempt at the quiz in this module, or a new one with its
    questions drawn and frozen."""
    now = now or timezone.now()
    access = module_access(user, module)
    if not access.allowed:
        raise exceptions.QuizError(exceptions.NOT_OPEN)
    if not access.is_learner:
        raise exceptions.QuizError(exceptions.QUIZ_LEARNERS_ONLY)
    if quiz_id not in {q for q, _ in module_quiz_refs(module)}:
        raise exceptions.QuizError(exceptions.QUIZ_NOT_IN_MODULE)
    quiz = Quiz.objects.get(pk=quiz_id)
    adjustment = adjustment_for(user, access.cohort.course_id)
    with transaction.atomic():
        attempts = list(
            QuizAttempt.objects.select_for_update()
            .filter(user=user, module=module, quiz=quiz)
            .order_by("number")
        )
        unfinished = next((a for a in attempts if not a.submitted_at), None)
        if unfinished and not past_deadline(unfinished, adjustment, now):
            return unfinished
        if unfinished:
            close(unfinished, adjustment)
        allowed = attempts_allowed(quiz, adjustment)
        if allowed is not None and len(attempts) >= allowed:
            if unfinished:  # its time ran out just now: show its result, keep it closed
                return unfinished
            raise exceptions.QuizError(exceptions.NO_ATTEMPTS_LEFT)
        previous = attempts[-1].question_ids if attempts else ()
        attempt = new_attempt(user, module, quiz, access.cohort, len(attempts) + 1, previous, rng)
        attempt.started_at = now
        try:
            with transaction.atomic():
                attempt.save()
        except IntegrityError:  # a second click started the same number first: resume it
            return QuizAttempt.objects.get(
                user=user, module=module, quiz=quiz, number=attempt.number
            )
    return attempt


def new_attempt(user, module, quiz, cohort, number, previous_ids, rng):
    bank = list(quiz.questions.prefetch_related("choices").order_by("sort_order", "pk"))
    drawn = set(grading.draw([q.pk for q in bank], quiz.draw_count, previous_ids, rng))
    questions = [q for q in bank if q.pk in drawn]
    return QuizAttempt(
        user=user,
        module=module,
        quiz=quiz,
        cohort=cohort,
        number=number,
        snapshot=grading.snapshot(quiz, questions, rng),
        time_limit_minutes=quiz.time_limit_minutes,
    )


def past_deadline(attempt, adjustment, now):
    deadline = attempt.deadline(adjustment)
    return deadline is not None and now > deadline + GRACE


def locked_attempt(user, attempt_id):
    """The learner's own attempt, locked; someone else's is as good as missing."""
    return (
        QuizAttempt.objects.select_for_update()
        .select_related("quiz", "cohort", "module")
        .get(pk=attempt_id, user=user)
    )


def checked_answers(attempt, answers):
    """`answers` ({question id: [choice ids]}, ints) if each question is in the attempt and
    each choice is one of its own; otherwise QuizError naming the question."""
    questions = {q["id"]: q for q in attempt.snapshot["questions"]}
    clean = {}
    for question_id, choice_ids in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise exceptions.QuizError(exceptions.NOT_IN_ATTEMPT)
        if not set(choice_ids) <= {c["id"] for c in question["choices"]}:
            raise exceptions.QuizError(exceptions.NOT_A_CHOICE, question_id)
        if question["kind"] != "multiple" and len(choice_ids) > 1:
            raise exceptions.QuizError(exceptions.ONE_ANSWER_ONLY, question_id)
        clean[str(question_id)] = sorted(set(choice_ids))
    return clean


def refuse_if_closed(attempt, adjustment, now):
    if attempt.submitted_at:
        raise exceptions.QuizError(exceptions.ALREADY_SUBMITTED)
    if past_deadline(attempt, adjustment, now):
        raise exceptions.TimeUp(exceptions.TIME_UP)


def save_answers(*, user, attempt_id, answers, now=None):
    """Keep a page's answers as the learner goes (an empty list clears a question)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = locked_attempt(user, attempt_id)
        refuse_if_closed(attempt, adjustment_for(user, attempt.cohort.course_id), now)
        attempt.answers = {**attempt.answers, **checked_answers(attempt, answers)}
        attempt.save(update_fields=["answers"])
    return attempt


def submit_attempt(*, user, attempt_id, answers=None, now=None):
    """Grade the attempt on the server and record the result; once only, in time, and
    within the attempts allowed."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = locked_attempt(user, attempt_id)
        adjustment = adjustment_for(user, attempt.cohort.course_id)
        refuse_if_closed(attempt, adjustment, now)
        allowed = attempts_allowed(attempt.quiz, adjustment)
        if allowed is not None and attempt.number > allowed:
            raise exceptions.QuizError(exceptions.NO_ATTEMPTS_LEFT)
        if answers:
            attempt.answers = {**attempt.answers, **checked_answers(attempt, answers)}
        finish(attempt, now)
    return attempt


def close_expired(*, user, attempt_id, now=None):
    """Mark the answers saved before time ran out, once the deadline (and grace) is past."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = locked_attempt(user, attempt_id)
        adjustment = adjustment_for(user, attempt.cohort.course_id)
        if not attempt.submitted_at and past_deadline(attempt, adjustment, now):
            close(attempt, adjustment)
    return attempt


def close(attempt, adjustment):
    finish(attempt, attempt.deadline(adjustment))


def finish(attempt, when):
    neutralised = set(
        Question.objects.filter(pk__in=attempt.question_ids, neutralised=True).values_list(
            "pk", flat=True
        )
    )
    # Questions neutralised since the attempt started are marked so in its snapshot too,
    # so the review says why everyone got the mark.
    attempt.snapshot = {
        **attempt.snapshot,
        "questions": [
            {**q, "neutralised": True} if q["id"] in neutralised else q
            for q in attempt.snapshot["questions"]
        ],
    }
    result = grading.grade(attempt.snapshot, attempt.answers)
    attempt.marks, attempt.total, attempt.passed = result.marks, result.total, result.passed
    attempt.submitted_at = when
    attempt.save(update_fields=["snapshot", "answers", "marks", "total", "passed", "submitted_at"])
    announce_if_passed(attempt)
    complete_module_if_passed(attempt.user, attempt.module, attempt.cohort, when)


def announce_if_passed(attempt):
    """Send `quiz_passed` after the commit: a certificate may now be due."""
    if attempt.passed:
        transaction.on_commit(lambda: quiz_passed.send(sender=QuizAttempt, attempt=attempt))


def complete_module_if_passed(user, module, cohort, when):
    """A module is done by itself once every required quiz in it is passed (by the attempt
    that counts). Failing later never undoes a module already done."""
    required = [quiz_id for quiz_id, needed in module_quiz_refs(module) if needed]
    if not required:
        return
    attempts = list(
        QuizAttempt.objects.filter(user=user, module=module, quiz_id__in=required)
        .exclude(submitted_at=None)
        .select_related("quiz")
        .defer("snapshot", "answers")
    )
    for quiz_id in required:
        mine = [a for a in attempts if a.quiz_id == quiz_id]
        counting = grading.counting_attempt(mine, mine[0].quiz.counting) if mine else None
        if not (counting and counting.passed):
            return
    progress, created = ModuleProgress.objects.get_or_create(
        user=user, module=module, cohort=cohort, defaults={"done_at": when}
    )
    if created:
        announce_completed(progress)


def current_answers(quiz):
    """{question id: (neutralised, {correct choice ids})} as the bank stands now."""
    current = {}
    for question in quiz.questions.prefetch_related("choices"):
        correct = {c.pk for c in question.choices.all() if c.correct}
        current[question.pk] = (question.neutralised, correct)
    return current


def regrade_preview(quiz):
    """Submitted attempts whose result would change if re-graded against the bank as it is
    now: [(attempt, corrected snapshot, new Result)]. Nothing is written."""
    current = current_answers(quiz)
    changes = []
    attempts = quiz.attempts.exclude(submitted_at=None).select_related("user", "module")
    for attempt in attempts.order_by("user__email", "number"):
        snapshot = grading.corrected(attempt.snapshot, current)
        result = grading.grade(snapshot, attempt.answers)
        if (result.marks, result.passed) != (attempt.marks, attempt.passed):
            changes.append((attempt, snapshot, result))
    return changes


def apply_regrade(*, quiz, by, kind=QuizRegrade.Kind.REGRADE, question=None, now=None):
    """Re-grade every submitted attempt against the bank as it is now, and record who did
    it and whose result changed. Newly passed modules are marked done."""
    now = now or timezone.now()
    with transaction.atomic():
        Quiz.objects.select_for_update().get(pk=quiz.pk)  # one regrade of a quiz at a time
        changes = regrade_preview(quiz)
        record = []
        for attempt, snapshot, result in changes:
            record.append(
                {
                    "attempt": attempt.pk,
                    # An id, not an address: an erased account leaves no trace here.
                    "user": attempt.user_id,
                    "before": {"marks": attempt.marks, "passed": attempt.passed},
                    "after": {"marks": result.marks, "passed": result.passed},
                }
            )
            attempt.snapshot, attempt.marks, attempt.passed = snapshot, result.marks, result.passed
            attempt.save(update_fields=["snapshot", "marks", "passed"])
            announce_if_passed(attempt)
            if result.passed:
                complete_module_if_passed(attempt.user, attempt.module, attempt.cohort, now)
        regrade = QuizRegrade.objects.create(
            quiz=quiz, kind=kind, question=question, by=by, at=now, changes=record
        )
    return regrade


def neutralise_question(*, question, by, now=None):
    """Everyone gets the mark for `question`, in past attempts (regraded and recorded now)
    and in future ones (grading reads the flag)."""
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(neutralised=True)
        question.neutralised = True
        return apply_regrade(
            quiz=question.quiz, by=by, kind=QuizRegrade.Kind.NEUTRALISE, question=question, now=now
        )
