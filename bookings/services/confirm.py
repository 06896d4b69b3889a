"""Confirming an order: the one path that card webhooks, return pages, invoices and free
orders all take. Idempotent: confirming a confirmed order changes nothing.

Its emails are queued after the commit; if the broker is down then, the booking stands and
`resend_unsent_confirmations` (beat) queues them again once it is back."""

import datetime

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import BookingError
from bookings.models import (
    Order,
    OrderEvent,
    OrderStatus,
    PlaceStatus,
    WaitingListEntry,
    WaitingStatus,
)
from bookings.services.transfer import complete_transfer
from bookings.signals import places_confirmed
from bookings.tasks import send_order_confirmation
from cms.celery import delay_on_commit

# The usual path sends within seconds; the sweep leaves it that long before stepping in, and
# looks back no further than a broker outage could plausibly last.
RESEND_AFTER = datetime.timedelta(minutes=5)
RESEND_WITHIN = datetime.timedelta(days=2)


def confirm_order(*, order_id, message, actor=None, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status == OrderStatus.CONFIRMED:
            return order
        if order.status != OrderStatus.PENDING:
            raise BookingError(f"Order {order.reference} is {order.get_status_display().lower()}.")
        places = list(order.places.filter(status=PlaceStatus.HELD))
        order.places.filter(status=PlaceStatus.HELD).update(
            status=PlaceStatus.CONFIRMED, hold_expires_at=None
        )
        order.status = OrderStatus.CONFIRMED
        order.confirmed_at = now
        order.hold_expires_at = None
        order.save(update_fields=["status", "confirmed_at", "hold_expires_at"])
        OrderEvent.objects.create(
            order=order, kind="confirmed", message=message, actor=actor, created_at=now
        )
        complete_transfer(order, actor)
        # A waiting-list offer paid for (even late, after it lapsed): the entry has its places.
        WaitingListEntry.objects.filter(order=order).update(
            status=WaitingStatus.BOOKED, closed_at=now
        )
        transaction.on_commit(
            lambda: places_confirmed.send(sender=Order, order=order, places=places)
        )
        delay_on_commit(send_order_confirmation, order.pk)
    return order


def resend_unsent_confirmations(now=None):
    """Queue the confirmation of every recently confirmed order whose timeline shows none was
    sent (its task was lost with the broker). Sending is once-only, so overlap is harmless.
    Returns the number queued."""
    now = now or timezone.now()
    unsent = (
        Order.objects.filter(
            status=OrderStatus.CONFIRMED,
            confirmed_at__gte=now - RESEND_WITHIN,
            confirmed_at__lte=now - RESEND_AFTER,
        )
        .exclude(events__kind="confirmation_sent")
        .values_list("pk", flat=True)
    )
    order_ids = list(unsent)
    for order_id in order_ids:
        send_order_confirmation.delay(order_id)
    return len(order_ids)
