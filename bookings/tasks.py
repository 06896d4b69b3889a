"""Celery tasks: thin, idempotent wrappers around services; they carry ids, never objects."""

from cms.celery import RetryingTask, app


@app.task(base=RetryingTask)
def release_expired_holds():
    """Beat, every minute: pending orders past their hold are settled with Stripe, then give
    their places back."""
    from bookings.services.reconcile import release_lapsed_orders

    return release_lapsed_orders()


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


def _once(order_id, kind, send):
    """Run `send(order)` unless the order's timeline says it already ran for `kind`."""
    from django.db import transaction

    from bookings.models import Order, OrderEvent

    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("cohort__course").get(pk=order_id)
        if order.events.filter(kind=kind).exists():
            return False
        message = send(order)
        OrderEvent.objects.create(order=order, kind=kind, message=message)
    return True


@app.task(base=RetryingTask)
def send_place_passed_on(place_id, event_id, old_name, old_email):
    """Once per hand-over: the previous attendee hears that their place was passed on."""
    from bookings import emails
    from bookings.models import OrderEvent, Place

    place = Place.objects.get(pk=place_id)
    event = OrderEvent.objects.select_related("actor").get(pk=event_id)

    def send(order):
        emails.send_place_passed_on(order, old_name=old_name, old_email=old_email, event=event)
        return f"Told {old_name} that their place was passed on"

    return _once(place.order_id, f"passed_on_email:{event_id}", send)


@app.task(base=RetryingTask)
def send_passed_on_joining_instructions(place_id, event_id, email):
    """Once per hand-over: the new attendee gets their own joining instructions, unless the
    place has since been passed on again (then the later hand-over sends them)."""
    from bookings import emails
    from bookings.models import OrderEvent, Place

    place = Place.objects.get(pk=place_id)
    if place.attendee_email != email:
        return False
    event = OrderEvent.objects.select_related("actor").get(pk=event_id)

    def send(order):
        emails.send_joining_instructions(order, place, passed_on_by=event.actor)
        return f"Joining instructions emailed to {place.attendee_name}"

    return _once(place.order_id, f"joining_email:{event_id}", send)
