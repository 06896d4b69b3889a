"""Issue 11 §7 on the demo: its course page (trainers, FAQs, its next dates), with every
stylesheet and script it loads, weighs under 150 KB uncompressed, and still does with many
more dates than the demo has (the page lists the next few and links to the rest).
tests/courses/test_page_weight.py checks the rest (scripts, images); `make bench` prints the
figure from the production-like server at --scale 10 (bench/bench_weight.py)."""

import pytest

from courses import demo as courses_demo
from courses.models import CoursePage, Trainer
from tests.page_weight import LIMIT_BYTES, static_file, weigh

pytestmark = pytest.mark.django_db


def weigh_course_page(client):
    page = CoursePage.objects.live().get(slug="five-day-course")
    response = client.get(page.url)
    assert response.status_code == 200
    weight = weigh(page.url, response.content, static_file)
    assert weight["css_bytes"] and weight["js_bytes"], weight
    assert weight["total_bytes"] < LIMIT_BYTES, (
        f"the demo course page weighs {weight['total_bytes']:,} bytes with its CSS and JS, "
        f"over {LIMIT_BYTES:,}: {weight}. Trim the page, or the NHS.UK build (frontend/)"
    )
    return response.content


def test_the_demo_course_page_weighs_under_150_kb(demo, client):
    weigh_course_page(client)


def test_it_does_with_25_upcoming_dates(demo, client):
    """`seed_demo --scale 12`'s dates for the course: 25 upcoming, not cancelled."""
    course = CoursePage.objects.get(slug="five-day-course")
    courses_demo.seed_cohorts(course, list(Trainer.objects.order_by("pk")), scale=12)
    upcoming = course.cohorts.published().upcoming().count()
    assert upcoming == 25
    assert b"All 25 upcoming dates for" in weigh_course_page(client)
