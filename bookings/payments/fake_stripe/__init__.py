"""A local fake of the parts of Stripe this project uses, for the demo and the tests.

It speaks Stripe's wire format — form-encoded requests with bracket keys, JSON objects with
`id` and `object`, Stripe's error shape and status codes, `Idempotency-Key` replays — so the
official SDK runs against it unchanged (STRIPE_API_BASE). It also serves a hosted checkout
page (pay, decline, cancel) and delivers webhooks signed exactly as Stripe signs them
(`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")`), retrying failed deliveries.

    python -m bookings.payments.fake_stripe --port 12111 \\
        --webhook-url http://127.0.0.1:8000/payments/stripe/webhook/ --webhook-secret whsec_…

API: POST /v1/checkout/sessions, GET /v1/checkout/sessions/{id},
POST /v1/checkout/sessions/{id}/expire, GET /v1/payment_intents/{id}, POST /v1/refunds.
Test controls (JSON bodies): POST /_fake/config {webhook_url, webhook_secret};
POST /_fake/next_error {status: 500} or {sleep: seconds}; POST /_fake/sessions/{id}/pay;
POST /_fake/sessions/{id}/expire; GET /_fake/events; GET /_fake/deliveries.
It imports nothing from Django: in the demo it runs as its own process.
"""

from bookings.payments.fake_stripe.server import FakeStripe
from bookings.payments.fake_stripe.store import DECLINED_CARD, Store, signature

__all__ = ["DECLINED_CARD", "FakeStripe", "Store", "signature"]
