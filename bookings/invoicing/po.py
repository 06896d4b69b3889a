"""Paying by invoice from the booking flow, and the purchase orders still awaited.

NHS trusts run "no PO, no pay": where the organisation requires a PO that the booker does
not have yet, the places are confirmed (kept, not lost) and the invoice waits for the PO;
the booker is reminded until it is recorded. With a PO, or where none is needed, the
invoice is issued in the same transaction that confirms the places.
"""

import datetime

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from bookings.exceptions import (
    BadPONumber,
    BookingError,
    HoldExpired,
    InvoicingError,
    PlacesUnnamed,
)
from bookings.invoicing.issue import awaiting_po, issue_invoice
from bookings.models import (
    BillingDetails,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
    PlaceStatus,
)
from bookings.models.organisations import po_problem
from bookings.payments import stripe_gateway as gateway
from bookings.services.confirm import confirm_order

# Days after the places were confirmed that the booker is reminded of the missing PO.
PO_REMINDER_DAYS = (3, 7, 14)


def check_po(organisation, po_number):
    """Why the PO cannot be accepted (None when it can). A blank PO is accepted here: where
    the organisation needs one, the booking then waits for it."""
    if not po_number.strip():
        return None
    if organisation is None:
        return po_problem(po_number, required=False, pattern="")
    return organisation.po_problem(po_number)


def pay_by_invoice(*, order_id, details, actor, now=None):
    """Turn a held booking into an invoice booking. `details` are BillingDetails fields.
    Returns the order: confirmed, and invoiced unless its PO is awaited."""
    now = now or timezone.now()
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=order_id)
        )
        _check_payable(order, now)
        problem = check_po(order.organisation, details.get("po_number", ""))
        if problem:
            raise BadPONumber(problem)
        _close_card_checkout(order)
        BillingDetails.objects.update_or_create(order=order, defaults=details)
        order.payment_method = PaymentMethod.INVOICE
        order.save(update_fields=["payment_method"])
        confirm_order(
            order_id=order.pk, message="Confirmed to pay by invoice", actor=actor, now=now
        )
        order = Order.objects.select_related("organisation", "billing").get(pk=order.pk)
        if awaiting_po(order):
            _await_po(order, actor, now)
        else:
            issue_invoice(order_id=order.pk, actor=actor, today=timezone.localdate(now))
    return order


def _check_payable(order, now):
    if order.status != OrderStatus.PENDING or (order.hold_expires_at or now) <= now:
        raise HoldExpired()
    if order.places.filter(status=PlaceStatus.HELD, attendee_email="").exists():
        raise PlacesUnnamed()
    if order.total_pence == 0:
        raise BookingError("There is nothing to pay on this booking.")
    if order.payments.filter(status__in=[PaymentStatus.PROCESSING, PaymentStatus.PAID]).exists():
        raise BookingError(
            "A card payment for this booking is already going through, so it cannot be "
            "invoiced as well. We will email you when the payment clears."
        )


def _close_card_checkout(order):
    """A Checkout page opened and left: close it, so the booking cannot be paid twice."""
    for payment in order.payments.filter(status=PaymentStatus.OPEN):
        try:
            session = gateway.expire_checkout_session(payment.checkout_session_id)
        except gateway.PaymentServiceError as exc:
            raise BookingError(
                "We could not close the card payment you started, so the booking cannot be "
                "switched to an invoice yet. Please try again in a few minutes."
            ) from exc
        if session.get("payment_status") == "paid":
            raise BookingError(
                "This booking has just been paid by card: there is nothing to invoice."
            )
        payment.status = PaymentStatus.EXPIRED
        payment.save(update_fields=["status"])


def _await_po(order, actor, now):
    BillingDetails.objects.filter(order=order).update(po_requested_at=now)
    OrderEvent.objects.create(
        order=order,
        kind="awaiting_po",
        actor=actor,
        message="Places confirmed; the invoice waits for the purchase order number",
    )
    transaction.on_commit(lambda: _send_po_request(order.pk))


def record_po(*, order_id, po_number, actor, today=None):
    """The awaited PO arrives: record it and issue the invoice, in one transaction."""
    po_number = po_number.strip().upper()
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("organisation", "billing")
            .get(pk=order_id)
        )
        if order.payment_method != PaymentMethod.INVOICE or not hasattr(order, "billing"):
            raise InvoicingError("This booking is not paid by invoice.")
        if order.invoices.exists() and not awaiting_po(order):
            raise InvoicingError("This booking has been invoiced already.", field="po_number")
        problem = po_problem(
            po_number,
            required=True,
            pattern=order.organisation.po_pattern if order.organisation else "",
            hint=order.organisation.po_format_hint if order.organisation else "",
        )
        if problem:
            raise BadPONumber(problem)
        order.billing.po_number = po_number
        order.billing.save(update_fields=["po_number"])
        OrderEvent.objects.create(
            order=order, kind="po_recorded", actor=actor, message=f"PO {po_number} recorded"
        )
        return issue_invoice(order_id=order.pk, actor=actor, today=today)


def awaiting_po_orders():
    """Invoice bookings confirmed without the PO their organisation requires, longest
    waiting first."""
    return (
        Order.objects.filter(
            payment_method=PaymentMethod.INVOICE,
            status=OrderStatus.CONFIRMED,
            billing__po_number="",
            organisation__po_required=True,
            invoices__isnull=True,
        )
        .select_related("billing", "organisation", "cohort__course")
        .annotate(
            waiting_since=Coalesce("billing__po_requested_at", F("confirmed_at")),
            place_count=Count("places", filter=Q(places__status=PlaceStatus.CONFIRMED)),
        )
        .order_by("waiting_since", "pk")
    )


def remind_awaiting_po(now=None):
    """Daily: remind bookers of a missing PO 3, 7 and 14 days after confirming, each once."""
    now = now or timezone.now()
    sent = 0
    for order in awaiting_po_orders():
        with transaction.atomic():
            # Each reminder once, however many runs overlap: decided under the row's lock.
            billing = BillingDetails.objects.select_for_update().get(pk=order.billing.pk)
            step = billing.po_reminders_sent
            since = billing.po_requested_at or order.confirmed_at or now
            if step >= len(PO_REMINDER_DAYS) or now - since < datetime.timedelta(
                days=PO_REMINDER_DAYS[step]
            ):
                continue
            billing.po_reminders_sent = step + 1
            billing.save(update_fields=["po_reminders_sent"])
            transaction.on_commit(lambda o=order.pk, n=step + 1: _send_po_request(o, n))
            sent += 1
    return sent


def _send_po_request(order_id, step=0):
    from bookings.tasks import send_po_request

    send_po_request.delay(order_id, step)
