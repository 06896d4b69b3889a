"""Helpers for tests that pay through the fake Stripe: signed webhook posts, held orders."""

import json

from django.conf import settings

from bookings.payments.fake_stripe import signature
from bookings.services import holds
from bookings.services.card import start_card_payment
from tests.factories import UserFactory

WEBHOOK = "/payments/stripe/webhook/"


def post_event(client, event, secret=None):
    payload = json.dumps(event)
    sig = signature(payload, secret or settings.STRIPE_WEBHOOK_SECRET)
    return client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sig)


def events_for(fake, session_id, type_=None):
    """The session's events, and its payment's (a refund's charge). An unpaid session has no
    payment intent: it must not match every other unpaid session's events on the fake."""
    intent = fake.store.sessions[session_id].get("payment_intent")
    return [
        e
        for e in fake.store.events
        if e["data"]["object"].get("id") == session_id
        or (intent and e["data"]["object"].get("payment_intent") == intent)
        if type_ is None or e["type"] == type_
    ]


def held_order(cohort, n=1, buyer=None, now=None):
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    attendees = [
        holds.Attendee(name=f"Person {i}", email=f"p{i}@example.com", price_tier_id=tier.pk)
        for i in range(n)
    ]
    return holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer or UserFactory(),
        attendees=attendees,
        payment_method="card",
        now=now,
    )


def checkout(order):
    """Start card payment; returns the session id on the fake."""
    url = start_card_payment(
        order_id=order.pk,
        success_url="http://testserver/paid?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://testserver/order",
    )
    return url.rsplit("/", 1)[-1]


def paid_order(fake, cohort, n=1, buyer=None):
    """An order confirmed by a real (fake) card payment, settled as the return page does."""
    from bookings.payments import stripe_gateway
    from bookings.services.card import settle_checkout_session

    order = held_order(cohort, n=n, buyer=buyer)
    session_id = checkout(order)
    with fake.store.lock:
        fake.store.pay(session_id)
    settle_checkout_session(stripe_gateway.retrieve_checkout_session(session_id), source="test")
    order.refresh_from_db()
    return order
