"""The Stripe webhook under arbitrary input: any body with any signature, and bodies signed
with our own secret that are not the events Stripe sends. Never a 500; a refusal is a 400
that records nothing, so Stripe's retry (or nobody) can send it again."""

import json

import pytest
from django.conf import settings
from hypothesis import strategies as st

from bookings.models import Order, OrderEvent, Payment, Place, Refund, StripeEvent
from bookings.payments.fake_stripe import signature
from tests.bookings.stripe import WEBHOOK, checkout, held_order
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.security.fuzz import any_text, big_int, each_example, fuzz, rows

pytestmark = pytest.mark.django_db

TOUCHED = (StripeEvent, Order, Payment, Place, Refund, OrderEvent)
HANDLED = [
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "charge.refunded",
]

json_scalar = st.one_of(
    st.none(), st.booleans(), big_int, st.integers(), st.floats(allow_nan=False), any_text
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def post(client, body, sig):
    return client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sig)


def signed(body):
    return signature(body, settings.STRIPE_WEBHOOK_SECRET)


@pytest.fixture
def session_id(site, fake_stripe):
    """A held order with an open Checkout Session, so events naming it reach our records."""
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    order = held_order(CohortFactory(course=course, capacity=3))
    checkout(order)
    return Payment.objects.get(order=order).checkout_session_id


@fuzz(
    body=st.one_of(
        st.binary(max_size=300),
        json_value.map(json.dumps),
        st.sampled_from(["[" * 100_000, '{"a":' * 50_000, "\ufeff{}", "", "null"]),
    ),
    sig=st.one_of(
        any_text,
        st.builds(lambda t, v: f"t={t},v1={v}", st.one_of(big_int, st.integers()), any_text),
    ),
    max_examples=60,
)
def test_any_body_with_any_signature_is_refused_and_records_nothing(client, db, body, sig):
    before = rows(*TOUCHED)
    with each_example():
        response = post(client, body, sig)
        assert response.status_code == 400
        assert rows(*TOUCHED) == before


def test_the_signature_is_checked_before_the_body_is_read(client, db):
    """A body nested deep enough to break a JSON parser is refused for its signature alone."""
    response = post(client, "[" * 100_000, "t=1,v1=00")
    assert response.status_code == 400


def test_a_deeply_nested_body_with_a_valid_signature_is_refused_cleanly(client, db):
    body = "[" * 100_000 + "]" * 100_000
    assert post(client, body, signed(body)).status_code == 400


def taken_or_refused_whole(client, event):
    """Signed with our secret: accepted, or refused with nothing written."""
    body = json.dumps(event)
    before = rows(*TOUCHED)
    with each_example():
        response = post(client, body, signed(body))
        assert response.status_code in (200, 400)
        if response.status_code == 400:
            assert rows(*TOUCHED) == before


@fuzz(event=json_value, max_examples=40)
def test_signed_json_that_is_not_an_event_is_refused(client, db, event):
    taken_or_refused_whole(client, event)


@fuzz(
    event_id=st.one_of(
        any_text,
        json_value,
        st.text(min_size=256, max_size=300).map(lambda s: "evt_" + s),
        st.just("evt_\x00"),
    ),
    max_examples=40,
)
def test_event_ids_that_stripe_never_sends_are_refused(client, db, event_id):
    event = {"id": event_id, "type": "customer.created", "data": {"object": {}}}
    body = json.dumps(event)
    before = rows(*TOUCHED)
    with each_example():
        response = post(client, body, signed(body))
        if response.status_code == 200:  # an id as Stripe makes them: recorded, once
            assert StripeEvent.objects.filter(event_id=event_id).count() == 1
        else:
            assert response.status_code == 400
            assert rows(*TOUCHED) == before


@fuzz(
    event_type=st.sampled_from(HANDLED),
    fields=st.dictionaries(
        st.sampled_from(
            ["payment_status", "status", "payment_intent", "amount_total", "refunds", "metadata"]
        ),
        json_value,
        max_size=4,
    ),
    name_session=st.booleans(),
    max_examples=60,
)
def test_a_handled_event_with_malformed_contents_is_never_a_server_error(
    client, session_id, event_type, fields, name_session
):
    """Signed with our secret but shaped wrong (a session whose fields have the wrong types,
    a refund without an amount): refused, or taken for what it is; never half-applied."""
    obj = {**fields, "id": session_id} if name_session else fields
    event = {"id": "evt_test_fuzz", "type": event_type, "data": {"object": obj}}
    taken_or_refused_whole(client, event)


def test_a_well_formed_event_is_still_accepted_once(client, db):
    event = {"id": "evt_test_1", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}
    body = json.dumps(event)
    assert post(client, body, signed(body)).status_code == 200
    assert post(client, body, signed(body)).status_code == 200
    assert StripeEvent.objects.filter(event_id="evt_test_1").count() == 1
