"""Holds that run out give their places back, by the beat task and idempotently."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from bookings.models import OrderStatus, PlaceStatus
from bookings.services import holds
from bookings.services.confirm import confirm_order
from bookings.services.expiry import expire_order
from bookings.tasks import release_expired_holds
from courses.availability import places_taken
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def hold(cohort, now=None):
    tier = cohort.course.price_tiers.first()
    a = holds.Attendee(name="A", email="a@example.com", price_tier_id=tier.pk)
    return holds.hold_places(
        cohort_id=cohort.pk, buyer=UserFactory(), attendees=[a], payment_method="card", now=now
    )


def test_beat_task_releases_only_lapsed_holds(site):
    cohort = CohortFactory(capacity=5)
    lapsed = hold(cohort, now=timezone.now() - datetime.timedelta(minutes=31))
    live = hold(cohort)
    paid = hold(cohort, now=timezone.now() - datetime.timedelta(minutes=40))
    confirm_order(order_id=paid.pk, message="paid")
    assert release_expired_holds.delay().get() == 1
    lapsed.refresh_from_db()
    live.refresh_from_db()
    assert lapsed.status == OrderStatus.EXPIRED
    assert lapsed.places.get().status == PlaceStatus.EXPIRED
    assert live.status == OrderStatus.PENDING
    assert places_taken([cohort.pk])[cohort.pk] == 2
    assert release_expired_holds.delay().get() == 0


def test_expiring_twice_changes_nothing(site):
    order = hold(CohortFactory())
    expire_order(order_id=order.pk, reason="test")
    expire_order(order_id=order.pk, reason="test again")
    assert order.events.filter(kind="expired").count() == 1


def test_the_task_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["release-expired-holds"]
    assert entry["task"] == release_expired_holds.name
