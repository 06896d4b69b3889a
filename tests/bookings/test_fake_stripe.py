"""The fake Stripe speaks Stripe's wire format: the official SDK, unchanged, is the client."""

import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import stripe

from bookings.payments.fake_stripe import signature
from bookings.payments.fake_stripe.store import parse_form


def params(**overrides):
    return {
        "mode": "payment",
        "customer_email": "amara@example.com",
        "metadata": {"order_id": "7"},
        "expires_at": int(time.time()) + 31 * 60,
        "success_url": "http://site/paid?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://site/order",
        "line_items": [
            {
                "quantity": 2,
                "price_data": {
                    "currency": "gbp",
                    "unit_amount": 35000,
                    "product_data": {"name": "A place"},
                },
            }
        ],
        **overrides,
    }


@pytest.fixture
def client(fake_stripe):
    return stripe.StripeClient("sk_test_x", base_addresses={"api": fake_stripe.url})


def test_bracket_notation_becomes_nested_lists_and_dicts():
    body = "a[b][0][c]=1&a[b][1][c]=2&m[k]=v&plain=x"
    assert parse_form(body) == {"a": {"b": [{"c": "1"}, {"c": "2"}]}, "m": {"k": "v"}, "plain": "x"}


def test_create_and_retrieve_a_session(client):
    session = client.v1.checkout.sessions.create(params=params())
    assert isinstance(session, stripe.checkout.Session)
    assert session.amount_total == 70000 and session.status == "open"
    assert session.metadata["order_id"] == "7"
    assert client.v1.checkout.sessions.retrieve(session.id).id == session.id


def test_idempotency_key_replays_and_refuses_different_parameters(client):
    first = client.v1.checkout.sessions.create(params=params(), options={"idempotency_key": "k"})
    again = client.v1.checkout.sessions.create(params=params(), options={"idempotency_key": "k"})
    assert again.id == first.id
    with pytest.raises(stripe.IdempotencyError):
        client.v1.checkout.sessions.create(
            params=params(customer_email="other@example.com"), options={"idempotency_key": "k"}
        )


def test_errors_have_stripes_shape(client, fake_stripe):
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.checkout.sessions.retrieve("cs_nope")
    assert missing.value.http_status == 404 and missing.value.code == "resource_missing"
    with pytest.raises(stripe.InvalidRequestError) as too_soon:
        client.v1.checkout.sessions.create(params=params(expires_at=int(time.time()) + 60))
    assert too_soon.value.param == "expires_at"
    with pytest.raises(stripe.AuthenticationError):
        stripe.StripeClient("", base_addresses={"api": fake_stripe.url}).v1.refunds.create(
            params={"payment_intent": "pi_x"}
        )


def test_hosted_page_declines_the_test_card_and_pays_with_a_good_one(client, fake_stripe):
    session = client.v1.checkout.sessions.create(params=params())
    page = f"{fake_stripe.url}/checkout/{session.id}"
    assert b"Pay \xc2\xa3700.00" in urllib.request.urlopen(page).read()
    with pytest.raises(urllib.error.HTTPError) as declined:
        urllib.request.urlopen(page, data=b"card=4000+0000+0000+0002")
    assert declined.value.code == 402 and b"declined" in declined.value.read()
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    with pytest.raises(urllib.error.HTTPError) as paid:
        urllib.request.build_opener(Stay).open(page, data=b"card=4242424242424242")
    assert paid.value.code == 303
    assert paid.value.headers["Location"] == f"http://site/paid?session_id={session.id}"
    done = client.v1.checkout.sessions.retrieve(session.id)
    assert (done.status, done.payment_status) == ("complete", "paid")


def test_refunds_up_to_the_amount_paid(client, fake_stripe):
    session = client.v1.checkout.sessions.create(params=params())
    with fake_stripe.store.lock:
        fake_stripe.store.pay(session.id)
    intent = client.v1.checkout.sessions.retrieve(session.id).payment_intent
    refund = client.v1.refunds.create(params={"payment_intent": intent, "amount": 50000})
    assert refund.object == "refund" and refund.amount == 50000
    with pytest.raises(stripe.InvalidRequestError) as too_much:
        client.v1.refunds.create(params={"payment_intent": intent, "amount": 50000})
    assert too_much.value.code == "amount_too_large"


def test_webhooks_are_signed_as_stripe_signs_them_and_retried(client, fake_stripe, settings):
    received = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            event = stripe.Webhook.construct_event(
                body, self.headers["Stripe-Signature"], settings.STRIPE_WEBHOOK_SECRET
            )
            received.append(event["id"])
            self.send_response(500 if len(received) == 1 else 200)  # fail the first delivery
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake_stripe.store.webhook_url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        session = client.v1.checkout.sessions.create(params=params())
        client.v1.checkout.sessions.expire(session.id)
        deadline = time.time() + 5
        while len(received) < 2 and time.time() < deadline:
            time.sleep(0.05)
    finally:
        server.shutdown()
    assert len(received) == 2 and received[0] == received[1]  # the same event, delivered again


def test_signature_matches_stripes_scheme():
    header = signature('{"id": "evt_1"}', "whsec_abc", timestamp=1700000000)
    event = stripe.Webhook.construct_event('{"id": "evt_1"}', header, "whsec_abc", tolerance=None)
    assert event["id"] == "evt_1"
    assert json.loads(json.dumps(header.split(",")))[0] == "t=1700000000"
