"""The minute's sweep: orders whose hold has lapsed are settled with Stripe, then released.

A learner who paid at the last second, or a webhook that never came, must not lose the
place they paid for; and a Checkout page left open must not take money for released places.
So before a lapsed card order lets its places go, Stripe is asked what happened, and a
session still open is expired there first.
"""

from django.utils import timezone

from bookings.models import Order, OrderStatus, Payment, PaymentStatus
from bookings.payments import stripe_gateway as gateway
from bookings.services.card import settle_checkout_session
from bookings.services.expiry import expire_order

UNSETTLED = (PaymentStatus.OPEN, PaymentStatus.PROCESSING)


def release_lapsed_orders(now=None):
    """Settle, then release, every pending order past its hold. Returns how many it released."""
    now = now or timezone.now()
    lapsed = Order.objects.filter(status=OrderStatus.PENDING, hold_expires_at__lt=now)
    released = 0
    for order_id in lapsed.values_list("pk", flat=True):
        for payment in Payment.objects.filter(order_id=order_id, status__in=UNSETTLED):
            session = final_session(payment.checkout_session_id)
            if session is not None:
                settle_checkout_session(session, source="reconciliation")
        if lapsed.filter(pk=order_id).exists():  # a clearing payment has extended the hold
            expire_order(order_id=order_id, reason="Hold expired before payment", now=now)
        released += Order.objects.filter(pk=order_id, status=OrderStatus.EXPIRED).exists()
    return released


def final_session(session_id):
    """The session as Stripe has it, closed to new payments. None if Stripe cannot say: the
    places are released anyway, and a payment that lands later is placed or refunded."""
    try:
        session = gateway.retrieve_checkout_session(session_id)
        if session["status"] == "open":
            session = gateway.expire_checkout_session(session_id)
    except gateway.PaymentServiceError:
        try:  # expiring races with a payment completing: read it once more
            session = gateway.retrieve_checkout_session(session_id)
        except gateway.PaymentServiceError:
            return None
    return session
