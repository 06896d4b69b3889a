"""The only code that talks to Stripe, through the official SDK.

With STRIPE_API_BASE set (the demo, the tests) the same calls go to the project's fake Stripe;
with real keys and no base they go to Stripe. Nothing here is mocked anywhere.
"""

import json
from urllib.parse import urlsplit

import stripe
from django.conf import settings

from bookings.payments.webhook_events import event_problem

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
    """The verified event as a plain dict, or ValueError / stripe.SignatureVerificationError.

    The signature is checked first: nothing unsigned is parsed (a body can be built to make
    a JSON parser run out of stack). A signed body must then be an event as Stripe sends
    them (webhook_events)."""
    if not signature.isascii():  # the SDK's comparison raises TypeError on anything else
        raise stripe.SignatureVerificationError("signature is not ASCII", signature)
    stripe.WebhookSignature.verify_header(
        payload, signature, settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
    )
    try:
        body = json.loads(payload)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    problem = event_problem(body)
    if problem:
        raise ValueError(problem)
    return body
