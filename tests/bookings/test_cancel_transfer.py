"""Cancelling with the policy's refund, and moving a place to another date, against the fake
Stripe: the refund is real (through the SDK), and a failure changes nothing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bookings.exceptions import BookingError, PolicyRefused, RefundFailed
from bookings.models import OrderStatus, PaymentStatus, PlaceStatus, Refund
from bookings.policy import refund_percent
from bookings.services.cancel import cancel_places
from bookings.services.transfer import transfer_place
from bookings.signals import places_released
from courses.availability import places_taken
from tests.bookings.stripe import checkout, events_for, paid_order, post_event
from tests.factories.courses import CohortFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


def in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def course(site):
    from tests.factories.courses import CourseIndexPageFactory

    return CoursePageFactory(parent=CourseIndexPageFactory(parent=site))


def cohort_in(course, days, **kwargs):
    return CohortFactory(course=course, start_date=in_days(days), **kwargs)


@pytest.mark.parametrize(
    ("days", "percent"), [(60, 100), (28, 100), (27, 50), (14, 50), (13, 0), (0, 0), (-2, 0)]
)
def test_refund_percent_follows_the_course_policy(course, days, percent):
    assert refund_percent(course, days) == percent


def test_cancelling_early_refunds_in_full_through_stripe(
    fake_stripe, course, django_capture_on_commit_callbacks
):
    cohort = cohort_in(course, 40)
    order = paid_order(fake_stripe, cohort, n=2)
    released = []
    places_released.connect(lambda **kw: released.append(kw["count"]), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        quote = cancel_places(
            order_id=order.pk, place_ids=list(order.places.values_list("pk", flat=True)), actor=None
        )
    order.refresh_from_db()
    assert (quote.percent, quote.amount_pence) == (100, 70000)
    assert order.status == OrderStatus.CANCELLED
    assert order.payments.get().status == PaymentStatus.REFUNDED
    refund = Refund.objects.get(order=order)
    assert fake_stripe.store.refunds[refund.stripe_refund_id]["amount"] == 70000
    assert places_taken([cohort.pk]).get(cohort.pk, 0) == 0
    assert released == [2]
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Cancelled:") for s in subjects)
    assert any(s.startswith("Refund on your booking") for s in subjects)


def test_cancelling_one_place_three_weeks_before_refunds_half_its_share(fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 21), n=2)
    first = order.places.first()
    quote = cancel_places(order_id=order.pk, place_ids=[first.pk], actor=None)
    order.refresh_from_db()
    assert (quote.percent, quote.paid_pence, quote.amount_pence) == (50, 35000, 17500)
    assert order.status == OrderStatus.CONFIRMED
    assert order.payments.get().refunded_pence == 17500
    assert order.places.filter(status=PlaceStatus.CONFIRMED).count() == 1


def test_late_cancellation_refunds_nothing_and_calls_no_one(fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 5))
    with fake_stripe.store.lock:
        fake_stripe.store.next_error = {"status": 500}  # any call to Stripe would fail
    quote = cancel_places(order_id=order.pk, place_ids=[order.places.get().pk], actor=None)
    assert quote.amount_pence == 0
    assert not Refund.objects.exists()


def test_stripe_down_during_the_refund_changes_nothing(fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 40))
    place = order.places.get()
    with fake_stripe.store.lock:
        fake_stripe.store.next_error = {"status": 500}
    with pytest.raises(RefundFailed):
        cancel_places(order_id=order.pk, place_ids=[place.pk], actor=None)
    place.refresh_from_db()
    assert place.status == PlaceStatus.CONFIRMED
    assert not order.events.filter(kind="cancelled").exists()


def test_cancelling_twice_refunds_once(fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 40))
    place = order.places.get()
    cancel_places(order_id=order.pk, place_ids=[place.pk], actor=None)
    with pytest.raises(BookingError):
        cancel_places(order_id=order.pk, place_ids=[place.pk], actor=None)
    assert Refund.objects.count() == 1


def test_the_webhook_for_our_own_refund_records_nothing_twice(client, fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 40))
    cancel_places(order_id=order.pk, place_ids=[order.places.get().pk], actor=None)
    session_id = order.payments.get().checkout_session_id
    (event,) = events_for(fake_stripe, session_id, "charge.refunded")
    assert post_event(client, event).status_code == 200
    assert Refund.objects.count() == 1
    assert order.payments.get().refunded_pence == 35000


def test_cancel_page_shows_the_refund_before_confirming(client, fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 21), n=2)
    client.force_login(order.buyer)
    page = client.get(f"/book/orders/{order.reference}/cancel/").content.decode()
    assert "50% refund" in page and "£175" in page
    response = client.post(f"/book/orders/{order.reference}/cancel/", {})
    assert "Choose at least one place to cancel." in response.content.decode()
    place = order.places.first()
    response = client.post(f"/book/orders/{order.reference}/cancel/", {"places": [place.pk]})
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.status == PlaceStatus.CANCELLED


def test_only_the_buyer_can_cancel_or_move(client, fake_stripe, course, other_user):
    order = paid_order(fake_stripe, cohort_in(course, 40))
    client.force_login(other_user)
    assert client.get(f"/book/orders/{order.reference}/cancel/").status_code == 404
    place = order.places.get()
    assert client.get(f"/book/places/{place.pk}/transfer/").status_code == 404


def test_moving_to_a_date_at_the_same_price_confirms_at_once(fake_stripe, course):
    old_cohort, new_cohort = cohort_in(course, 40), cohort_in(course, 80)
    order = paid_order(fake_stripe, old_cohort)
    place = order.places.get()
    moved = transfer_place(place_id=place.pk, to_cohort_id=new_cohort.pk, actor=order.buyer)
    place.refresh_from_db()
    assert moved.status == OrderStatus.CONFIRMED and moved.total_pence == 0
    assert place.status == PlaceStatus.TRANSFERRED
    assert places_taken([old_cohort.pk, new_cohort.pk]) == {old_cohort.pk: 0, new_cohort.pk: 1}
    assert not Refund.objects.exists()


def test_moving_to_a_dearer_date_charges_the_difference_by_card(fake_stripe, course):
    tier = course.price_tiers.get(price_pence=35000)
    tier.early_bird_price_pence = 30000
    tier.save()
    paid_on = cohort_in(course, 40, early_bird_deadline=in_days(20))
    order = paid_order(fake_stripe, paid_on)
    assert order.total_pence == 30000
    later = cohort_in(course, 80)
    place = order.places.get()
    moved = transfer_place(place_id=place.pk, to_cohort_id=later.pk, actor=order.buyer)
    assert moved.status == OrderStatus.PENDING and moved.total_pence == 5000
    place.refresh_from_db()
    assert place.status == PlaceStatus.CONFIRMED  # still theirs until the difference is paid
    session_id = checkout(moved)
    with fake_stripe.store.lock:
        fake_stripe.store.pay(session_id)
    from bookings.payments import stripe_gateway
    from bookings.services.card import settle_checkout_session

    settle_checkout_session(stripe_gateway.retrieve_checkout_session(session_id), source="test")
    place.refresh_from_db()
    assert place.status == PlaceStatus.TRANSFERRED


def test_moving_to_a_cheaper_date_refunds_the_difference(fake_stripe, course):
    tier = course.price_tiers.get(price_pence=35000)
    tier.early_bird_price_pence = 30000
    tier.save()
    order = paid_order(fake_stripe, cohort_in(course, 40))
    cheaper = cohort_in(course, 80, early_bird_deadline=in_days(60))
    transfer_place(place_id=order.places.get().pk, to_cohort_id=cheaper.pk, actor=order.buyer)
    assert Refund.objects.get(order=order).amount_pence == 5000


def test_moving_close_to_the_start_is_refused_unless_staff(fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 3))
    other = cohort_in(course, 60)
    with pytest.raises(PolicyRefused):
        transfer_place(place_id=order.places.get().pk, to_cohort_id=other.pk, actor=None)
    moved = transfer_place(
        place_id=order.places.get().pk, to_cohort_id=other.pk, actor=None, staff=True
    )
    assert moved.status == OrderStatus.CONFIRMED


def test_moving_to_a_full_date_is_refused(fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 40))
    full = cohort_in(course, 60, capacity=1)
    paid_order(fake_stripe, full)
    with pytest.raises(BookingError, match="full"):
        transfer_place(place_id=order.places.get().pk, to_cohort_id=full.pk, actor=None)


def test_transfer_page_lists_dates_with_the_difference(client, fake_stripe, course):
    order = paid_order(fake_stripe, cohort_in(course, 40))
    cohort_in(course, 80)
    client.force_login(order.buyer)
    place = order.places.get()
    page = client.get(f"/book/places/{place.pk}/transfer/").content.decode()
    assert "nothing more to pay" in page
    response = client.post(f"/book/places/{place.pk}/transfer/", {"cohort": "999999"})
    assert "Choose one of the dates shown" in response.content.decode()


def test_a_cancelled_place_is_offered_to_the_waiting_list(
    fake_stripe, course, django_capture_on_commit_callbacks
):
    from bookings.models import WaitingStatus
    from tests.factories.bookings import WaitingListEntryFactory

    full = cohort_in(course, 40, capacity=1)
    order = paid_order(fake_stripe, full)
    entry = WaitingListEntryFactory(cohort=full)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_places(order_id=order.pk, place_ids=[order.places.get().pk], actor=None)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED
    assert entry.order.places.get().status == PlaceStatus.HELD


def test_the_webhook_never_records_our_own_refund(client, fake_stripe, course):
    """Stripe may deliver charge.refunded before the cancelling transaction commits; the
    webhook must leave our refund to us, or the two would race to record it."""
    order = paid_order(fake_stripe, cohort_in(course, 40))
    payment = order.payments.get()
    with fake_stripe.store.lock:
        fake_stripe.store.refund(
            {"payment_intent": payment.payment_intent_id, "metadata": {"made_by": "site"}}
        )
    (event,) = events_for(fake_stripe, payment.checkout_session_id, "charge.refunded")
    assert post_event(client, event).status_code == 200
    assert not Refund.objects.exists()
    payment.refresh_from_db()
    assert payment.refunded_pence == 35000  # the amount is still brought up to date
