"""Holds that run out free their places."""

from django.db import transaction
from django.utils import timezone

from bookings.models import Order, OrderEvent, OrderStatus, PaymentStatus, PlaceStatus


def expire_order(*, order_id, reason, now=None):
    """Release a pending order's held places. Idempotent; a confirmed order is left alone."""
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
    return order
