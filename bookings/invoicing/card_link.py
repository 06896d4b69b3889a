"""Paying an issued invoice by card through Stripe Checkout. The session is a `Payment`
tied to the invoice; the webhook (or the return page, whichever comes first) records the
money on the invoice once, as it does for bookings."""

import datetime

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import InvoicingError, PaymentUnavailable
from bookings.invoicing.receipts import record_payment
from bookings.models import Invoice, Payment, PaymentStatus, ReceiptMethod
from bookings.payments import stripe_gateway as gateway

SESSION_MINUTES = 60


class InvoicePaymentUnavailable(PaymentUnavailable):
    message = (
        "We could not reach the card payment service, so nothing has been charged. Please "
        "try again in a few minutes, or pay by bank transfer."
    )


def start_invoice_payment(*, invoice_id, success_url, cancel_url, now=None):
    """The Checkout page for the invoice's balance: its open session, or a new one."""
    now = now or timezone.now()
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("order")
            .get(pk=invoice_id)
        )
        if invoice.balance_pence <= 0:
            raise InvoicingError(f"There is nothing left to pay on {invoice.number}.")
        open_payment = invoice.order.payments.filter(status=PaymentStatus.OPEN).first()
        fresh = now + datetime.timedelta(minutes=1)
        if (
            open_payment
            and open_payment.invoice_id == invoice.pk
            and open_payment.expires_at > fresh
        ):
            if open_payment.amount_pence == invoice.balance_pence:
                return open_payment.checkout_url
        if open_payment:
            open_payment.status = PaymentStatus.EXPIRED
            open_payment.save(update_fields=["status"])
        attempt = invoice.card_payments.count() + 1
        expires = now + datetime.timedelta(minutes=SESSION_MINUTES)
        try:
            session = gateway.create_invoice_checkout_session(
                invoice=invoice,
                amount_pence=invoice.balance_pence,
                success_url=success_url,
                cancel_url=cancel_url,
                expires_at=expires,
                key=f"invoice-{invoice.order.reference}-{invoice.number}-{attempt}",
            )
        except gateway.PaymentServiceError as exc:
            raise InvoicePaymentUnavailable() from exc
        Payment.objects.create(
            order=invoice.order,
            invoice=invoice,
            checkout_session_id=session.id,
            checkout_url=session.url,
            amount_pence=session.amount_total,
            expires_at=expires,
        )
    return session.url


def invoice_paid(payment, session):
    """Called with the Payment locked, when Stripe says its session is paid."""
    if payment.status in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        return payment
    payment.status = PaymentStatus.PAID
    payment.payment_intent_id = session.get("payment_intent") or ""
    payment.save(update_fields=["status", "payment_intent_id"])
    record_payment(
        invoice_id=payment.invoice_id,
        amount_pence=payment.amount_pence,
        received_on=timezone.localdate(),
        reference=payment.payment_intent_id or payment.checkout_session_id,
        method=ReceiptMethod.CARD,
        stripe_payment=payment,
    )
    return payment


def settle_returned(invoice):
    """Back from Checkout: ask Stripe about the latest session, so the page tells the truth."""
    from bookings.services.card import settle_checkout_session

    payment = invoice.card_payments.order_by("-created_at").first()
    if payment is None or payment.status != PaymentStatus.OPEN:
        return
    try:
        session = gateway.retrieve_checkout_session(payment.checkout_session_id)
    except gateway.PaymentServiceError:
        return  # the webhook will record it; the page says it is processing
    settle_checkout_session(session, source="invoice return page")
