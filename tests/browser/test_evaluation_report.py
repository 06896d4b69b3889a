"""Evaluation in the browser, with axe-core on every page: a learner answers the pre-course
questions of their next cohort and the last-day questions of the one just ended, by keyboard
alone (Tab between questions, arrow keys within one, Enter to send); then the cohort's trainer
signs in with their authenticator, opens the cohort's Evaluation tab and downloads its CSV."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.groups import sync_groups
from learning.evaluation import services
from learning.evaluation.models import EvaluationResponse
from tests.conftest import current_totp_code
from tests.factories import DEFAULT_PASSWORD, TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import (
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    TrainerFactory,
)
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import course_evaluation
from tests.learning.test_evaluation_report import FIRST_SKILL, LEARNERS, answered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def course(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site), title="5-day course")
    course_evaluation(course)
    return course


@pytest.fixture
def ended(course):
    """Ended four days ago: its last-day questions are open for ten more days."""
    start = timezone.localdate() - 8 * DAY
    cohort = CohortFactory(course=course, start_date=start, title="Spring", status="completed")
    answered(cohort, LEARNERS[:6])
    return cohort


@pytest.fixture
def amara(course, ended):
    """Amara was on the ended cohort, answered before it, and is booked on the next one."""
    user = UserFactory(first_name="Amara", last_name="Okafor", email="amara@example.org")
    services.record_consent(user=user, agreed=True)
    place_on(ended, user)
    place_on(CohortFactory(course=course, start_date=timezone.localdate() + 20 * DAY), user)
    return user


def sign_in(visitor, email):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def focused(page, expression):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def answer_by_keyboard(visitor):
    """From the top of the page: Tab to the first question, then in each radio group Space
    takes the first option and ArrowRight moves on (to 6 on a 0 to 10 scale); Tab goes to the
    next question, and at the end to the button, which Enter presses."""
    page = visitor.page
    for _ in range(80):
        page.keyboard.press("Tab")
        if focused(page, "el.type === 'radio'"):
            break
    assert focused(page, "el.type === 'radio'"), "Tab never reached the first question"
    while focused(page, "el.type === 'radio'"):
        options = page.evaluate(
            "() => document.querySelectorAll(`input[name='${document.activeElement.name}']`).length"
        )
        page.keyboard.press("Space")
        for _ in range(6 if options == 11 else 1 if options == 2 else 0):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    assert focused(page, "el.textContent.trim()") == "Send my answers"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"


def test_a_learner_answers_two_waves_by_keyboard(visitor, amara):
    sign_in(visitor, amara.email)
    for place in amara.places.order_by("cohort__start_date"):
        wave = "last_day" if place.cohort.end_date < timezone.localdate() else "before"
        visitor.visit(f"/account/learning/evaluation/{place.pk}/{wave}/")
        answer_by_keyboard(visitor)
    answers = {r.wave: r for r in EvaluationResponse.objects.filter(place__attendee=amara)}
    assert set(answers) == {"before", "last_day"}
    confidence = next(iter(answers["last_day"].answers.values()))
    assert set(confidence.values()) == {6}  # the seventh point of 0 to 10, each skill


def test_the_trainer_opens_the_evaluation_tab_and_downloads_the_csv(visitor, ended):
    sync_groups()
    trainer = UserFactory(email="trainer@example.org", is_staff=True)
    trainer.groups.add(Group.objects.get(name="Trainers"))
    ended.trainers.add(TrainerFactory(user=trainer))
    secret = TOTPAuthenticatorFactory(user=trainer).secret
    page = visitor.page
    sign_in(visitor, trainer.email)
    page.fill("[name='code']", current_totp_code(secret))
    visitor.submit(page.locator("main form [type='submit']").first)
    visitor.visit(f"/admin/my-cohorts/{ended.pk}/roster/")
    visitor.submit(page.get_by_role("link", name="Evaluation", exact=True))
    assert page.get_by_role("heading", name="Evaluation: impact report").is_visible()
    chart = page.get_by_role("img", name="Mean confidence in each skill")
    assert chart.is_visible()
    change = page.get_by_role("table", name="Paired change from before the course")
    assert "0.219" in change.get_by_role("row", name=FIRST_SKILL).inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the numbers as CSV").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0][0] == "Section"
    assert ["Taking part", "Places booked", "", "6"] == rows[1][:4]
    assert not any("Ada Achebe" in cell for row in rows for cell in row)
