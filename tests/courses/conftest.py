import pytest

from courses import availability
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory


@pytest.fixture
def catalogue(site):
    """The course index with two courses under the home page."""
    index = CourseIndexPageFactory(parent=site)
    five = CoursePageFactory(parent=index, title="5-day course", slug="five-day-course")
    three = CoursePageFactory(
        parent=index,
        title="3-week course",
        slug="three-week-course",
        delivery="blended",
        duration="3 weeks",
    )
    return index, five, three


@pytest.fixture
def taken(monkeypatch):
    """Pretend places are taken: {cohort_id: count}, as the bookings app's counter reports."""
    counts = {}
    monkeypatch.setattr(availability, "_counters", [lambda ids: {i: counts.get(i, 0) for i in ids}])
    return counts
