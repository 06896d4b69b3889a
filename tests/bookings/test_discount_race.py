"""The last uses of a discount code: twenty buyers at once, each on a cohort of a course of
their own, so that no cohort lock (which on PostgreSQL also locks the cohort's course row)
stands between them, only the code's guard; exactly as many win as the limit allows."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from bookings.exceptions import BookingError, CodeUsedUp
from bookings.models import DiscountCode, Order, Place
from bookings.services import discounts, holds
from tests.factories import UserFactory
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUYERS = 20
LIMIT = 5


def rush(code, pairs):
    """Every (buyer, cohort) tries to hold one place with `code` at the same moment.
    Returns what each got: "held", or the message they were shown."""
    barrier = threading.Barrier(len(pairs))
    results = []

    def book(buyer, cohort):
        close_old_connections()
        tier = cohort.course.price_tiers.first()
        barrier.wait()
        try:
            holds.hold_places(
                cohort_id=cohort.pk,
                buyer=buyer,
                attendees=[holds.Attendee(name="A", email=buyer.email, price_tier_id=tier.pk)],
                payment_method="card",
                discount_code=code.code,
            )
            results.append("held")
        except BookingError as error:
            results.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=pair) for pair in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def pairs(site):
    """Twenty buyers, each booking a cohort of a different course."""
    return [(UserFactory(), CohortFactory(sessions=1)) for _ in range(BUYERS)]


def test_twenty_buyers_for_the_last_five_uses(pairs):
    code = DiscountCodeFactory(usage_limit=LIMIT)
    results = rush(code, pairs)
    assert results.count("held") == LIMIT
    assert results.count(CodeUsedUp.message) == BUYERS - LIMIT
    assert len(results) == BUYERS
    code.refresh_from_db()
    assert code.times_used == LIMIT
    assert Order.objects.filter(discount_code=code).count() == LIMIT
    assert Order.objects.count() == LIMIT and Place.objects.count() == LIMIT


def test_without_the_guard_the_code_is_overused(pairs, monkeypatch):
    """The guard matters: counting by read-then-write, the same rush passes the limit."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")

    def unguarded(code_id):
        code = DiscountCode.objects.get(pk=code_id)
        if code.used_up:
            return False
        time.sleep(0.2)  # widen the window between reading and writing
        DiscountCode.objects.filter(pk=code_id).update(times_used=code.times_used + 1)
        return True

    monkeypatch.setattr(discounts, "count_use", unguarded)
    code = DiscountCodeFactory(usage_limit=LIMIT)
    results = rush(code, pairs)
    assert results.count("held") > LIMIT
