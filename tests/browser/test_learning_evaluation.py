"""The demo learner answers the before-course questions of their next cohort from My learning:
the questions as radios, the error summary when nothing is chosen (its link takes the focus to
the question), the thank-you page, then changes their research choice. Every page axe-clean."""

import pytest

from bookings import demo as bookings_demo
from cms import demo as cms_demo
from cms.models import User
from courses import demo as courses_demo
from learning import demo as learning_demo
from learning.evaluation.models import EvaluationResponse, ResearchConsent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "demo-browser-password"


@pytest.fixture
def demo_site(monkeypatch, fake_stripe):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    cms_demo.seed()
    courses_demo.seed()
    bookings_demo.seed()
    learning_demo.seed()


def sign_in(visitor):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "learner@example.com")
    page.fill("[name='password']", PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)
    visitor.submit(page.get_by_role("link", name="My learning"))


def answer_every_question(page):
    """The seventh option (6 of 0-10) of each rating, the first choice of each test item."""
    for fieldset in page.locator("main form fieldset").all():
        labels = fieldset.locator("label.nhsuk-radios__label")
        (labels.nth(6) if labels.count() == 11 else labels.first).click()


def test_the_demo_learner_answers_the_before_course_questions(visitor, demo_site):
    page = visitor.page
    learner = User.objects.get(email="learner@example.com")
    before = EvaluationResponse.objects.filter(place__attendee=learner).count()
    sign_in(visitor)
    to_do = page.locator(".nhsuk-card", has_text="Evaluation to do").first
    links = to_do.get_by_role("link")
    due = links.count()
    assert due >= 1
    visitor.submit(links.first)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Your evaluation")
    assert page.locator("main form fieldset legend").first.inner_text().startswith("Asking")

    visitor.submit(page.get_by_role("button", name="Send my answers"))
    summary = page.locator(".nhsuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    summary.get_by_role("link").first.click()
    focused = page.evaluate("() => document.activeElement.id")
    assert focused.endswith("_0") and focused.startswith("id_i")

    answer_every_question(page)
    visitor.submit(page.get_by_role("button", name="Send my answers"))
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"
    assert EvaluationResponse.objects.filter(place__attendee=learner).count() == before + 1

    visitor.submit(page.get_by_role("link", name="Back to My learning"))
    still = page.locator(".nhsuk-card", has_text="Evaluation to do")
    assert (still.first.get_by_role("link").count() if still.count() else 0) == due - 1

    visitor.submit(page.get_by_role("link", name="change your choice"))
    page.get_by_label("No, do not use my answers for research or audit").check()
    visitor.submit(page.get_by_role("button", name="Save my choice"))
    assert "Your choice is saved" in page.inner_text("main")
    consent = ResearchConsent.objects.get(user=learner)
    assert not consent.agreed and consent.withdrawn_at is not None
