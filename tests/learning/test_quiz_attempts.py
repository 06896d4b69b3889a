"""Taking a quiz through the services: start and resume, draws, saving as you go, grading
on submit, deadlines with reasonable adjustments, attempts allowed, and bad input refused
with the attempt left intact. The learner (Amara) holds a place on the running cohort of
the 5-day course, whose first module places a four-question quiz (pass mark 75%)."""

import datetime
import random

import pytest
from django.utils import timezone

from learning import exceptions
from learning.models import ModuleProgress, QuizAttempt
from learning.quizzes import services
from tests.learning.factories import (
    QuizAdjustmentFactory,
    module_with_quiz,
    question,
    quiz_with,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return quiz_with(4, pass_mark_percent=75)


@pytest.fixture
def module(course, quiz):
    return module_with_quiz(course, quiz, title="Depression and the PHQ-9")


def start(user, module, quiz, **kwargs):
    return services.start_attempt(user=user, module=module, quiz_id=quiz.pk, **kwargs)


def submit(user, attempt, answers=None, **kwargs):
    return services.submit_attempt(user=user, attempt_id=attempt.pk, answers=answers, **kwargs)


def test_an_attempt_freezes_what_was_asked(learner, module, quiz):
    attempt = start(learner, module, quiz)
    first = quiz.questions.order_by("sort_order").first()
    asked = attempt.snapshot["questions"][0]
    assert asked["text"] == first.text and len(asked["choices"]) == 3
    first.text = "Edited after the attempt started"
    first.save()
    attempt.refresh_from_db()
    assert attempt.snapshot["questions"][0]["text"] == asked["text"]  # history kept


def test_starting_again_resumes_the_unfinished_attempt(learner, module, quiz):
    attempt = start(learner, module, quiz)
    services.save_answers(
        user=learner, attempt_id=attempt.pk, answers={attempt.question_ids[0]: []}
    )
    assert start(learner, module, quiz).pk == attempt.pk
    assert QuizAttempt.objects.count() == 1


def test_passing_the_required_quiz_completes_the_module(learner, module, quiz, cohort):
    attempt = start(learner, module, quiz)
    answers = right_answers(attempt)
    answers[attempt.question_ids[0]] = wrong_answers(attempt)[attempt.question_ids[0]]
    result = submit(learner, attempt, answers)
    assert (result.marks, result.total, result.passed, result.percent) == (3, 4, True, 75)
    assert ModuleProgress.objects.filter(user=learner, module=module, cohort=cohort).exists()


def test_failing_leaves_the_module_open_and_a_retake_asks_again(learner, module, quiz):
    failed = submit(learner, start(learner, module, quiz), {})
    assert (failed.marks, failed.passed) == (0, False)
    assert not ModuleProgress.objects.exists()
    second = start(learner, module, quiz)
    assert second.number == 2 and second.pk != failed.pk


def test_an_optional_quiz_does_not_complete_the_module(learner, course):
    quiz = quiz_with(2)
    module = module_with_quiz(course, quiz, required=False)
    attempt = start(learner, module, quiz)
    assert submit(learner, attempt, right_answers(attempt)).passed
    assert not ModuleProgress.objects.exists()


def test_a_draw_does_not_repeat_the_previous_attempts_questions(learner, course):
    quiz = quiz_with(10, draw_count=5)
    module = module_with_quiz(course, quiz)
    first = start(learner, module, quiz, rng=random.Random(3))
    submit(learner, first, {})
    second = start(learner, module, quiz, rng=random.Random(4))
    assert len(first.question_ids) == len(second.question_ids) == 5
    assert not set(first.question_ids) & set(second.question_ids)


def test_shuffling_changes_the_order_shown_and_the_snapshot_keeps_it(learner, course):
    quiz = quiz_with(8, shuffle_questions=True, shuffle_choices=True)
    module = module_with_quiz(course, quiz)
    attempt = start(learner, module, quiz, rng=random.Random(11))
    bank = list(quiz.questions.order_by("sort_order").values_list("pk", flat=True))
    assert sorted(attempt.question_ids) == sorted(bank) and attempt.question_ids != bank
    stored = QuizAttempt.objects.get(pk=attempt.pk)
    assert stored.question_ids == attempt.question_ids


def test_multiple_choice_and_true_false_are_graded_on_the_server(learner, course):
    quiz = quiz_with(0, pass_mark_percent=100)
    many = question(quiz, kind="multiple", correct=(0, 2), choices=4)
    truth = question(quiz, kind="true_false", correct=(1,))
    module = module_with_quiz(course, quiz)
    attempt = start(learner, module, quiz)
    chosen = {c.text: c.pk for c in truth.choices.all()}
    right = [c.pk for c in many.choices.all() if c.correct]
    assert submit(learner, attempt, {many.pk: right, truth.pk: [chosen["False"]]}).passed


def test_partly_right_multiple_choice_scores_nothing(learner, course):
    quiz = quiz_with(0)
    many = question(quiz, kind="multiple", correct=(0, 2), choices=4)
    module = module_with_quiz(course, quiz)
    attempt = start(learner, module, quiz)
    first_right = many.choices.filter(correct=True).first()
    assert submit(learner, attempt, {many.pk: [first_right.pk]}).marks == 0


# Bad input: each refused with a clear message, the attempt intact.


def assert_refused(message, call):
    with pytest.raises(exceptions.QuizError) as refused:
        call()
    assert refused.value.message == message


def test_a_second_submission_is_refused(learner, module, quiz):
    attempt = submit(learner, start(learner, module, quiz), {})
    assert_refused(
        exceptions.ALREADY_SUBMITTED,
        lambda: submit(learner, attempt, right_answers(attempt)),
    )
    attempt.refresh_from_db()
    assert (attempt.marks, attempt.passed) == (0, False)


def test_answers_to_questions_not_in_the_attempt_are_refused(learner, course, module, quiz):
    other = quiz_with(1)
    stranger = other.questions.get()
    attempt = start(learner, module, quiz)
    bad = {stranger.pk: [stranger.choices.first().pk]}
    assert_refused(exceptions.NOT_IN_ATTEMPT, lambda: submit(learner, attempt, bad))
    assert_refused(
        exceptions.NOT_IN_ATTEMPT,
        lambda: services.save_answers(user=learner, attempt_id=attempt.pk, answers=bad),
    )
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.answers == {}


def test_a_choice_from_another_question_is_refused(learner, module, quiz):
    attempt = start(learner, module, quiz)
    one, two = attempt.snapshot["questions"][:2]
    bad = {one["id"]: [two["choices"][0]["id"]]}
    assert_refused(exceptions.NOT_A_CHOICE, lambda: submit(learner, attempt, bad))


def test_two_answers_to_a_single_choice_question_are_refused(learner, module, quiz):
    attempt = start(learner, module, quiz)
    one = attempt.snapshot["questions"][0]
    bad = {one["id"]: [c["id"] for c in one["choices"][:2]]}
    assert_refused(exceptions.ONE_ANSWER_ONLY, lambda: submit(learner, attempt, bad))


def test_someone_elses_attempt_is_as_good_as_missing(learner, module, quiz):
    from tests.factories import UserFactory

    attempt = start(learner, module, quiz)
    with pytest.raises(QuizAttempt.DoesNotExist):
        submit(UserFactory(), attempt, {})


def test_a_quiz_not_placed_in_the_module_cannot_be_started(learner, module):
    other = quiz_with(1)
    assert_refused(exceptions.QUIZ_NOT_IN_MODULE, lambda: start(learner, module, other))


def test_no_attempts_left_is_refused_and_extra_attempts_add_one(learner, course, cohort):
    quiz = quiz_with(2, attempts_allowed=1)
    module = module_with_quiz(course, quiz)
    submit(learner, start(learner, module, quiz), {})
    assert_refused(exceptions.NO_ATTEMPTS_LEFT, lambda: start(learner, module, quiz))
    QuizAdjustmentFactory(user=learner, course=course, extra_attempts=1)
    assert start(learner, module, quiz).number == 2


def test_submitting_when_the_attempts_allowed_were_lowered_is_refused(learner, module, quiz):
    submit(learner, start(learner, module, quiz), {})
    second = start(learner, module, quiz)
    quiz.attempts_allowed = 1
    quiz.save()
    assert_refused(exceptions.NO_ATTEMPTS_LEFT, lambda: submit(learner, second, {}))
    second.refresh_from_db()
    assert second.submitted_at is None


def test_non_learners_do_not_start_quizzes(trainer_user, module, quiz, cohort):
    assert_refused(exceptions.QUIZ_LEARNERS_ONLY, lambda: start(trainer_user, module, quiz))


# Time limits and reasonable adjustments.


@pytest.fixture
def timed(course):
    quiz = quiz_with(2, time_limit_minutes=10)
    return quiz, module_with_quiz(course, quiz)


def at(attempt, minutes):
    return attempt.started_at + datetime.timedelta(minutes=minutes)


def test_a_submission_in_time_or_within_the_grace_counts(learner, timed):
    quiz, module = timed
    attempt = start(learner, module, quiz)
    late_but_graced = at(attempt, 10) + datetime.timedelta(seconds=20)
    assert submit(learner, attempt, right_answers(attempt), now=late_but_graced).passed


def test_a_submission_after_the_deadline_is_refused_and_the_saved_answers_marked(learner, timed):
    quiz, module = timed
    attempt = start(learner, module, quiz)
    first = attempt.question_ids[0]
    services.save_answers(
        user=learner, attempt_id=attempt.pk, answers={first: right_answers(attempt)[first]}
    )
    with pytest.raises(exceptions.TimeUp):
        submit(learner, attempt, right_answers(attempt), now=at(attempt, 11))
    attempt.refresh_from_db()
    assert attempt.submitted_at is None  # the late answers were not taken
    closed = services.close_expired(user=learner, attempt_id=attempt.pk, now=at(attempt, 11))
    assert (closed.marks, closed.submitted_at) == (1, at(attempt, 10))


@pytest.mark.parametrize(("extra", "minutes_ok"), [("1.25", 12), ("1.5", 14), ("2", 19)])
def test_extra_time_moves_the_deadline(learner, course, timed, extra, minutes_ok):
    quiz, module = timed
    QuizAdjustmentFactory(user=learner, course=course, extra_time=extra)
    attempt = start(learner, module, quiz)
    assert submit(learner, attempt, {}, now=at(attempt, minutes_ok)).submitted_at


def test_an_adjustment_applies_to_an_attempt_already_in_progress(learner, course, timed):
    quiz, module = timed
    attempt = start(learner, module, quiz)
    assert attempt.deadline() == at(attempt, 10)
    QuizAdjustmentFactory(user=learner, course=course, extra_time="untimed")
    assert submit(learner, attempt, {}, now=at(attempt, 300)).submitted_at


def test_an_adjustment_on_another_course_does_not_apply(learner, timed):
    from tests.factories.courses import CoursePageFactory

    quiz, module = timed
    other = CoursePageFactory(parent=module.get_parent().get_parent())
    QuizAdjustmentFactory(user=learner, course=other, extra_time="untimed")
    attempt = start(learner, module, quiz)
    with pytest.raises(exceptions.TimeUp):
        submit(learner, attempt, {}, now=at(attempt, 11))


def test_an_expired_attempt_is_closed_when_the_learner_starts_again(learner, timed):
    quiz, module = timed
    attempt = start(learner, module, quiz)
    later = timezone.now() + datetime.timedelta(minutes=20)
    second = start(learner, module, quiz, now=later)
    attempt.refresh_from_db()
    assert attempt.submitted_at == at(attempt, 10) and second.number == 2


def test_an_expired_last_attempt_is_closed_not_left_hanging(learner, course):
    quiz = quiz_with(2, time_limit_minutes=10, attempts_allowed=1)
    module = module_with_quiz(course, quiz)
    attempt = start(learner, module, quiz)
    later = timezone.now() + datetime.timedelta(minutes=20)
    closed = start(learner, module, quiz, now=later)
    assert closed.pk == attempt.pk and closed.submitted_at == at(attempt, 10)
    assert QuizAttempt.objects.get().submitted_at is not None


def test_a_question_neutralised_during_an_attempt_scores_and_says_why(learner, module, quiz):
    attempt = start(learner, module, quiz)
    first = quiz.questions.get(pk=attempt.question_ids[0])
    first.neutralised = True
    first.save()
    done = submit(learner, attempt, {})
    assert done.marks == 1
    assert QuizAttempt.objects.get(pk=done.pk).snapshot["questions"][0]["neutralised"]
