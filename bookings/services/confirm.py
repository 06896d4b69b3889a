"""Confirming an order: the one path that card webhooks, return pages, invoices and free
orders all take. Idempotent: confirming a confirmed order changes nothing."""

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
        transaction.on_commit(lambda: send_order_confirmation.delay(order.pk))
    return order
