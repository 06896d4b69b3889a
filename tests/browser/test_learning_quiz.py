"""A learner, keyboard only, opens a module from My learning, fails its quiz, tries again
and passes, and sees the progress bar move; every page is axe-clean. A second test checks
the timer on a timed quiz: visible, hideable from the keyboard, with a live region for the
threshold warnings."""

import datetime

import pytest
from django.utils import timezone

from learning.models import ModuleProgress, QuizAttempt
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, question, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learner(site):
    """Amara, on the running cohort of a course whose one module places a four-question
    quiz (pass mark 75%, two questions a page, not shuffled, so the test knows the key)."""
    index = CourseIndexPageFactory(parent=site)
    course = CoursePageFactory(parent=index, title="5-day course", slug="five-day-course")
    cohort = CohortFactory(
        course=course, start_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    quiz = quiz_with(0, title="PHQ-9 check", pass_mark_percent=75, questions_per_page=2)
    question(quiz, "single", correct=(1,), text="What is the range of the PHQ-9 total score?")
    question(quiz, "true_false", correct=(1,), text="A screening score is a diagnosis.")
    question(quiz, "multiple", correct=(0, 2), text="Which may overlap with physical illness?")
    question(quiz, "single", correct=(0,), text="What does item 9 ask about?")
    module_with_quiz(course, quiz, title="Depression and the PHQ-9", slug="phq-9")
    user = UserFactory(email="amara@example.com", first_name="Amara")
    place_on(cohort, user)
    return user


def focused(page):
    return page.evaluate(
        "() => [document.activeElement.name || '', document.activeElement.value || '',"
        " (document.activeElement.innerText || '').trim()]"
    )


def tab_until(page, test, what, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if test(*focused(page)):
            return
    raise AssertionError(f"could not reach {what} with Tab")


def activate(visitor, text):
    """Tab to the link or button whose text starts with `text`, press Enter, check the page."""
    tab_until(visitor.page, lambda name, value, label: label.startswith(text), repr(text))
    with visitor.page.expect_navigation():
        visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_load_state("load")
    visitor.check_accessibility()


def choose(page, attempt, number, picks):
    """Answer question `number` (1-based, as asked) by keyboard: Tab into a radio group and
    move with the arrow keys; Tab to each checkbox and press Space."""
    asked = attempt.snapshot["questions"][number - 1]
    name = f"q-{asked['id']}"
    ids = [str(c["id"]) for c in asked["choices"]]
    if asked["kind"] == "multiple":
        for index in picks:
            wanted = ids[index]
            tab_until(page, lambda n, v, _, w=wanted: n == name and v == w, f"choice {index}")
            page.keyboard.press("Space")
        return
    tab_until(page, lambda n, v, _: n == name, f"question {number}")
    page.keyboard.press("Space")  # selects the first choice
    for _ in range(picks[0]):
        page.keyboard.press("ArrowDown")


WRONG = {1: [0], 2: [0], 3: [0], 4: [1]}
RIGHT = {1: [1], 2: [1], 3: [0, 2], 4: [0]}


def take_quiz(visitor, start_button, answers):
    page = visitor.page
    activate(visitor, start_button)
    attempt = QuizAttempt.objects.order_by("-number").first()
    assert "0 of 4 answered." in page.inner_text("main")
    choose(page, attempt, 1, answers[1])
    choose(page, attempt, 2, answers[2])
    activate(visitor, "Save and continue")
    assert "2 of 4 answered." in page.inner_text("main")
    choose(page, attempt, 3, answers[3])
    choose(page, attempt, 4, answers[4])
    activate(visitor, "Save and check your answers")
    assert "4 of 4 answered." in page.inner_text("main")
    activate(visitor, "Submit my answers")
    return page.inner_text("main")


def progress(page):
    bar = page.locator("progress.learning-progress").first
    return bar.get_attribute("value"), bar.get_attribute("max")


def test_a_learner_fails_then_passes_a_quiz_with_the_keyboard_only(visitor, learner):
    page = visitor.page
    visitor.visit("/accounts/login/")
    tab_until(page, lambda name, *_: name == "login", "the email field")
    page.keyboard.type(learner.email)
    tab_until(page, lambda name, *_: name == "password", "the password field")
    page.keyboard.type(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check_accessibility()

    activate(visitor, "My learning")
    assert progress(page) == ("0", "1")
    assert "Not started" in page.inner_text("main")
    activate(visitor, "Depression and the PHQ-9")

    result = take_quiz(visitor, "Start the quiz", WRONG)
    assert "You scored 0 out of 4 (0%). The pass mark is 75%." in result
    assert "Not passed" in result and "Explanation:" in result
    assert not ModuleProgress.objects.exists()

    result = take_quiz(visitor, "Try the quiz again", RIGHT)
    assert "You scored 4 out of 4 (100%)." in result and "Passed" in result
    assert "The attempt that counts is attempt 2: 100%, passed." in result

    activate(visitor, "Back to My learning")
    assert "1 of 1 required module done" in page.inner_text("main")
    assert progress(page) == ("1", "1")
    assert "100% Passed" in page.inner_text("main")


def test_the_timer_can_be_hidden_and_speaks_only_through_a_live_region(visitor, learner):
    from learning.quizzes.models import Quiz

    Quiz.objects.update(time_limit_minutes=4)  # under five minutes: the first warning is due
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", learner.email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)
    visitor.visit("/account/learning/")
    activate(visitor, "Depression and the PHQ-9")
    assert "Time limit: 4 minutes." in page.inner_text("main")
    activate(visitor, "Start the quiz")
    remaining = page.locator("[data-timer-remaining]")
    remaining.wait_for(state="visible")
    assert remaining.inner_text().startswith(("Time left: 4 minutes", "Time left: 3 minutes"))
    live = page.locator("[data-timer-announce]")
    assert live.get_attribute("aria-live") == "polite"
    assert live.inner_text() == ""  # thresholds already passed on arrival are not repeated
    tab_until(page, lambda n, v, label: label == "Hide the timer", "the timer toggle")
    page.keyboard.press("Enter")
    assert remaining.is_hidden()
    assert page.locator("[data-timer-toggle]").get_attribute("aria-pressed") == "true"
    visitor.check_accessibility()
