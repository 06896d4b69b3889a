"""Celery tasks: thin, idempotent wrappers around services; they carry ids, never objects.

Services queue these with `transaction.on_commit`, so the services are imported inside each
task rather than at the top: a service module may import this one without a cycle.
"""

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


@app.task(base=RetryingTask)
def send_cancellation(order_id, place_ids, refund_pence):
    """Once per cancellation: the buyer, and each attendee who is not the buyer."""
    from django.db import transaction

    from bookings import emails
    from bookings.models import Order, OrderEvent

    kind = f"cancel_email:{'-'.join(map(str, sorted(place_ids)))}"[:40]
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("cohort__course").get(pk=order_id)
        if order.events.filter(kind=kind).exists():
            return False
        places = list(order.places.filter(pk__in=place_ids))
        emails.send_cancellation(order, places, refund_pence)
        OrderEvent.objects.create(order=order, kind=kind, message="Cancellation emailed")
    return True


@app.task(base=RetryingTask)
def offer_freed_places(cohort_id):
    """Places came free on a cohort: offer them to its waiting list. Returns offers made."""
    from bookings.services.offers import offer_free_places

    return len(offer_free_places(cohort_id=cohort_id))


@app.task(base=RetryingTask)
def serve_waiting_lists():
    """Beat, every minute: lapse offers past their 48 hours, then offer any free places
    (capacity raised, a cancellation, an event missed) to the waiting lists."""
    from bookings.services.offers import lapse_overdue_offers, serve_all_waiting_lists

    return {"lapsed": lapse_overdue_offers(), "offered": serve_all_waiting_lists()}


@app.task(base=RetryingTask)
def send_waiting_list_offer(entry_id):
    """The offer email, once per offer, however often it is queued."""
    from bookings.services.offers import email_offer

    return email_offer(entry_id=entry_id)
