"""Card payments against the project's fake Stripe, through the real SDK: the checkout
session, the signed webhook (each event type, replays, order of events), the return page,
late and duplicate payments, and Stripe failing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bookings.exceptions import PaymentUnavailable
from bookings.models import OrderStatus, Payment, PaymentStatus, PlaceStatus, StripeEvent
from bookings.services.card import start_card_payment
from bookings.services.reconcile import release_lapsed_orders
from courses.availability import places_taken
from tests.bookings.stripe import WEBHOOK, checkout, events_for, held_order, post_event
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site):
    return CohortFactory(capacity=3)


def pay(fake, session_id, **kwargs):
    with fake.store.lock:
        fake.store.pay(session_id, **kwargs)


def test_checkout_session_carries_the_order(fake_stripe, cohort):
    order = held_order(cohort, n=2)
    session_id = checkout(order)
    session = fake_stripe.store.sessions[session_id]
    assert session["metadata"] == {"order_id": str(order.pk), "reference": order.reference}
    assert session["customer_email"] == order.buyer_email
    assert session["amount_total"] == order.total_pence == 2 * 35000
    assert len(session["line_items_data"]) == 2
    order.refresh_from_db()
    assert session["expires_at"] == int(order.hold_expires_at.timestamp())
    # Pressing pay again (a double click, the back button) reuses the open session.
    assert checkout(order) == session_id
    assert Payment.objects.filter(order=order).count() == 1


def test_completed_webhook_confirms_once_and_replays_change_nothing(
    client, fake_stripe, cohort, django_capture_on_commit_callbacks
):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    (event,) = events_for(fake_stripe, session_id, "checkout.session.completed")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, event).status_code == 200
        assert post_event(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert order.events.filter(kind="confirmed").count() == 1
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1
    assert len([m for m in mail.outbox if "Booking confirmed" in m.subject]) == 1
    assert order.payments.get().status == PaymentStatus.PAID


@pytest.mark.parametrize(
    "header",
    ["", "t=1,v1=deadbeef", "nonsense"],
    ids=["missing", "wrong", "malformed"],
)
def test_bad_signature_is_refused_and_changes_nothing(client, fake_stripe, cohort, header):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    (event,) = events_for(fake_stripe, session_id, "checkout.session.completed")
    import json

    response = client.post(
        WEBHOOK, json.dumps(event), content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_signed_with_another_secret_or_not_an_event_is_refused(client, fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    (event,) = events_for(fake_stripe, session_id, "checkout.session.completed")
    assert post_event(client, event, secret="whsec_someone_else").status_code == 400
    from bookings.payments.fake_stripe import signature

    for body in ("not json", "[]"):
        response = client.post(
            WEBHOOK,
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature(body, "whsec_fake_local"),
        )
        assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_return_page_confirms_before_the_webhook_arrives(client, fake_stripe, cohort):
    order = held_order(cohort)
    client.force_login(order.buyer)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    response = client.get(f"/book/orders/{order.reference}/paid/?session_id={session_id}")
    page = client.get(response["Location"]).content.decode()
    assert "Booking confirmed" in page
    (event,) = events_for(fake_stripe, session_id, "checkout.session.completed")
    assert post_event(client, event).status_code == 200  # the webhook, late: nothing new
    order.refresh_from_db()
    assert order.events.filter(kind="confirmed").count() == 1


def test_returning_unpaid_shows_processing_never_failed(client, fake_stripe, cohort):
    order = held_order(cohort)
    client.force_login(order.buyer)
    checkout(order)
    response = client.get(f"/book/orders/{order.reference}/paid/")
    page = client.get(response["Location"]).content.decode()
    assert "Your payment is processing" in page
    assert "failed" not in page.lower()


def test_expired_session_releases_the_places(client, fake_stripe, cohort):
    order = held_order(cohort, n=2)
    session_id = checkout(order)
    with fake_stripe.store.lock:
        fake_stripe.store.expire(session_id)
    order.hold_expires_at = timezone.now() - datetime.timedelta(seconds=1)  # as Stripe's is
    order.save(update_fields=["hold_expires_at"])
    (event,) = events_for(fake_stripe, session_id, "checkout.session.expired")
    assert post_event(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert places_taken([cohort.pk]).get(cohort.pk, 0) == 0


def test_events_out_of_order_leave_a_paid_order_confirmed(client, fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    completed = events_for(fake_stripe, session_id, "checkout.session.completed")[0]
    stale = {**completed, "id": "evt_stale", "type": "checkout.session.expired"}
    stale["data"] = {"object": {**completed["data"]["object"], "status": "expired"}}
    stale["data"]["object"]["payment_status"] = "unpaid"
    assert post_event(client, completed).status_code == 200
    assert post_event(client, stale).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_delayed_payment_holds_places_then_confirms(client, fake_stripe, cohort):
    order = held_order(cohort)
    client.force_login(order.buyer)
    session_id = checkout(order)
    pay(fake_stripe, session_id, delayed=True)
    post_event(client, events_for(fake_stripe, session_id, "checkout.session.completed")[0])
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert order.hold_expires_at > timezone.now() + datetime.timedelta(days=6)
    assert (
        "Your payment is processing"
        in client.get(f"/book/orders/{order.reference}/").content.decode()
    )
    # The minute's sweep leaves a clearing payment alone.
    assert release_lapsed_orders(now=timezone.now() + datetime.timedelta(hours=1)) == 0
    with fake_stripe.store.lock:
        fake_stripe.store.settle_delayed(session_id, succeeded=True)
    post_event(
        client, events_for(fake_stripe, session_id, "checkout.session.async_payment_succeeded")[0]
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_delayed_payment_that_fails_frees_the_places(client, fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id, delayed=True)
    post_event(client, events_for(fake_stripe, session_id, "checkout.session.completed")[0])
    with fake_stripe.store.lock:
        fake_stripe.store.settle_delayed(session_id, succeeded=False)
    post_event(
        client, events_for(fake_stripe, session_id, "checkout.session.async_payment_failed")[0]
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert order.payments.get().status == PaymentStatus.FAILED


def test_late_payment_is_placed_if_room_remains(client, fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    order.refresh_from_db()
    from bookings.services.expiry import expire_order

    expire_order(order_id=order.pk, reason="hold ran out")  # the sweep got there first
    pay(fake_stripe, session_id)
    post_event(client, events_for(fake_stripe, session_id, "checkout.session.completed")[0])
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert order.places.get().status == PlaceStatus.CONFIRMED


def test_late_payment_for_a_filled_cohort_is_refunded_and_the_buyer_told(
    client, fake_stripe, cohort, django_capture_on_commit_callbacks
):
    order = held_order(cohort, n=2)
    session_id = checkout(order)
    from bookings.services.expiry import expire_order

    expire_order(order_id=order.pk, reason="hold ran out")
    held_order(cohort, n=2)  # someone else takes the freed places; 1 of 3 left
    pay(fake_stripe, session_id)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, events_for(fake_stripe, session_id, "checkout.session.completed")[0])
    order.refresh_from_db()
    payment = order.payments.get()
    assert order.status == OrderStatus.EXPIRED
    assert payment.status == PaymentStatus.REFUNDED and payment.refunded_pence == 70000
    intent = fake_stripe.store.intents[payment.payment_intent_id]
    assert fake_stripe.store.charges[intent["latest_charge"]]["amount_refunded"] == 70000
    (email,) = [m for m in mail.outbox if "Refund" in m.subject]
    assert email.to == [order.buyer_email] and "£700" in email.body
    assert places_taken([cohort.pk])[cohort.pk] == 2


def test_dashboard_refund_is_recorded_without_cancelling(client, fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    post_event(client, events_for(fake_stripe, session_id, "checkout.session.completed")[0])
    payment = Payment.objects.get(order=order)
    with fake_stripe.store.lock:
        fake_stripe.store.refund({"payment_intent": payment.payment_intent_id, "amount": "10000"})
    (refunded,) = events_for(fake_stripe, session_id, "charge.refunded")
    assert post_event(client, refunded).status_code == 200
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.refunded_pence == 10000 and payment.status == PaymentStatus.PAID
    assert order.status == OrderStatus.CONFIRMED
    assert order.events.filter(kind="refund_recorded").exists()


def test_event_for_an_unknown_session_is_acknowledged(client, fake_stripe):
    event = {
        "id": "evt_unknown",
        "object": "event",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": "cs_not_ours",
                "object": "checkout.session",
                "status": "complete",
                "payment_status": "paid",
            }
        },
    }
    assert post_event(client, event).status_code == 200
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    "fault", [{"status": 500}, {"sleep": 3, "times": 2}], ids=["500", "timeout"]
)
def test_stripe_failing_gives_a_clear_message_and_frees_the_places(
    client, fake_stripe, cohort, fault
):
    order = held_order(cohort, n=2)
    client.force_login(order.buyer)
    with fake_stripe.store.lock:
        fake_stripe.store.next_error = dict(fault)
    response = client.post(f"/book/orders/{order.reference}/pay/", follow=True)
    page = response.content.decode()
    assert "card payments are not available" in page.lower() or "could not" in page.lower()
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    assert places_taken([cohort.pk]).get(cohort.pk, 0) == 0


def test_pay_button_sends_the_learner_to_checkout(client, fake_stripe, cohort):
    order = held_order(cohort)
    client.force_login(order.buyer)
    response = client.post(f"/book/orders/{order.reference}/pay/")
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.url + "/checkout/cs_test_")


def test_someone_elses_order_cannot_be_paid_or_returned(client, fake_stripe, cohort, other_user):
    order = held_order(cohort)
    client.force_login(other_user)
    assert client.post(f"/book/orders/{order.reference}/pay/").status_code == 404
    assert client.get(f"/book/orders/{order.reference}/paid/").status_code == 404


def test_sweep_settles_a_paid_order_whose_webhook_never_came(fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    pay(fake_stripe, session_id)
    later = timezone.now() + datetime.timedelta(hours=1)
    assert release_lapsed_orders(now=later) == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_sweep_expires_an_abandoned_session_on_stripe_first(fake_stripe, cohort):
    order = held_order(cohort)
    session_id = checkout(order)
    later = timezone.now() + datetime.timedelta(hours=1)
    assert release_lapsed_orders(now=later) == 1
    assert fake_stripe.store.sessions[session_id]["status"] == "expired"
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


def test_start_refuses_an_order_whose_hold_ran_out(fake_stripe, cohort):
    order = held_order(cohort, now=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(Exception) as info:
        start_card_payment(order_id=order.pk, success_url="http://x/", cancel_url="http://x/")
    assert "time ran out" in str(info.value.message).lower()
    assert not isinstance(info.value, PaymentUnavailable)
