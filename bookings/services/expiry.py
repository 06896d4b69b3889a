"""Holds that run out free their places."""

from django.db import transaction
from django.utils import timezone

from bookings.models import Order, OrderEvent, OrderStatus, PaymentStatus, PlaceStatus
from bookings.services.discounts import give_back_use


def expire_order(*, order_id, reason, now=None):
    """Release a pending order's held places and its discount code use. Idempotent; a
    confirmed order is left alone."""
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
    return order


def expire_stale_holds(now=None):
    """Pending orders whose hold has passed: the beat task's sweep. Returns how many."""
    now = now or timezone.now()
    stale = Order.objects.filter(status=OrderStatus.PENDING, hold_expires_at__lt=now)
    count = 0
    for order_id in stale.values_list("pk", flat=True):
        expire_order(order_id=order_id, reason="Hold expired before payment", now=now)
        count += 1
    return count
