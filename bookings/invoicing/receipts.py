"""Money received against invoices: bank transfers recorded by finance, and card payments
made through an invoice's Stripe link (recorded by the webhook)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.exceptions import PaymentRefused
from bookings.invoicing.issue import settle_status
from bookings.models import Invoice, InvoicePayment, InvoiceStatus, OrderEvent, ReceiptMethod
from courses.templatetags.courses_tags import pounds


def record_payment(
    *,
    invoice_id,
    amount_pence,
    received_on,
    reference,
    method=ReceiptMethod.BANK_TRANSFER,
    actor=None,
    stripe_payment=None,
):
    """Record money received. Returns the InvoicePayment; the invoice moves to part paid or
    paid, and `invoice.overpaid` says when more came in than was owed."""
    reference = reference.strip()
    if amount_pence <= 0:
        raise PaymentRefused("Enter the amount received, more than £0.")
    if received_on > timezone.localdate():
        raise PaymentRefused("The date received cannot be in the future.", field="received_on")
    if not reference:
        raise PaymentRefused("Enter the payment's reference.", field="reference")
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.status == InvoiceStatus.CREDITED:
            raise PaymentRefused(f"{invoice.number} has been credited in full: nothing is owed.")
        if invoice.payments.filter(reference__iexact=reference).exists():
            raise PaymentRefused(
                f"A payment with the reference {reference} is already recorded on "
                f"{invoice.number}. If this is a second payment, give its own reference.",
                field="reference",
            )
        try:
            with transaction.atomic():
                payment = InvoicePayment.objects.create(
                    invoice=invoice,
                    amount_pence=amount_pence,
                    received_on=received_on,
                    reference=reference,
                    method=method,
                    actor=actor,
                    stripe_payment=stripe_payment,
                )
        except IntegrityError as exc:  # the same webhook twice, racing
            raise PaymentRefused("This payment is already recorded.", field="reference") from exc
        invoice.paid_pence += amount_pence
        settle_status(invoice)
        invoice.save(update_fields=["paid_pence", "status"])
        OrderEvent.objects.create(
            order_id=invoice.order_id,
            kind="payment_received",
            actor=actor,
            message=f"{pounds(amount_pence)} received on {invoice.number} "
            f"({payment.get_method_display().lower()}, {reference})"[:300],
        )
    return payment


def issue_receipt(*, order_id, payment):
    """A booking paid by card: its invoice, issued already paid, in the same sequence."""
    from bookings.invoicing.issue import issue_invoice

    invoice = issue_invoice(order_id=order_id, paid_by_card=True)
    if invoice.paid_by_card and not invoice.payments.exists():
        record_payment(
            invoice_id=invoice.pk,
            amount_pence=payment.amount_pence,
            received_on=timezone.localdate(),
            reference=payment.payment_intent_id or payment.checkout_session_id,
            method=ReceiptMethod.CARD,
            stripe_payment=payment,
        )
    return invoice
