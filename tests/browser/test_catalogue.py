"""Finding a course and its dates: with the keyboard only, from a course page to all of its
dates, and with the filters."""

import datetime

import pytest
from django.utils import timezone

from courses.selectors import COURSE_PAGE_DATES, DATES_PER_PAGE
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


def test_from_a_course_page_to_all_its_dates_page_by_page(visitor, site):
    """The catalogue and a course page list the next dates; their link leads to all of them,
    in pages."""
    index = CourseIndexPageFactory(parent=site)
    course = CoursePageFactory(parent=index, title="5-day course", slug="five-day-course")
    today = timezone.localdate()
    for week in range(DATES_PER_PAGE + 2):
        CohortFactory(course=course, start_date=today + datetime.timedelta(weeks=week + 3))

    total = DATES_PER_PAGE + 2
    all_dates = f"All {total} upcoming dates for 5-day course"
    visitor.visit("/courses/")
    page = visitor.page
    visitor.submit(page.get_by_role("link", name=all_dates))  # a click, not covered by the card
    assert page.locator("h1").inner_text() == "Upcoming dates for 5-day course"

    visitor.visit("/courses/five-day-course/")
    assert page.locator(".cohort").count() == COURSE_PAGE_DATES
    visitor.submit(page.get_by_role("link", name=all_dates))
    assert visitor.path == "/courses/dates/" and "course=five-day-course" in page.url
    assert page.locator("h1").inner_text() == "Upcoming dates for 5-day course"
    assert page.locator(".cohort").count() == DATES_PER_PAGE
    visitor.submit(page.locator(".nhsuk-pagination__link--next"))
    assert page.locator(".cohort").count() == 2
    assert "course=five-day-course" in page.url and "page=2" in page.url
