"""Issue 11 §7 on the demo: its course page (trainers, FAQs, every upcoming date), with every
stylesheet and script it loads, weighs under 150 KB uncompressed. tests/courses/
test_page_weight.py checks the rest (scripts, images); `make bench` prints the figure from
the production-like server at --scale 10 (bench/bench_weight.py)."""

import pytest

from courses.models import CoursePage
from tests.page_weight import LIMIT_BYTES, static_file, weigh

pytestmark = pytest.mark.django_db


def test_the_demo_course_page_weighs_under_150_kb(demo, client):
    page = CoursePage.objects.live().get(slug="five-day-course")
    response = client.get(page.url)
    assert response.status_code == 200
    weight = weigh(page.url, response.content, static_file)
    assert weight["css_bytes"] and weight["js_bytes"], weight
    assert weight["total_bytes"] < LIMIT_BYTES, (
        f"the demo course page weighs {weight['total_bytes']:,} bytes with its CSS and JS, "
        f"over {LIMIT_BYTES:,}: {weight}. Trim the page, or the NHS.UK build (frontend/)"
    )
