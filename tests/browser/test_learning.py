"""The demo learner's morning: My learning, an open module, a private note, marked done —
each page axe-clean."""

import pytest

from bookings import demo as bookings_demo
from cms import demo as cms_demo
from courses import demo as courses_demo
from learning import demo as learning_demo
from learning.models import ReflectionNote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "demo-browser-password"


@pytest.fixture
def demo_site(monkeypatch, fake_stripe):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    cms_demo.seed()
    courses_demo.seed()
    bookings_demo.seed()
    learning_demo.seed()


def test_the_demo_learner_reads_a_module_saves_a_note_and_marks_it_done(visitor, demo_site):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "learner@example.com")
    page.fill("[name='password']", PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)

    visitor.submit(page.get_by_role("link", name="My learning"))
    five_day = page.locator("section", has_text="5-day course").first
    assert "2 of 7 required modules done" in five_day.inner_text()
    assert "Opens on" in five_day.inner_text()

    visitor.submit(five_day.get_by_role("link", name="Anxiety and the GAD-7"))
    assert page.get_by_role("heading", level=1).inner_text() == "Anxiety and the GAD-7"
    assert "GAD-7 bands: 5 mild, 10 moderate, 15 severe." in page.inner_text("main")

    page.get_by_label("Your notes").fill("Ask Mr C what he fears will happen when breathless.")
    visitor.submit(page.get_by_role("button", name="Save my notes"))
    assert "Only you can see them" in page.inner_text("main")
    assert "Ask Mr C" in page.get_by_label("Your notes").input_value()
    assert ReflectionNote.objects.get().text.startswith("Ask Mr C")

    visitor.submit(page.get_by_role("button", name="Mark as done"))
    assert "is marked as done" in page.inner_text("main")

    visitor.submit(page.get_by_role("link", name="Back to My learning"))
    five_day = page.locator("section", has_text="5-day course").first
    assert "3 of 7 required modules done" in five_day.inner_text()
