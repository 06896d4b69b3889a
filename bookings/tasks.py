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
def apply_retention_rules():
    """Beat, nightly: delete the personal data the privacy notice says goes (requirements
    after the course, unpaid bookings' details, old waiting lists). Idempotent."""
    from bookings.services.retention import apply_retention

    return apply_retention()


def _once(order_id, kind, send):
    """Run `send(order)` unless the order's timeline says it already ran for `kind`: a task
    queued twice, or retried after the email went, sends once."""
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
def send_order_confirmation(order_id):
    """The buyer's confirmation and each colleague's joining instructions, once per order."""
    from bookings import emails

    def send(order):
        emails.send_confirmation(order)
        return "Confirmation and joining instructions emailed"

    return _once(order_id, "confirmation_sent", send)


@app.task(base=RetryingTask)
def resend_unsent_confirmations():
    """Beat, every five minutes: confirmations whose task never reached the broker."""
    from bookings.services.confirm import resend_unsent_confirmations as resend

    return resend()


@app.task(base=RetryingTask)
def send_payment_refunded(order_id, refund_id, amount_pence, reason):
    """Once per refund: the buyer hears that their money is on its way back, and why."""
    from bookings import emails

    def send(order):
        emails.send_refund(order, amount_pence=amount_pence, reason=reason)
        return "Refund emailed to the buyer"

    return _once(order_id, f"refund_email:{refund_id}"[:40], send)


@app.task(base=RetryingTask)
def send_cancellation(order_id, place_ids, refund_pence):
    """Once per cancellation: the buyer, and each attendee who is not the buyer."""
    from bookings import emails

    def send(order):
        emails.send_cancellation(order, list(order.places.filter(pk__in=place_ids)), refund_pence)
        return "Cancellation emailed"

    return _once(order_id, f"cancel_email:{'-'.join(map(str, sorted(place_ids)))}"[:40], send)


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


@app.task(base=RetryingTask)
def send_po_request(order_id, step=0):
    """The booker is asked for the awaited PO (step 0), or reminded (steps 1 to 3), once each."""
    from bookings import emails

    def send(order):
        emails.send_po_request(order, reminder=step > 0)
        return "PO reminder emailed" if step else "PO requested by email"

    return _once(order_id, f"po_email_{step}", send)


@app.task(base=RetryingTask)
def remind_awaiting_po():
    """Beat, daily: bookers still owing a PO are reminded 3, 7 and 14 days on."""
    from bookings.invoicing.po import remind_awaiting_po as remind

    return remind()


# Any failure (WeasyPrint, storage, SMTP) is retried with backoff: the document exists and
# only its delivery waits; the email is guarded, so a retry after it went sends nothing.
@app.task(base=RetryingTask, autoretry_for=(Exception,))
def deliver_document(document_id, kind, email=True):
    """An invoice or credit note just issued: its PDF rendered and stored, then emailed to
    the billing contact and the booker, once. A failed render is retried here, and the
    download view renders it again on request: the document itself is never lost."""
    from bookings.invoicing.delivery import deliver

    return deliver(document_id, kind, email=email)


@app.task(base=RetryingTask)
def chase_overdue_invoices():
    """Beat, each morning: reminders at 7 and 21 days overdue, once each, and the list of
    overdue invoices for finance."""
    from bookings.invoicing.chasing import chase_overdue

    return chase_overdue()
