"""confirm_order: one idempotent path to a confirmed place, announced once after commit."""

import pytest

from bookings.exceptions import BookingError
from bookings.models import OrderStatus, Place, PlaceStatus
from bookings.services.confirm import confirm_order
from bookings.signals import places_confirmed
from courses.availability import places_taken
from courses.models import Cohort
from tests.bookings.stripe import held_order
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def test_confirms_every_place_once(site, django_capture_on_commit_callbacks):
    order = held_order(CohortFactory(), n=2)
    received = []

    def receiver(sender, order, places, **kwargs):
        received.append(len(places))

    places_confirmed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            confirm_order(order_id=order.pk, message="Paid by card")
        with django_capture_on_commit_callbacks(execute=True):
            confirm_order(order_id=order.pk, message="Paid by card (webhook replay)")
    finally:
        places_confirmed.disconnect(receiver)
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert set(order.places.values_list("status", flat=True)) == {PlaceStatus.CONFIRMED}
    assert received == [2]
    assert order.events.filter(kind="confirmed").count() == 1


def test_an_expired_order_is_not_confirmed(site):
    order = held_order(CohortFactory())
    order.status = OrderStatus.EXPIRED
    order.save()
    with pytest.raises(BookingError, match="expired"):
        confirm_order(order_id=order.pk, message="late payment")


def test_catalogue_counts_held_and_confirmed_places(site):
    cohort = CohortFactory(capacity=10)
    confirm_order(order_id=held_order(cohort, n=3).pk, message="ok")
    held_order(cohort, n=2)
    assert places_taken([cohort.pk]) == {cohort.pk: 5}


def test_course_page_shows_a_cohort_filled_by_real_places_as_full(client, site):
    from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    cohort = CohortFactory(course=course, capacity=2)
    held_order(cohort, n=2)
    html = client.get(course.url).content.decode()
    assert "Full — join the waiting list" in html
    assert Place.objects.filter(cohort=cohort).count() == 2
    assert Cohort.objects.count() == 1
