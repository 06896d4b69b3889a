"""The only code that talks to Stripe, through the official SDK.

With STRIPE_API_BASE set (the demo, the tests) the same calls go to the project's fake Stripe;
with real keys and no base they go to Stripe. Nothing here is mocked anywhere.
"""

import json
from urllib.parse import urlsplit

import stripe
from django.conf import settings

SITE_REFUND = "site"


class PaymentServiceError(Exception):
    """Stripe could not be reached or refused the call: say so, and free what was held."""


def client():
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=1,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
    )


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except stripe.StripeError as exc:
        raise PaymentServiceError(str(exc.user_message or exc)) from exc


def create_checkout_session(*, order, places, success_url, cancel_url, expires_at, key):
    lines = [
        (
            place.price_pence,
            f"{order.cohort.course.title}, {order.cohort.start_date:%-d %b %Y}"
            f": {place.attendee_name}",
        )
        for place in places
    ]
    if order.vat_pence or order.discount_pence:
        # Stripe sums the line items; an order with VAT or a discount is charged as one line.
        lines = [(order.total_pence, f"Booking {order.reference}")]
    return _checkout(
        email=order.buyer_email,
        reference=order.reference,
        metadata={"order_id": str(order.pk), "reference": order.reference},
        currency=order.currency,
        lines=lines,
        urls=(success_url, cancel_url),
        expires_at=expires_at,
        key=key,
    )


def create_invoice_checkout_session(
    *, invoice, amount_pence, success_url, cancel_url, expires_at, key
):
    return _checkout(
        email=invoice.customer_email,
        reference=invoice.number,
        metadata={"invoice_id": str(invoice.pk), "invoice_number": invoice.number},
        currency=invoice.order.currency,
        lines=[(amount_pence, f"Invoice {invoice.number}")],
        urls=(success_url, cancel_url),
        expires_at=expires_at,
        key=key,
    )


def _checkout(*, email, reference, metadata, currency, lines, urls, expires_at, key):
    params = {
        "mode": "payment",
        "customer_email": email,
        "client_reference_id": reference,
        "metadata": metadata,
        "expires_at": int(expires_at.timestamp()),
        "success_url": urls[0],
        "cancel_url": urls[1],
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency,
                    "unit_amount": amount,
                    "product_data": {"name": name},
                },
            }
            for amount, name in lines
        ],
    }
    return _call(
        client().v1.checkout.sessions.create, params=params, options={"idempotency_key": key}
    )


def checkout_origin():
    """Where the hosted Checkout page lives: Stripe's, or the fake's own."""
    if settings.STRIPE_API_BASE:
        parts = urlsplit(settings.STRIPE_API_BASE)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://checkout.stripe.com"


def retrieve_checkout_session(session_id):
    """The session as a plain dict, the same shape a webhook event carries."""
    return _call(client().v1.checkout.sessions.retrieve, session_id).to_dict()


def expire_checkout_session(session_id):
    return _call(client().v1.checkout.sessions.expire, session_id).to_dict()


def refund(*, payment_intent_id, amount_pence, key):
    # Marked as ours, so the charge.refunded webhook does not record it a second time.
    params = {
        "payment_intent": payment_intent_id,
        "amount": amount_pence,
        "metadata": {"made_by": SITE_REFUND},
    }
    return _call(client().v1.refunds.create, params=params, options={"idempotency_key": key})


def parse_webhook(payload, signature):
    """The verified event as a plain dict, or ValueError / stripe.SignatureVerificationError."""
    body = json.loads(payload)  # the SDK assumes an object; anything else is not an event
    if not isinstance(body, dict) or not {"id", "type", "data"} <= body.keys():
        raise ValueError("not a Stripe event")
    event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    return event.to_dict()
