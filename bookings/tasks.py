"""Celery tasks: thin, idempotent wrappers around services; they carry ids, never objects."""

from bookings.services.expiry import expire_stale_holds
from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def release_expired_holds():
    """Beat, every minute: pending orders past their hold give their places back."""
    return expire_stale_holds()


@app.task(base=RetryingTask)
def send_order_confirmation(order_id):
    """Once per order, however often it is queued."""
    from django.db import transaction

    from bookings import emails
    from bookings.models import Order, OrderEvent

    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("cohort__course").get(pk=order_id)
        if order.events.filter(kind="confirmation_sent").exists():
            return False
        emails.send_confirmation(order)
        OrderEvent.objects.create(
            order=order,
            kind="confirmation_sent",
            message="Confirmation and joining instructions emailed",
        )
    return True
