"""Faults on the card path, against the project's fake Stripe through the real SDK: Stripe
timing out at checkout (the places freed, or kept for an offer's retry, and never a second
charge), and webhooks arriving before the return page, after it, twice and out of order
(one confirmation, one payment, one receipt, one set of emails)."""

import datetime
import itertools
import time

import pytest
from django.core import mail
from django.utils import timezone

from bookings.exceptions import PaymentUnavailable, PaymentUnavailableHoldKept
from bookings.models import Invoice, OrderStatus, Payment, PaymentStatus, PlaceStatus
from bookings.services import offers
from bookings.services.card import start_card_payment
from bookings.services.holds import Attendee
from courses.availability import places_taken
from tests.bookings.stripe import events_for, held_order, post_event
from tests.bookings.waiting import free, full, waiting
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

URLS = {"success_url": "http://testserver/paid?s={CHECKOUT_SESSION_ID}", "cancel_url": "http://x/"}


@pytest.fixture
def slow_stripe(fake_stripe, settings):
    """Stripe answers after the SDK has given up, twice (the call and the SDK's own retry
    with the same idempotency key), and creates the session all the same."""
    settings.STRIPE_TIMEOUT_SECONDS = 0.3
    with fake_stripe.store.lock:
        fake_stripe.store.next_error = {"sleep": 0.6, "times": 2}
    yield fake_stripe
    time.sleep(0.7)  # the fake's last sleeping request finishes before the next test


def sessions_for(fake, order):
    with fake.store.lock:
        return [
            s for s in fake.store.sessions.values() if s["client_reference_id"] == order.reference
        ]


def wait_for_sessions(fake, order, count, seconds=3):
    deadline = time.monotonic() + seconds
    while len(sessions_for(fake, order)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return sessions_for(fake, order)


def test_a_timeout_frees_the_places_and_the_call_made_one_session_at_most(slow_stripe, site):
    cohort = CohortFactory(capacity=3)
    order = held_order(cohort, n=2)
    with pytest.raises(PaymentUnavailable) as info:
        start_card_payment(order_id=order.pk, **URLS)
    assert "you have not been charged" in info.value.message
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert places_taken([cohort.pk]).get(cohort.pk, 0) == 0
    assert not Payment.objects.exists()
    time.sleep(1)  # both requests have reached the fake by now
    # The SDK retried with the same key: Stripe replayed the first result, not a second session.
    assert len(sessions_for(slow_stripe, order)) == 1


def offer_order(cohort, on_commit):
    """A waiting-list offer taken up and named: its places are held for days, not minutes."""
    hold = full(cohort, freeable=1)
    entry = waiting(cohort, 1, minute=0)
    with on_commit(execute=True):
        free(hold)  # the freed place is offered after the commit
    entry.refresh_from_db()
    tier = cohort.course.price_tiers.first()
    person = [Attendee(name="Grace Mensah", email="grace@example.nhs.uk", price_tier_id=tier.pk)]
    return offers.name_offer_places(order_id=entry.order_id, user=entry.user, attendees=person)


def test_an_offer_keeps_its_places_through_a_timeout_and_the_retry_can_be_paid_once(
    client, slow_stripe, site, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(capacity=1)
    order = offer_order(cohort, django_capture_on_commit_callbacks)
    with pytest.raises(PaymentUnavailableHoldKept) as info:
        start_card_payment(order_id=order.pk, **URLS)
    assert "still held" in info.value.message
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert order.places.get().status == PlaceStatus.HELD
    (orphan,) = wait_for_sessions(slow_stripe, order, 1)

    # The learner tries again a few minutes later, and Stripe answers this time.
    later = timezone.now() + datetime.timedelta(minutes=3)
    url = start_card_payment(order_id=order.pk, now=later, **URLS)
    payment = Payment.objects.get(order=order)
    assert url == payment.checkout_url
    # The session the timed-out call made was never shown to anyone; it lapses unpaid.
    assert orphan["id"] != payment.checkout_session_id
    with slow_stripe.store.lock:
        slow_stripe.store.pay(payment.checkout_session_id)
        slow_stripe.store.expire(orphan["id"])
    events = events_for(slow_stripe, payment.checkout_session_id)
    for event in events + events_for(slow_stripe, orphan["id"]):
        assert post_event(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    charged = [s for s in sessions_for(slow_stripe, order) if s["payment_status"] == "paid"]
    assert len(charged) == 1
    assert order.payments.filter(status=PaymentStatus.PAID).count() == 1


# --- webhooks and the return page, in every order ---------------------------------------------


def return_page(client, order, session_id):
    client.force_login(order.buyer)
    response = client.get(f"/book/orders/{order.reference}/paid/?session_id={session_id}")
    assert response.status_code in (302, 303)
    return client.get(response["Location"]).content.decode()


def stale_expired(completed):
    """An expired event for the same session, as if it had been sent before it was paid."""
    obj = {**completed["data"]["object"], "status": "expired", "payment_status": "unpaid"}
    return {
        **completed,
        "id": completed["id"] + "_stale",
        "type": "checkout.session.expired",
        "data": {"object": obj},
    }


STEPS = ("return", "webhook", "webhook again", "stale expired")


@pytest.mark.parametrize(
    "steps",
    [
        ("webhook", "return"),
        ("return", "webhook"),
        ("webhook", "webhook again", "return"),
        ("webhook", "stale expired", "return"),
        ("stale expired", "webhook"),
        ("return", "stale expired", "webhook again"),
    ],
    ids="/".join,
)
def test_webhooks_in_any_order_confirm_once(
    client, fake_stripe, site, steps, django_capture_on_commit_callbacks
):
    order = held_order(CohortFactory(capacity=3), n=2)
    session_id = start_card_payment(order_id=order.pk, **URLS).rsplit("/", 1)[-1]
    with fake_stripe.store.lock:
        fake_stripe.store.pay(session_id)
    (completed,) = events_for(fake_stripe, session_id, "checkout.session.completed")
    with django_capture_on_commit_callbacks(execute=True):
        for step in steps:
            if step == "return":
                assert "Booking confirmed" in return_page(client, order, session_id)
            else:
                event = stale_expired(completed) if step == "stale expired" else completed
                assert post_event(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert order.events.filter(kind="confirmed").count() == 1
    assert order.places.filter(status=PlaceStatus.CONFIRMED).count() == 2
    assert order.payments.get().status == PaymentStatus.PAID
    assert Invoice.objects.filter(order=order).count() == 1  # one receipt, one number
    confirmations = [m for m in mail.outbox if order.reference in m.subject]
    recipients = sorted(itertools.chain.from_iterable(m.to for m in confirmations))
    assert recipients == sorted(set(recipients)) and len(recipients) >= 1
    assert order.events.filter(kind="confirmation_sent").count() == 1
