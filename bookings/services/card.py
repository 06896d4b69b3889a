"""Card payments: starting a Stripe Checkout Session, and settling what Stripe tells us.

The webhook and the return page both end in `settle_checkout_session`, which is idempotent:
whichever arrives first confirms the order, the other finds it confirmed.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.exceptions import (
    HoldExpired,
    InvoicingError,
    PaymentUnavailable,
    PaymentUnavailableHoldKept,
    PlacesUnnamed,
)
from bookings.invoicing.card_link import invoice_paid
from bookings.invoicing.receipts import issue_receipt
from bookings.models import (
    Order,
    OrderEvent,
    OrderStatus,
    Payment,
    PaymentStatus,
    Place,
    PlaceStatus,
    Refund,
    StripeEvent,
    WaitingListEntry,
)
from bookings.payments import stripe_gateway as gateway
from bookings.services.confirm import confirm_order
from bookings.services.discounts import reclaim_use
from bookings.services.expiry import expire_order
from bookings.services.holds import lock_cohort
from bookings.services.refunds import refund_payment

logger = logging.getLogger(__name__)

# Stripe will not let a Checkout Session expire sooner than 30 minutes after it is created,
# nor later than 24 hours; a waiting-list offer holds its places for longer than that.
MIN_SESSION_MINUTES = 31
# Bank debits take up to a few working days to clear; the places stay held meanwhile.
PROCESSING_HOLD = datetime.timedelta(days=7)
DUPLICATE_PAYMENT = "the order was already paid for, or cancelled"
MAX_SESSION_HOURS = 23


def start_card_payment(*, order_id, success_url, cancel_url, now=None):
    """The URL of the order's Checkout page: its open session, or a new one."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("cohort__course").get(pk=order_id)
        if order.status != OrderStatus.PENDING or order.hold_expires_at <= now:
            raise HoldExpired()
        if order.places.filter(status=PlaceStatus.HELD, attendee_email="").exists():
            raise PlacesUnnamed()  # a waiting-list offer, taken up but not yet filled in
        open_payment = order.payments.filter(status=PaymentStatus.OPEN).first()
        if open_payment and open_payment.expires_at > now + datetime.timedelta(minutes=1):
            return open_payment.checkout_url
        if open_payment:
            open_payment.status = PaymentStatus.EXPIRED
            open_payment.save(update_fields=["status"])
        expires = max(order.hold_expires_at, now + datetime.timedelta(minutes=MIN_SESSION_MINUTES))
        order.hold_expires_at = expires
        order.save(update_fields=["hold_expires_at"])
        order.places.filter(status=PlaceStatus.HELD).update(hold_expires_at=expires)
        attempt = order.payments.count() + 1
        places = list(order.places.filter(status=PlaceStatus.HELD))
        session_expires = min(expires, now + datetime.timedelta(hours=MAX_SESSION_HOURS))
    try:
        session = gateway.create_checkout_session(
            order=order,
            places=places,
            success_url=success_url,
            cancel_url=cancel_url,
            expires_at=session_expires,
            # The SDK resends with this key if Stripe does not answer, and Stripe replays the
            # first result. The key names the expiry, which moves with the clock: a later
            # retry (an offer's places outlast a timeout) is a new request, not a clash.
            key=f"checkout-{order.reference}-{attempt}-{int(session_expires.timestamp())}",
        )
    except gateway.PaymentServiceError as exc:
        if WaitingListEntry.objects.filter(order=order).exists():
            # A waiting-list offer: its places stay held for the days it has left.
            raise PaymentUnavailableHoldKept() from exc
        expire_order(order_id=order.pk, reason=f"Card payment could not start: {exc}")
        raise PaymentUnavailable() from exc
    Payment.objects.create(
        order=order,
        checkout_session_id=session.id,
        checkout_url=session.url,
        amount_pence=session.amount_total,
        expires_at=session_expires,
    )
    OrderEvent.objects.create(order=order, kind="checkout", message="Card payment started")
    return session.url


def settle_checkout_session(session, *, source):
    """Bring our records in line with a Checkout Session as Stripe reports it."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update().filter(checkout_session_id=session["id"]).first()
        )
        if payment is None:
            return None  # not ours (or not yet recorded): nothing to change
        if session["payment_status"] in ("paid", "no_payment_required"):
            return _paid(payment, session, source)
        if session["status"] == "expired":
            _close(payment, PaymentStatus.EXPIRED)
            if not _other_live_payment(payment) and _hold_over(payment.order):
                expire_order(order_id=payment.order_id, reason="Checkout expired without payment")
        elif session["status"] == "complete":
            _processing(payment, session)
        return payment


def payment_failed(session):
    """A bank debit that bounced: the places go back, and the learner can book again."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update().filter(checkout_session_id=session["id"]).first()
        )
        if payment is None or payment.status == PaymentStatus.PAID:
            return
        payment.status = PaymentStatus.FAILED
        payment.save(update_fields=["status"])
        expire_order(order_id=payment.order_id, reason="The bank payment failed")


def _hold_over(order):
    """An offer's places outlast a Checkout Session: a lapsed session alone does not free them."""
    return order.hold_expires_at is None or order.hold_expires_at <= timezone.now()


def _close(payment, status):
    if payment.status in (PaymentStatus.OPEN, PaymentStatus.PROCESSING):
        payment.status = status
        payment.save(update_fields=["status"])


def _other_live_payment(payment):
    live = (PaymentStatus.OPEN, PaymentStatus.PROCESSING, PaymentStatus.PAID)
    others = payment.order.payments.exclude(pk=payment.pk).filter(invoice__isnull=True)
    return others.filter(status__in=live).exists()


def _processing(payment, session):
    """Paid by a method that clears later (a bank debit): keep the places while it clears."""
    if payment.status != PaymentStatus.OPEN:
        return
    payment.status = PaymentStatus.PROCESSING
    payment.payment_intent_id = session.get("payment_intent") or ""
    payment.save(update_fields=["status", "payment_intent_id"])
    until = timezone.now() + PROCESSING_HOLD
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    if order.status == OrderStatus.PENDING:
        order.hold_expires_at = until
        order.save(update_fields=["hold_expires_at"])
        order.places.filter(status=PlaceStatus.HELD).update(hold_expires_at=until)
        OrderEvent.objects.create(order=order, kind="processing", message="Payment processing")


def _paid(payment, session, source):
    if payment.invoice_id:
        return invoice_paid(payment, session)
    if payment.status in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        return payment
    payment.status = PaymentStatus.PAID
    payment.payment_intent_id = session.get("payment_intent") or ""
    payment.save(update_fields=["status", "payment_intent_id"])
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    refused = _rehold(order) if order.status == OrderStatus.EXPIRED else None
    if refused:
        _refund_unplaced(
            order, payment, f"the payment arrived after the hold ran out and {refused}"
        )
    elif order.status == OrderStatus.CANCELLED or _paid_twice(order, payment):
        _refund_unplaced(order, payment, DUPLICATE_PAYMENT)
    else:
        confirm_order(order_id=order.pk, message=f"Paid by card ({source})")
        _receipt(order, payment)
    return payment


def _receipt(order, payment):
    """The paid invoice of a card booking. Its failure must not undo the confirmation (or
    Stripe would retry the webhook for ever): it is logged, and finance can issue it."""
    try:
        with transaction.atomic():
            issue_receipt(order_id=order.pk, payment=payment)
    except InvoicingError:
        logger.exception("No receipt for order %s", order.reference)


def _paid_twice(order, payment):
    others = order.payments.exclude(pk=payment.pk).filter(invoice__isnull=True)
    return others.filter(status=PaymentStatus.PAID).exists()


def _rehold(order):
    """A payment that arrived after its hold lapsed: place it again if the cohort has room
    and its discount code (given back when the hold lapsed) can still be used.

    Returns why it could not, or None once the order is pending again."""
    cohort = lock_cohort(order.cohort_id)
    wanted = order.places.filter(status=PlaceStatus.EXPIRED)
    taken = Place.objects.live().filter(cohort=cohort).count()
    if cohort.capacity - taken < wanted.count():
        return "the cohort had filled"
    if not reclaim_use(order):
        return f"discount code {order.discount_code} had been used up"
    wanted.update(status=PlaceStatus.HELD)
    order.status = OrderStatus.PENDING
    order.save(update_fields=["status"])
    return None


def _refund_unplaced(order, payment, reason):
    """Money we cannot turn into places goes straight back, and the buyer is told. If Stripe
    cannot be reached the whole settlement rolls back, and the webhook's retry tries again."""
    refund_payment(
        payment=payment,
        amount_pence=payment.amount_pence,
        key=f"refund-unplaced-{payment.pk}",
        reason=reason,
    )


def record_stripe_event(event):
    """Handle a verified webhook event once. Returns False for a replay."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event["id"], type=event["type"])
            _dispatch(event)
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True


def _dispatch(event):
    obj = event["data"]["object"]
    if event["type"].startswith("checkout.session."):
        if event["type"] == "checkout.session.async_payment_failed":
            return payment_failed(obj)
        settle_checkout_session(obj, source="Stripe webhook")
    elif event["type"] == "charge.refunded":
        _record_refund(obj)


def _record_refund(charge):
    """Refunds made on Stripe (for example in the Dashboard): record them, cancel nothing."""
    payment = Payment.objects.filter(payment_intent_id=charge.get("payment_intent")).first()
    if payment is None:
        return
    for refund in (charge.get("refunds") or {}).get("data", []):
        if (refund.get("metadata") or {}).get("made_by") == gateway.SITE_REFUND:
            continue  # ours: refund_payment records it in its own transaction
        Refund.objects.get_or_create(
            stripe_refund_id=refund["id"],
            defaults={
                "order_id": payment.order_id,
                "payment": payment,
                "amount_pence": refund["amount"],
                "reason": "Refunded on Stripe (for example in the Dashboard)",
            },
        )
    payment.refunded_pence = max(payment.refunded_pence, charge.get("amount_refunded", 0))
    if payment.refunded_pence >= payment.amount_pence:
        payment.status = PaymentStatus.REFUNDED
    payment.save(update_fields=["refunded_pence", "status"])
    OrderEvent.objects.create(
        order_id=payment.order_id,
        kind="refund_recorded",
        message=f"Stripe reports £{payment.refunded_pence / 100:,.2f} refunded in all",
    )
