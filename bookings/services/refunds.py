"""Giving money back on a card payment: one path for cancellations, transfers, late payments
and staff refunds. The Stripe refund is made inside the caller's transaction, with an
idempotency key, so a failure changes nothing here and a retry never refunds twice."""

from django.db import transaction

from bookings.exceptions import RefundFailed
from bookings.models import OrderEvent, Payment, PaymentStatus, Refund
from bookings.payments import stripe_gateway as gateway
from bookings.tasks import send_payment_refunded


def pounds(pence):
    return f"£{pence / 100:,.2f}"


def refund_payment(*, payment, amount_pence, key, reason, actor=None):
    """Refund part or all of a paid card payment. Returns the Refund, or None for nothing."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    amount = min(amount_pence, payment.amount_pence - payment.refunded_pence)
    if amount <= 0:
        return None
    try:
        stripe_refund = gateway.refund(
            payment_intent_id=payment.payment_intent_id, amount_pence=amount, key=key
        )
    except gateway.PaymentServiceError as exc:
        raise RefundFailed() from exc
    refund, created = Refund.objects.get_or_create(
        stripe_refund_id=stripe_refund.id,
        defaults={
            "order_id": payment.order_id,
            "payment": payment,
            "amount_pence": amount,
            "reason": reason,
            "actor": actor,
        },
    )
    if not created:
        return refund  # an idempotent replay of a refund already recorded
    payment.refunded_pence += amount
    if payment.refunded_pence >= payment.amount_pence:
        payment.status = PaymentStatus.REFUNDED
    payment.save(update_fields=["refunded_pence", "status"])
    OrderEvent.objects.create(
        order_id=payment.order_id,
        kind="refunded",
        actor=actor,
        message=f"{pounds(amount)} refunded to the card: {reason}"[:300],
    )
    order_id, refund_id = payment.order_id, stripe_refund.id
    transaction.on_commit(lambda: send_payment_refunded.delay(order_id, refund_id, amount, reason))
    return refund


def refund_order(*, order, amount_pence, key, reason, actor=None):
    """Refund on the order's paid card payment, if it has one."""
    payment = order.payments.filter(status=PaymentStatus.PAID, invoice__isnull=True).first()
    if payment is None:
        return None
    return refund_payment(
        payment=payment, amount_pence=amount_pence, key=key, reason=reason, actor=actor
    )
