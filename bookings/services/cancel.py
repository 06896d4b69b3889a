"""Cancelling confirmed places, with the refund the course's policy gives."""

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import BookingError, PolicyRefused
from bookings.invoicing.issue import credit_order
from bookings.models import Order, OrderEvent, OrderStatus, PlaceStatus
from bookings.policy import quote_cancellation
from bookings.services.refunds import pounds, refund_order
from bookings.signals import places_released
from bookings.tasks import send_cancellation


def cancellable_places(order):
    return order.places.filter(status=PlaceStatus.CONFIRMED).select_related("price_tier")


def cancel_places(*, order_id, place_ids, actor, percent=None, reason="", today=None):
    """Cancel these confirmed places of the order and refund by the policy (or by `percent`,
    which only staff may set). Returns the RefundQuote that was applied."""
    today = today or timezone.localdate()
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("cohort__course").get(pk=order_id)
        places = list(cancellable_places(order).filter(pk__in=place_ids))
        if not places or len(places) != len(set(place_ids)):
            raise BookingError("Choose one or more confirmed places on this booking to cancel.")
        if percent is None and order.cohort.start_date <= today:
            raise PolicyRefused("The course has started, so places cannot be cancelled online.")
        quote = quote_cancellation(order, places, today, percent)
        ids = sorted(p.pk for p in places)
        order.places.filter(pk__in=ids).update(status=PlaceStatus.CANCELLED)
        if not cancellable_places(order).exists():
            order.status = OrderStatus.CANCELLED
            order.save(update_fields=["status"])
        names = ", ".join(p.attendee_name for p in places)
        OrderEvent.objects.create(
            order=order,
            kind="cancelled",
            actor=actor,
            message=f"Cancelled: {names}. {quote.explanation} {reason}".strip()[:300],
        )
        refund_order(
            order=order,
            amount_pence=quote.amount_pence,
            key=f"cancel-{order.reference}-{'-'.join(map(str, ids))}",
            reason=f"cancelled {names} ({quote.percent}% of {pounds(quote.paid_pence)})",
            actor=actor,
        )
        credit_order(
            order=order,
            amount_pence=quote.amount_pence,
            reason=f"Cancelled: {names}",
            actor=actor,
            place_ids=ids,
        )
        transaction.on_commit(lambda: send_cancellation.delay(order.pk, ids, quote.amount_pence))
        transaction.on_commit(
            lambda: places_released.send(sender=Order, cohort_id=order.cohort_id, count=len(ids))
        )
    return quote
