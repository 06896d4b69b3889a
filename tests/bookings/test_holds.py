"""hold_places: capacity is never oversold, and a double click makes one order."""

import datetime
import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from bookings.exceptions import CohortFull, CohortNotBookable, InvalidPriceTier
from bookings.models import Order, Place
from bookings.services import holds
from courses.models import Cohort
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory


def attendee(cohort, n=0):
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    return holds.Attendee(name=f"Person {n}", email=f"person{n}@example.com", price_tier_id=tier.pk)


@pytest.mark.django_db
def test_holds_places_for_thirty_minutes_at_the_tier_price(site):
    cohort = CohortFactory(capacity=3)
    buyer = UserFactory()
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer,
        attendees=[attendee(cohort, 1), attendee(cohort, 2)],
        payment_method="card",
    )
    assert order.places.count() == 2
    assert order.total_pence == 2 * 35000
    left = order.hold_expires_at - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)
    assert order.events.get().kind == "held"


@pytest.mark.django_db
def test_early_bird_price_before_the_deadline(site):
    cohort = CohortFactory(early_bird_deadline=timezone.localdate() + datetime.timedelta(days=5))
    tier = cohort.course.price_tiers.first()
    tier.early_bird_price_pence = tier.price_pence - 5000
    tier.save()
    a = holds.Attendee(name="A", email="a@example.com", price_tier_id=tier.pk)
    order = holds.hold_places(
        cohort_id=cohort.pk, buyer=UserFactory(), attendees=[a], payment_method="card"
    )
    assert order.total_pence == tier.price_pence - 5000


@pytest.mark.django_db
def test_refuses_more_places_than_are_left(site):
    cohort = CohortFactory(capacity=2)
    buyer = UserFactory()
    with pytest.raises(CohortFull, match="Only 2 places left"):
        holds.hold_places(
            cohort_id=cohort.pk,
            buyer=buyer,
            attendees=[attendee(cohort, i) for i in range(3)],
            payment_method="card",
        )
    assert not Place.objects.exists()


@pytest.mark.django_db
def test_expired_holds_free_their_places(site):
    cohort = CohortFactory(capacity=1)
    past = timezone.now() - datetime.timedelta(hours=1)
    holds.hold_places(
        cohort_id=cohort.pk,
        buyer=UserFactory(),
        attendees=[attendee(cohort)],
        payment_method="card",
        now=past,
    )
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=UserFactory(),
        attendees=[attendee(cohort)],
        payment_method="card",
    )
    assert order.places.count() == 1


@pytest.mark.django_db
def test_tampered_price_tier_is_refused(site):
    cohort = CohortFactory()
    other = CohortFactory()  # another course's tier
    bad = holds.Attendee(
        name="A", email="a@example.com", price_tier_id=other.course.price_tiers.first().pk
    )
    with pytest.raises(InvalidPriceTier):
        holds.hold_places(
            cohort_id=cohort.pk, buyer=UserFactory(), attendees=[bad], payment_method="card"
        )


@pytest.mark.django_db
def test_cancelled_cohort_cannot_be_held(site):
    cohort = CohortFactory(status="cancelled")
    with pytest.raises(CohortNotBookable):
        holds.hold_places(
            cohort_id=cohort.pk,
            buyer=UserFactory(),
            attendees=[attendee(cohort)],
            payment_method="card",
        )


@pytest.mark.django_db
def test_double_submission_makes_one_order(site):
    cohort = CohortFactory()
    buyer = UserFactory()
    kwargs = dict(
        cohort_id=cohort.pk,
        buyer=buyer,
        attendees=[attendee(cohort)],
        payment_method="card",
        submission_key="form-token-1",
    )
    first = holds.hold_places(**kwargs)
    second = holds.hold_places(**kwargs)
    assert first.pk == second.pk and Order.objects.count() == 1


def rush(cohort, buyers, hold=holds.hold_places):
    """Every buyer tries to hold one place at the same moment; returns (held, full)."""
    barrier = threading.Barrier(len(buyers))
    results = []

    def book(buyer):
        close_old_connections()
        barrier.wait()
        try:
            hold(
                cohort_id=cohort.pk,
                buyer=buyer,
                attendees=[attendee(cohort)],
                payment_method="card",
            )
            results.append("held")
        except CohortFull:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(b,)) for b in buyers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results.count("held"), results.count("full")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_buyers_for_the_last_five_places(site):
    cohort = CohortFactory(capacity=5)
    buyers = [UserFactory() for _ in range(20)]
    held, full = rush(cohort, buyers)
    assert (held, full) == (5, 15)
    assert Place.objects.filter(cohort=cohort).count() == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_the_lock_places_are_oversold(site, monkeypatch):
    """The guard matters: with the cohort row unlocked, the same rush oversells."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")

    def unlocked(cohort_id):
        cohort = Cohort.objects.select_related("course").get(pk=cohort_id)
        time.sleep(0.2)  # widen the window between counting and writing
        return cohort

    monkeypatch.setattr(holds, "lock_cohort", unlocked)
    cohort = CohortFactory(capacity=5)
    held, _ = rush(cohort, [UserFactory() for _ in range(20)])
    assert held > 5
