"""What a learner is told about booking a cohort, and the rules that refuse a bad cohort."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.availability import availability, places_taken, register_places_counter
from courses.models import Cohort, CohortSession
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def cohort(**kwargs):
    defaults = {"start_date": TODAY + datetime.timedelta(days=30), "capacity": 12, "status": "open"}
    return Cohort(
        **{
            **defaults,
            "end_date": (kwargs.get("start_date") or defaults["start_date"])
            + datetime.timedelta(days=4),
            **kwargs,
        }
    )


@pytest.mark.parametrize(
    ("kwargs", "taken", "label", "reason"),
    [
        ({}, 0, "12 places left", ""),
        ({}, 11, "1 place left", ""),
        ({}, 12, "Full — join the waiting list", "full"),
        ({"status": "cancelled"}, 0, "Cancelled", "cancelled"),
        ({"status": "closed"}, 0, "Booking closed", "closed"),
        ({"status": "completed"}, 0, "This course has already started", "past"),
        (
            {"start_date": TODAY - datetime.timedelta(days=1)},
            0,
            "This course has already started",
            "past",
        ),
    ],
)
def test_labels(kwargs, taken, label, reason):
    result = availability(cohort(**kwargs), taken)
    assert result.label == label
    assert result.reason == reason
    assert result.bookable is (reason == "")


def test_open_cohort_says_when_booking_closes():
    result = availability(cohort(), 0)
    assert result.note.startswith("Booking closes ")


def test_booking_window():
    now = timezone.now()
    not_yet = cohort(booking_opens=now + datetime.timedelta(days=3))
    assert availability(not_yet, 0).reason == "not_open"
    assert availability(not_yet, 0).label.startswith("Booking opens ")
    closed = cohort(booking_closes=now - datetime.timedelta(minutes=1))
    assert availability(closed, 0).reason == "closed"


def test_overbooked_cohort_never_shows_negative_places():
    result = availability(cohort(capacity=2), 5)
    assert result.left == 0 and result.full and result.waitlist


def test_counters_are_summed(monkeypatch):
    from courses import availability as module

    monkeypatch.setattr(module, "_counters", [])
    register_places_counter(lambda ids: {i: 2 for i in ids})
    register_places_counter(lambda ids: {i: 1 for i in ids})
    assert places_taken([7, 8]) == {7: 3, 8: 3}


def test_end_before_start_is_refused_on_the_field():
    bad = cohort(end_date=TODAY)
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "end_date" in error.value.message_dict


def test_session_outside_the_cohort_dates_is_refused():
    c = CohortFactory(sessions=0)
    starts = timezone.make_aware(
        datetime.datetime.combine(c.end_date + datetime.timedelta(days=1), datetime.time(9))
    )
    session = CohortSession(
        cohort=c, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "outside the cohort's dates" in error.value.message_dict["starts_at"][0]


def test_session_ending_before_it_starts_is_refused():
    c = CohortFactory(sessions=0)
    starts = timezone.make_aware(datetime.datetime.combine(c.start_date, datetime.time(9)))
    session = CohortSession(cohort=c, starts_at=starts, ends_at=starts)
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "ends_at" in error.value.message_dict


def test_session_minutes_exclude_breaks():
    c = CohortFactory(sessions=1)
    assert c.sessions.get().minutes == 6 * 60
