"""Celery tasks: thin, idempotent wrappers around services; they carry ids, never objects."""

from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def release_expired_holds():
    """Beat, every minute: pending orders past their hold are settled with Stripe, then give
    their places back."""
    from bookings.services.reconcile import release_lapsed_orders

    return release_lapsed_orders()


@app.task(base=RetryingTask)
def send_course_reminders():
    """Beat, hourly: the reminders 7 days and 1 day before each course starts, each sent at
    most once per place, however many runs overlap."""
    from bookings.services.reminders import send_due_reminders

    return send_due_reminders()


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


@app.task(base=RetryingTask)
def send_payment_refunded(order_id, refund_id, amount_pence, reason):
    """Once per refund: the buyer hears that their money is on its way back, and why."""
    from django.db import transaction

    from bookings import emails
    from bookings.models import Order, OrderEvent

    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("cohort__course").get(pk=order_id)
        kind = f"refund_email:{refund_id}"[:40]
        if order.events.filter(kind=kind).exists():
            return False
        emails.send_refund(order, amount_pence=amount_pence, reason=reason)
        OrderEvent.objects.create(order=order, kind=kind, message="Refund emailed to the buyer")
    return True
