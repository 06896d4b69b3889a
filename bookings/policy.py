"""What the course's policy allows: the refund on cancelling, and the deadlines for moving a
place to another date or passing it to a colleague. One function per rule, used by every
screen that shows or applies it."""

from dataclasses import dataclass

from bookings.models import InvoiceStatus, PaymentMethod, PaymentStatus


@dataclass(frozen=True)
class RefundQuote:
    percent: int
    paid_pence: int
    amount_pence: int
    explanation: str


def days_before_start(cohort, today):
    return (cohort.start_date - today).days


def refund_percent(course, days):
    if days >= course.full_refund_days:
        return 100
    if days >= course.partial_refund_days:
        return course.partial_refund_percent
    return 0


def explain(course, days, percent):
    when = f"{days} day{'s' if days != 1 else ''} before the start"
    if percent == 100:
        return f"Full refund: you are cancelling {when} ({course.full_refund_days} or more)."
    if percent:
        return (
            f"{percent}% refund: you are cancelling {when} "
            f"({course.partial_refund_days} to {course.full_refund_days - 1} days)."
        )
    if days < 0:
        return "No refund: the course has started."
    return f"No refund: you are cancelling {when} (fewer than {course.partial_refund_days})."


def paid_for(order, places):
    """What the buyer paid for these places: their share of the order's total, VAT and any
    discount included, and never more than is left to refund on the card."""
    if not order.subtotal_pence:
        return 0
    share = sum(p.price_pence for p in places) * order.total_pence // order.subtotal_pence
    return min(share, refundable(order))


def refundable(order):
    """What is left to refund on the order's card payment, read once per order object: a
    page quoting each place asks for every place."""
    if not hasattr(order, "_refundable_pence") and order.payment_method == PaymentMethod.INVOICE:
        # Nothing was paid by card: what can be credited is what is left on the invoice.
        invoice = order.invoices.exclude(status=InvoiceStatus.CREDITED).first()
        left = invoice.total_pence - invoice.credited_pence if invoice else order.total_pence
        order._refundable_pence = left
    if not hasattr(order, "_refundable_pence"):
        payment = order.payments.filter(status=PaymentStatus.PAID, invoice__isnull=True).first()
        order._refundable_pence = payment.amount_pence - payment.refunded_pence if payment else 0
    return order._refundable_pence


def quote_cancellation(order, places, today, percent=None):
    """The refund for cancelling `places` today; staff may set `percent` themselves."""
    course = order.cohort.course
    days = days_before_start(order.cohort, today)
    if percent is None:
        percent = refund_percent(course, days)
        explanation = explain(course, days, percent)
    else:
        explanation = f"{percent}% refund, set by staff."
    paid = paid_for(order, places)
    return RefundQuote(percent, paid, paid * percent // 100, explanation)


def transfer_refusal(place, today):
    """Why this place cannot move to another date now, or None."""
    course, days = place.cohort.course, days_before_start(place.cohort, today)
    if days < course.transfer_deadline_days:
        return (
            f"Places can move to another date until {course.transfer_deadline_days} days before "
            "the start. Contact us and we will see what we can do."
        )
    return None


def substitution_refusal(place, today):
    """Why this place cannot be passed to a colleague now, or None."""
    course, days = place.cohort.course, days_before_start(place.cohort, today)
    if days < course.substitution_deadline_days:
        return (
            f"A colleague can take this place until {course.substitution_deadline_days} "
            "day(s) before the start."
        )
    return None
