"""The quiz pages over HTTP: the quiz block on a module, answering page by page, the check
page, the result as the review policy allows, every access case, tampered input, and a
fixed number of queries whatever the number of questions and attempts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import ModuleProgress, QuizAttempt
from learning.quizzes import services
from tests.factories import UserFactory
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, quiz_with, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return quiz_with(4, pass_mark_percent=75, questions_per_page=2, attempts_allowed=3)


@pytest.fixture
def module(course, quiz):
    return module_with_quiz(course, quiz, title="Depression and the PHQ-9")


def start_url(module, quiz):
    return reverse("learning:start_quiz", args=[module.pk, quiz.pk])


def page_url(attempt, page=1):
    return reverse("learning:attempt", args=[attempt.pk]) + f"?page={page}"


def submit_url(attempt):
    return reverse("learning:attempt_submit", args=[attempt.pk])


def result_url(attempt):
    return reverse("learning:attempt_result", args=[attempt.pk])


def post_page(client, attempt, page, answers, action="next"):
    data = {f"q-{q}": [str(c) for c in choices] for q, choices in answers.items()}
    return client.post(page_url(attempt, page), {**data, "action": action})


def text(response):
    """The page with runs of whitespace made single, as a reader meets the text."""
    return " ".join(response.content.decode().split())


def test_the_module_shows_the_quizs_rules_and_a_start_button(client, learner, module, quiz):
    client.force_login(learner)
    html = text(client.get(module.url))
    assert f"Quiz: {quiz.title}" in html
    assert "Pass mark: 75%. Passing it completes this module." in html
    assert "3 attempts. Your highest score counts." in html
    assert "score only if you choose exactly the right answers" in html
    assert "Start the quiz" in html


def test_trainers_see_the_rules_but_no_start_button(client, trainer_user, module, cohort):
    client.force_login(trainer_user)
    html = text(client.get(module.url))
    assert "Pass mark: 75%" in html and "Start the quiz" not in html


def test_a_learner_answers_page_by_page_and_resumes_where_they_left(client, learner, module, quiz):
    client.force_login(learner)
    response = client.post(start_url(module, quiz))
    attempt = QuizAttempt.objects.get()
    assert response.url == page_url(attempt, 1)
    html = text(client.get(response.url))
    assert "0 of 4 answered." in html and "Page 1 of 2" in html
    assert html.count('<fieldset class="nhsuk-fieldset"') == 2 and "<legend" in html
    first_two = dict(list(right_answers(attempt).items())[:2])
    assert post_page(client, attempt, 1, first_two).url == page_url(attempt, 2)
    assert "2 of 4 answered." in text(client.get(page_url(attempt, 2)))
    # Back on the module, the learner resumes on the page of the first unanswered question.
    assert "2 of 4 answered" in text(client.get(module.url))
    assert client.post(start_url(module, quiz)).url == page_url(attempt, 2)


def test_saved_answers_are_shown_again(client, learner, module, quiz):
    client.force_login(learner)
    client.post(start_url(module, quiz))
    attempt = QuizAttempt.objects.get()
    first = attempt.question_ids[0]
    choice = right_answers(attempt)[first][0]
    post_page(client, attempt, 1, {first: [choice]}, action="later")
    html = text(client.get(page_url(attempt, 1)))
    assert f'value="{choice}" checked' in html


def test_check_submit_and_result(client, learner, module, quiz, cohort):
    client.force_login(learner)
    client.post(start_url(module, quiz))
    attempt = QuizAttempt.objects.get()
    answers = right_answers(attempt)
    post_page(client, attempt, 1, dict(list(answers.items())[:2]))
    response = post_page(client, attempt, 2, {}, action="check")
    assert response.url == submit_url(attempt)
    html = text(client.get(submit_url(attempt)))
    assert "2 of 4 answered." in html and "Question 3</a>" in html
    response = client.post(submit_url(attempt))
    assert response.url == result_url(attempt)
    html = text(client.get(result_url(attempt)))
    assert "You scored 2 out of 4 (50%). The pass mark is 75%." in html
    assert "Not passed" in html and "You have 2 attempts left." in html
    assert "Your highest score counts. The attempt that counts is attempt 1: 50%" in html
    assert "Explanation:" in html and "(correct answer)" in html  # review: full
    assert not ModuleProgress.objects.exists()


def test_passing_shows_on_the_module_and_my_learning(client, learner, module, quiz):
    client.force_login(learner)
    client.post(start_url(module, quiz))
    attempt = QuizAttempt.objects.get()
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    assert "Passed" in text(client.get(module.url))
    html = text(client.get(reverse("learning:dashboard")))
    assert '100% <strong class="nhsuk-tag nhsuk-tag--green">Passed' in html
    assert "1 of 1 required module done" in html


@pytest.mark.parametrize(
    ("policy", "shown", "hidden"),
    [
        ("nothing", ["are not shown after submitting"], ["Not correct", "Explanation:"]),
        ("marks", ["Not correct", "(your answer)"], ["(correct answer)", "Explanation:"]),
        ("full", ["(correct answer)", "Explanation:", "Feedback 1"], []),
    ],
)
def test_the_result_reviews_what_the_policy_allows(
    client, learner, module, quiz, policy, shown, hidden
):
    quiz.review = policy
    quiz.save()
    attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    client.force_login(learner)
    html = text(client.get(result_url(attempt)))
    assert "You scored 0 out of 4" in html
    assert all(s in html for s in shown) and not any(h in html for h in hidden)


# Access and bad input.


@pytest.fixture
def attempt(learner, module, quiz):
    return services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)


def test_anonymous_visitors_sign_in_first(client, attempt, module, quiz):
    for url in (page_url(attempt), submit_url(attempt), result_url(attempt)):
        assert client.get(url).url.startswith("/accounts/login/")
    assert client.post(start_url(module, quiz)).url.startswith("/accounts/login/")


def test_another_learners_attempt_is_not_found(client, cohort, attempt):
    other = UserFactory()
    place_on(cohort, other)
    client.force_login(other)
    for url in (page_url(attempt), submit_url(attempt), result_url(attempt)):
        assert client.get(url).status_code == 404
    assert client.post(submit_url(attempt)).status_code == 404
    assert client.post(page_url(attempt), {"action": "next"}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_no_place_or_a_cancelled_place_cannot_start(client, user, cohort, module, quiz):
    client.force_login(user)
    assert client.post(start_url(module, quiz)).status_code == 403
    place_on(cohort, user, status="cancelled")
    response = client.post(start_url(module, quiz))
    assert response.status_code == 403 and not QuizAttempt.objects.exists()


def test_a_place_on_another_cohort_of_another_course_cannot_start(client, user, module, quiz):
    from tests.factories.courses import CohortFactory, CoursePageFactory

    other = CoursePageFactory(parent=module.get_parent().get_parent())
    place_on(CohortFactory(course=other), user)
    client.force_login(user)
    assert client.post(start_url(module, quiz)).status_code == 403


def test_before_release_the_quiz_cannot_start(client, learner, course, quiz):
    later = module_with_quiz(course, quiz, release_offset_days=30)
    client.force_login(learner)
    assert client.post(start_url(later, quiz)).status_code == 403


def test_a_tampered_module_id_is_not_found(client, learner, quiz):
    client.force_login(learner)
    assert client.post(reverse("learning:start_quiz", args=[999999, quiz.pk])).status_code == 404


def test_a_quiz_not_in_the_module_is_refused_with_a_message(client, learner, module):
    other = quiz_with(1)
    client.force_login(learner)
    response = client.post(start_url(module, other), follow=True)
    assert "That quiz is not part of this module." in text(response)
    assert not QuizAttempt.objects.exists()


def test_an_answer_to_a_question_not_in_the_attempt_is_refused(client, learner, attempt):
    client.force_login(learner)
    response = post_page(client, attempt, 1, {999999: [1]})
    html = text(response)
    assert response.status_code == 400 and "There is a problem" in html
    assert "question that is not in this attempt" in html
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_a_choice_that_is_not_offered_links_to_its_question(client, learner, attempt):
    client.force_login(learner)
    first = attempt.question_ids[0]
    response = post_page(client, attempt, 1, {first: ["not-a-choice"]})
    html = text(response)
    assert response.status_code == 400
    assert f'<a href="#id_q-{first}_0">One of the answers is not one of the choices' in html
    assert f'id="id_q-{first}_0"' in html


def test_a_second_submission_says_so_and_changes_nothing(client, learner, attempt):
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers={})
    client.force_login(learner)
    response = client.post(submit_url(attempt), follow=True)
    assert "already been submitted" in text(response)
    assert post_page(client, attempt, 1, right_answers(attempt)).url == result_url(attempt)
    attempt.refresh_from_db()
    assert (attempt.marks, attempt.answers) == (0, {})


def test_after_the_deadline_the_pages_close_the_attempt(client, learner, course):
    quiz = quiz_with(2, time_limit_minutes=5)
    module = module_with_quiz(course, quiz)
    attempt = services.start_attempt(
        user=learner,
        module=module,
        quiz_id=quiz.pk,
        now=timezone.now() - datetime.timedelta(minutes=6),
    )
    client.force_login(learner)
    response = post_page(client, attempt, 1, right_answers(attempt), action="check")
    assert response.url == result_url(attempt)
    html = text(client.get(response.url))
    assert "The time for this attempt ran out" in html and "You scored 0 out of 2" in html


def test_a_timed_attempt_shows_its_deadline_and_timer(client, learner, course):
    quiz = quiz_with(2, time_limit_minutes=20)
    module = module_with_quiz(course, quiz)
    client.force_login(learner)
    html = text(client.get(module.url))
    assert "Time limit: 20 minutes." in html
    attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)
    html = text(client.get(page_url(attempt)))
    assert "Submit your answers by" in html and 'aria-live="polite"' in html
    assert "learning/quiz-timer" in html


def test_an_untimed_adjustment_is_stated(client, learner, course):
    from tests.learning.factories import QuizAdjustmentFactory

    quiz = quiz_with(2, time_limit_minutes=20)
    module = module_with_quiz(course, quiz)
    QuizAdjustmentFactory(user=learner, course=course, extra_time="1.5")
    client.force_login(learner)
    assert "Time limit: 30 minutes, with your extra time." in text(client.get(module.url))


# Speed: the same number of queries at two sizes.


def count_queries(client, url):
    client.get(url)  # warm the site root cache, as a running site has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def attempts_on(user, module, quiz, n):
    for _ in range(n):
        attempt = services.start_attempt(user=user, module=module, quiz_id=quiz.pk)
        services.submit_attempt(user=user, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    return services.start_attempt(user=user, module=module, quiz_id=quiz.pk)


def queries_at(client, learner, course, size):
    """Queries of each quiz page for a quiz of 2×size questions with `size` attempts made,
    and My learning with `size` more quiz modules."""
    quiz = quiz_with(2 * size, questions_per_page=50)
    module = module_with_quiz(course, quiz, slug=f"sized-{size}")
    unfinished = attempts_on(learner, module, quiz, size)
    last_submitted = QuizAttempt.objects.get(module=module, number=size)
    for _ in range(size):
        other = quiz_with(3)
        attempts_on(learner, module_with_quiz(course, other), other, 1)
    return [
        count_queries(client, module.url),
        count_queries(client, page_url(unfinished)),
        count_queries(client, submit_url(unfinished)),
        count_queries(client, result_url(last_submitted)),
        count_queries(client, reverse("learning:dashboard")),
    ]


def test_module_quiz_result_and_dashboard_pages_run_fixed_queries(client, learner, course):
    client.force_login(learner)
    small, big = queries_at(client, learner, course, 1), queries_at(client, learner, course, 10)
    assert small == big


def test_submitting_twenty_questions_takes_a_bounded_number_of_queries(
    client, learner, course, django_assert_max_num_queries
):
    quiz = quiz_with(20)
    module = module_with_quiz(course, quiz)
    attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)
    services.save_answers(user=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    client.force_login(learner)
    with django_assert_max_num_queries(20):
        response = client.post(submit_url(attempt))
    assert response.url == result_url(attempt)
    assert QuizAttempt.objects.get(pk=attempt.pk).passed


def test_a_deleted_quiz_leaves_the_module_readable(client, learner, course):
    quiz = quiz_with(1)
    module = module_with_quiz(course, quiz)
    quiz.delete()
    client.force_login(learner)
    response = client.get(module.url)
    assert response.status_code == 200 and "Quiz:" not in text(response)
