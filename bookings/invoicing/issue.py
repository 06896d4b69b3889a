"""Issuing invoices (and card receipts) from an order's places, and credit notes against
them. Each takes its number from the locked sequence in its own transaction, and is
delivered (PDF rendered, emailed) only once that transaction has committed."""

import datetime

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import AwaitingPO, CreditTooLarge, InvoicingError
from bookings.invoicing.money import allocate, split_gross, vat_on
from bookings.invoicing.numbering import CREDIT_NOTE_PREFIX, INVOICE_PREFIX, next_number
from bookings.invoicing.vat import course_rate
from bookings.models import (
    BillingDetails,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Order,
    OrderEvent,
    PaymentMethod,
    PlaceStatus,
)
from cms.celery import delay_on_commit
from cms.models.settings import default_site_settings
from courses.templatetags.courses_tags import date_range, pounds


def awaiting_po(order):
    """An invoice booking whose organisation requires a PO that has not been given yet."""
    billing = getattr(order, "billing", None)
    return (
        order.payment_method == PaymentMethod.INVOICE
        and billing is not None
        and not billing.po_number
        and order.organisation is not None
        and order.organisation.po_required
    )


def issue_invoice(*, order_id, actor=None, today=None, paid_by_card=False):
    """The order's invoice: issued now, or the one already issued (never a second)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("cohort__course", "organisation", "billing")
            .get(pk=order_id)
        )
        current = order.invoices.exclude(status=InvoiceStatus.CREDITED).first()
        if current:
            return current
        if awaiting_po(order):
            raise AwaitingPO()
        places = list(order.places.filter(status=PlaceStatus.CONFIRMED).order_by("pk"))
        if not places:
            raise InvoicingError("There are no confirmed places on this booking to invoice.")
        invoice = _new_invoice(order, today, paid_by_card, actor)
        _add_place_lines(invoice, order, places)
        OrderEvent.objects.create(
            order=order,
            kind="invoiced",
            actor=actor,
            message=f"{'Receipt' if paid_by_card else 'Invoice'} {invoice.number} issued "
            f"for {pounds(invoice.total_pence)}",
        )
        _deliver(invoice.pk, email=not paid_by_card)
    return invoice


def _new_invoice(order, today, paid_by_card, actor):
    site = default_site_settings()
    number, sequence = next_number(INVOICE_PREFIX, today.year)
    return Invoice.objects.create(
        order=order,
        number=number,
        sequence_number=sequence,
        issue_date=today,
        tax_point=today,
        due_date=today
        if paid_by_card
        else today + datetime.timedelta(days=site.invoice_terms_days),
        paid_by_card=paid_by_card,
        actor=actor,
        **supplier_fields(site),
        **customer_fields(order),
    )


def supplier_fields(site):
    return {
        "supplier_name": site.provider_name,
        "supplier_address": site.provider_address,
        "supplier_vat_number": site.vat_number,
    }


def customer_fields(order):
    billing = getattr(order, "billing", None)
    if billing is None:  # paid by card with no organisation: the buyer is the customer
        return {"customer_name": order.buyer_name, "customer_email": order.buyer_email}
    return {
        "customer_name": billing.organisation_name,
        "customer_address": "\n".join(billing.address_lines),
        "customer_ods_code": billing.ods_code,
        "customer_vat_number": billing.vat_number,
        "customer_email": billing.billing_email,
        "po_number": billing.po_number,
    }


def _add_place_lines(invoice, order, places):
    """A line per place: its price, its share of the order's discount, and VAT at the
    course's rate on what is left."""
    rate = course_rate(order.cohort.course)
    prices = [p.price_pence for p in places]
    priced = sum(prices)
    discount = order.discount_pence * priced // order.subtotal_pence if order.subtotal_pence else 0
    discounts = allocate(discount, prices)
    nets = [price - off for price, off in zip(prices, discounts, strict=True)]
    vats = allocate(vat_on(sum(nets), rate.percent), nets)
    title = f"{order.cohort.course.title}, {date_range(order.cohort)}"
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            place=place,
            kind=LineKind.COURSE,
            description=title,
            attendee_name=place.attendee_name,
            unit_pence=place.price_pence,
            discount_pence=off,
            net_pence=net,
            vat_category=rate.category,
            vat_percent=rate.percent,
            vat_pence=vat,
        )
        for place, off, net, vat in zip(places, discounts, nets, vats, strict=True)
    )
    invoice.net_pence, invoice.vat_pence = sum(nets), sum(vats)
    invoice.total_pence = invoice.net_pence + invoice.vat_pence
    invoice.save(update_fields=["net_pence", "vat_pence", "total_pence"])


def issue_credit_note(*, invoice_id, amount_pence, reason, actor=None, place_ids=None, today=None):
    """Credit `amount_pence` (VAT included) against the invoice, spread over the lines of
    `place_ids` (or all its lines) in proportion to what is left on each."""
    today = today or timezone.localdate()
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        left = invoice.total_pence - invoice.credited_pence
        if amount_pence <= 0:
            raise InvoicingError("Enter an amount above £0.", field="amount")
        if amount_pence > left:
            raise CreditTooLarge(
                f"A credit note cannot be for more than the {pounds(left)} left on "
                f"{invoice.number}."
            )
        lines = list(invoice.lines.all())
        if place_ids is not None:
            lines = [line for line in lines if line.place_id in set(place_ids)] or lines
        note = _new_credit_note(invoice, reason, actor, today)
        _add_credit_lines(note, lines, amount_pence)
        invoice.credited_pence += note.total_pence
        settle_status(invoice)
        invoice.save(update_fields=["credited_pence", "status"])
        OrderEvent.objects.create(
            order_id=invoice.order_id,
            kind="credited",
            actor=actor,
            message=f"Credit note {note.number} for {pounds(note.total_pence)} against "
            f"{invoice.number}: {reason}"[:300],
        )
        _deliver(note.pk, credit_note=True)
    return note


def credit_order(*, order, amount_pence, reason, actor=None, place_ids=None):
    """Money given back or no longer owed on an invoiced booking (a cancellation, a refund,
    a cheaper date): a credit note against its current invoice. None if it has none."""
    invoice = order.invoices.exclude(status=InvoiceStatus.CREDITED).first()
    if invoice is None:
        return None
    amount = min(amount_pence, invoice.total_pence - invoice.credited_pence)
    if amount <= 0:
        return None
    return issue_credit_note(
        invoice_id=invoice.pk, amount_pence=amount, reason=reason, actor=actor, place_ids=place_ids
    )


def reissue_with_details(*, invoice_id, details, actor=None, today=None):
    """Correcting who an invoice is addressed to (an address, a PO): the issued invoice is
    credited in full and a new one issued to the corrected details, in one transaction.
    Money or credits already against it would not follow, so such an invoice is refused."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.paid_by_card or invoice.paid_pence or invoice.credited_pence:
            raise InvoicingError(
                f"{invoice.number} has payments or credit notes against it, so it cannot be "
                "re-issued: issue a credit note and record the rest by hand."
            )
        issue_credit_note(
            invoice_id=invoice.pk,
            amount_pence=invoice.total_pence,
            reason="Re-issued with corrected customer details",
            actor=actor,
            today=today,
        )
        BillingDetails.objects.filter(order_id=invoice.order_id).update(**details)
        return issue_invoice(order_id=invoice.order_id, actor=actor, today=today)


def _new_credit_note(invoice, reason, actor, today):
    number, sequence = next_number(CREDIT_NOTE_PREFIX, today.year)
    copied = {
        field: getattr(invoice, field)
        for field in (
            "supplier_name",
            "supplier_address",
            "supplier_vat_number",
            "customer_name",
            "customer_address",
            "customer_ods_code",
            "customer_vat_number",
            "customer_email",
            "po_number",
        )
    }
    return CreditNote.objects.create(
        invoice=invoice,
        number=number,
        sequence_number=sequence,
        issue_date=today,
        reason=reason[:300],
        actor=actor,
        **copied,
    )


def _add_credit_lines(note, lines, amount_pence):
    shares = allocate(amount_pence, [line.total_pence for line in lines])
    credit_lines = []
    for line, gross in zip(lines, shares, strict=True):
        if not gross:
            continue
        net, vat = split_gross(gross, line.vat_percent) if line.vat_category == "S" else (gross, 0)
        credit_lines.append(
            CreditNoteLine(
                credit_note=note,
                kind=line.kind,
                description=line.description,
                attendee_name=line.attendee_name,
                unit_pence=net,
                net_pence=net,
                vat_category=line.vat_category,
                vat_percent=line.vat_percent,
                vat_pence=vat,
            )
        )
    CreditNoteLine.objects.bulk_create(credit_lines)
    note.net_pence = sum(line.net_pence for line in credit_lines)
    note.vat_pence = sum(line.vat_pence for line in credit_lines)
    note.total_pence = note.net_pence + note.vat_pence
    note.save(update_fields=["net_pence", "vat_pence", "total_pence"])


def settle_status(invoice):
    """Where the invoice stands from what was credited and paid (overdue is read from the
    due date, never stored)."""
    due = invoice.total_pence - invoice.credited_pence
    if due <= 0 and invoice.paid_pence == 0:
        invoice.status = InvoiceStatus.CREDITED
    elif invoice.paid_pence >= due:
        invoice.status = InvoiceStatus.PAID
    elif invoice.paid_pence > 0:
        invoice.status = InvoiceStatus.PART_PAID
    else:
        invoice.status = InvoiceStatus.ISSUED


def _deliver(document_id, *, credit_note=False, email=True):
    """After the commit, render and (unless `email` is False) send the document. A broker down
    then delays only its delivery, logged: the document stands, the download view renders its
    PDF on request, and finance can send it again."""
    from bookings.tasks import deliver_document

    kind = "credit_note" if credit_note else "invoice"
    delay_on_commit(deliver_document, document_id, kind, email)
