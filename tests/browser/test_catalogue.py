"""Finding a course with the keyboard only: home → courses → a course → its dates."""

import datetime

import pytest
from django.utils import timezone

from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def tab_to(visitor, name, limit=80):
    """Press Tab until the focused element's text is `name`; then Enter."""
    page = visitor.page
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("() => (document.activeElement.innerText || '').trim()")
        if text == name:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.wait_for_load_state("load")
            visitor.check_accessibility()
            return
    raise AssertionError(f"could not reach a link named {name!r} with Tab")


def test_keyboard_only_from_home_to_a_cohorts_dates(visitor, site):
    index = CourseIndexPageFactory(parent=site, show_in_menus=True)
    course = CoursePageFactory(
        parent=index, title="Mental health skills: 5-day course", slug="five-day-course"
    )
    start = timezone.localdate() + datetime.timedelta(days=21)
    CohortFactory(course=course, start_date=start, capacity=12)

    visitor.visit("/")
    tab_to(visitor, "Courses")
    assert visitor.path == "/courses/"
    tab_to(visitor, "Mental health skills: 5-day course")
    assert visitor.path == "/courses/five-day-course/"

    page = visitor.page
    summary = page.locator("#cohort-1 summary, .cohort summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".cohort details").first.get_attribute("open") is not None
    assert "9:30am to 4:30pm" in page.locator(".cohort details").first.inner_text()
    visitor.check_accessibility()


def test_dates_view_with_filters(visitor, site):
    index = CourseIndexPageFactory(parent=site)
    course = CoursePageFactory(parent=index, title="3-week course", slug="three-week-course")
    CohortFactory(
        course=course,
        delivery="online",
        venue_name="",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    visitor.visit("/courses/dates/")
    page = visitor.page
    page.select_option("[name='format']", "online")
    visitor.submit(page.get_by_role("button", name="Apply filters"))
    assert "format=online" in page.url
    assert "1 date found" in page.inner_text("main")
