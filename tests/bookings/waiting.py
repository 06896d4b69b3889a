"""Helpers for the waiting-list tests: fill a cohort, free places, line people up."""

import datetime
import itertools

from django.utils import timezone

from bookings.services.confirm import confirm_order
from bookings.services.expiry import expire_order
from bookings.services.holds import Attendee, hold_places
from tests.factories import UserFactory
from tests.factories.bookings import WaitingListEntryFactory

_people = itertools.count()
JOINED = timezone.now() - datetime.timedelta(days=7)


def book(cohort, n, *, confirm=True, buyer=None, now=None):
    """An order for `n` places on `cohort` (confirmed, or left held)."""
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    attendees = [
        Attendee(name=f"Person {i}", email=f"person{i}@example.com", price_tier_id=tier.pk)
        for i in (next(_people) for _ in range(n))
    ]
    order = hold_places(
        cohort_id=cohort.pk,
        buyer=buyer or UserFactory(),
        attendees=attendees,
        payment_method="card",
        now=now,
    )
    if confirm:
        confirm_order(order_id=order.pk, message="Paid")
    return order


def full(cohort, *, freeable=0):
    """Fill `cohort`; the last `freeable` places are only held, by the order returned."""
    if cohort.capacity > freeable:
        book(cohort, cohort.capacity - freeable)
    return book(cohort, freeable, confirm=False) if freeable else None


def free(order):
    """The hold runs out: its places come free (the caller runs on_commit callbacks)."""
    expire_order(order_id=order.pk, reason="Hold expired before payment")


def waiting(cohort, wanted=1, *, minute, any_cohort=False, user=None):
    """Someone waiting for `wanted` places; `minute` orders the queue."""
    extra = {"user": user} if user else {}
    return WaitingListEntryFactory(
        cohort=cohort,
        places_wanted=wanted,
        any_cohort=any_cohort,
        created_at=JOINED + datetime.timedelta(minutes=minute),
        **extra,
    )
