"""Holds that run out free their places, and freed places go to the waiting list."""

from functools import partial

from django.db import transaction
from django.utils import timezone

from bookings.models import (
    Order,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    PlaceStatus,
    WaitingListEntry,
    WaitingStatus,
)
from bookings.services.discounts import give_back_use
from bookings.tasks import offer_freed_places


def expire_order(*, order_id, reason, now=None):
    """Release a pending order's held places and its discount code use. Idempotent; a
    confirmed order is left alone.

    An open waiting-list offer on the order lapses with it. Either way the places are free
    again, so the cohort's waiting list is offered them once this commits."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status != OrderStatus.PENDING:
            return order
        order.places.filter(status=PlaceStatus.HELD).update(status=PlaceStatus.EXPIRED)
        order.payments.filter(status=PaymentStatus.OPEN).update(status=PaymentStatus.EXPIRED)
        order.status = OrderStatus.EXPIRED
        order.save(update_fields=["status"])
        OrderEvent.objects.create(order=order, kind="expired", message=reason, created_at=now)
        give_back_use(order, now=now)
        WaitingListEntry.objects.filter(order=order, status=WaitingStatus.OFFERED).update(
            status=WaitingStatus.LAPSED, closed_at=now
        )
        transaction.on_commit(partial(offer_freed_places.delay, order.cohort_id))
    return order
