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
    params = {
        "mode": "payment",
        "customer_email": order.buyer_email,
        "client_reference_id": order.reference,
        "metadata": {"order_id": str(order.pk), "reference": order.reference},
        "expires_at": int(expires_at.timestamp()),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": order.currency,
                    "unit_amount": place.price_pence,
                    "product_data": {
                        "name": f"{order.cohort.course.title}, {order.cohort.start_date:%-d %b %Y}"
                        f": {place.attendee_name}"
                    },
                },
            }
            for place in places
        ],
    }
    if order.vat_pence or order.discount_pence:
        # Stripe sums the line items; an order with VAT or a discount is charged as one line.
        params["line_items"] = [
            {
                "quantity": 1,
                "price_data": {
                    "currency": order.currency,
                    "unit_amount": order.total_pence,
                    "product_data": {"name": f"Booking {order.reference}"},
                },
            }
        ]
    return _call(
        client().v1.checkout.sessions.create, params=params, options={"idempotency_key": key}
    )


def create_invoice_checkout_session(
    *, invoice, amount_pence, success_url, cancel_url, expires_at, key
):
    params = {
        "mode": "payment",
        "customer_email": invoice.customer_email,
        "client_reference_id": invoice.number,
        "metadata": {"invoice_id": str(invoice.pk), "invoice_number": invoice.number},
        "expires_at": int(expires_at.timestamp()),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": invoice.order.currency,
                    "unit_amount": amount_pence,
                    "product_data": {"name": f"Invoice {invoice.number}"},
                },
            }
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
