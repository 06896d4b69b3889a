"""What must hold in the bookings records whatever traffic the site has had: money taken
means places confirmed, a confirmed place was paid for or invoiced, no cohort holds more
than its capacity, and document numbers run without gaps. Checked after the load soak
(bench/soak.py) and by `manage.py check_invariants` on any database.

Each check returns its violations, one sentence per record (an empty list: it holds).
"""

import re
from collections import defaultdict

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from bookings.invoicing.issue import awaiting_po
from bookings.invoicing.numbering import CREDIT_NOTE_PREFIX, INVOICE_PREFIX
from bookings.models import (
    CreditNote,
    Invoice,
    InvoiceSequence,
    InvoiceStatus,
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentStatus,
    PlaceStatus,
)
from courses.models import Cohort

# Places a confirmed booking may have: confirmed, or since cancelled or moved to another date.
ONCE_CONFIRMED = [PlaceStatus.CONFIRMED, PlaceStatus.CANCELLED, PlaceStatus.TRANSFERRED]
NEVER_CONFIRMED = [PlaceStatus.HELD, PlaceStatus.EXPIRED]
MAX_LISTED = 20  # numbers missing from a sequence: the first few are enough to go and look


def card_money_kept():
    """Paid card payments for bookings (not an invoice's card link) not refunded in full."""
    return Payment.objects.filter(
        status=PaymentStatus.PAID,
        invoice__isnull=True,
        refunded_pence__lt=F("amount_pence"),
    )


def paid_orders_have_places():
    """A booking whose card payment was taken (and kept) is confirmed, or cancelled after it
    was: it has places, and none of them is still held or lapsed."""
    paid = card_money_kept().filter(order=OuterRef("pk"))
    orders = (
        Order.objects.filter(Exists(paid))
        .annotate(
            confirmed=Count("places", filter=Q(places__status__in=ONCE_CONFIRMED)),
            unconfirmed=Count("places", filter=Q(places__status__in=NEVER_CONFIRMED)),
        )
        .order_by("pk")
    )
    return [
        f"Order {o.reference} was paid by card but is {o.get_status_display().lower()}, with "
        f"{o.confirmed} places confirmed and {o.unconfirmed} held or lapsed."
        for o in orders
        if o.status not in (OrderStatus.CONFIRMED, OrderStatus.CANCELLED)
        or not o.confirmed
        or o.unconfirmed
    ]


def orders_paid_once():
    """No booking keeps two card payments: a second one is refunded (`_paid_twice`)."""
    twice = (
        card_money_kept()
        .values("order__reference")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("order__reference")
    )
    return [f"Order {row['order__reference']} kept {row['n']} card payments." for row in twice]


def confirmed_places_paid_for():
    """Every confirmed place is on a confirmed order that owes nothing, was paid by card, or
    was invoiced (or waits, confirmed, for the purchase order its invoice needs)."""
    orders = (
        Order.objects.filter(places__status=PlaceStatus.CONFIRMED)
        .distinct()
        .annotate(
            paid=Exists(card_money_kept().filter(order=OuterRef("pk"))),
            invoiced=Exists(
                Invoice.objects.filter(order=OuterRef("pk")).exclude(status=InvoiceStatus.CREDITED)
            ),
        )
        .select_related("organisation", "billing")
        .order_by("pk")
    )
    return [f"Order {o.reference} {why}" for o in orders if (why := unpaid_reason(o))]


def unpaid_reason(order):
    """Why the order's confirmed places are not paid for (None when they are)."""
    if order.status != OrderStatus.CONFIRMED:
        return f"has confirmed places but is {order.get_status_display().lower()}."
    if order.total_pence == 0:
        return None
    if order.payment_method == PaymentMethod.CARD and not order.paid:
        return "has confirmed places but no card payment."
    if order.payment_method == PaymentMethod.INVOICE and not (order.invoiced or awaiting_po(order)):
        return "has confirmed places but no invoice, and awaits no purchase order."
    if order.payment_method == PaymentMethod.FREE:
        return f"is free but costs {order.total_pence}p."
    return None


def no_cohort_over_capacity(now=None):
    """No cohort has more live places (confirmed, or held and not yet lapsed) than it holds."""
    now = now or timezone.now()
    live = Q(places__status=PlaceStatus.CONFIRMED) | Q(
        places__status=PlaceStatus.HELD, places__hold_expires_at__gt=now
    )
    cohorts = (
        Cohort.objects.annotate(live=Count("places", filter=live))
        .filter(live__gt=F("capacity"))
        .order_by("pk")
    )
    return [
        f"Cohort {c.pk} ({c.title}) has {c.live} live places for a capacity of {c.capacity}."
        for c in cohorts
    ]


def invoice_numbers_gapless():
    """Invoice and credit-note numbers run 1, 2, 3… in each sequence (prefix and year), each
    up to the sequence's last number, and each document says its own number."""
    violations = []
    for model, prefix in ((Invoice, INVOICE_PREFIX), (CreditNote, CREDIT_NOTE_PREFIX)):
        violations += sequence_violations(model, prefix)
    return violations


def sequence_violations(model, prefix):
    pattern = re.compile(rf"{prefix}-(\d{{4}})-(\d+)")
    used = defaultdict(list)
    violations = []
    for number, sequence_number in model.objects.values_list("number", "sequence_number"):
        match = pattern.fullmatch(number)
        if not match or int(match[2]) != sequence_number:
            violations.append(f"{number} does not match its sequence number {sequence_number}.")
            continue
        used[int(match[1])].append(sequence_number)
    last = dict(InvoiceSequence.objects.filter(prefix=prefix).values_list("year", "last_number"))
    for year in sorted(set(used) | set(last)):
        violations += gaps(prefix, year, used.get(year, []), last.get(year, 0))
    return violations


def gaps(prefix, year, numbers, last):
    """Numbers are unique (the column is) and say their own number (checked above), so a
    sequence is gapless when it holds 1…last and nothing beyond."""
    name, used = f"{prefix}-{year}", set(numbers)
    missing = [n for n in range(1, last + 1) if n not in used]
    problems = []
    if missing:
        shown = ", ".join(map(str, missing[:MAX_LISTED]))
        more = f" and {len(missing) - MAX_LISTED} more" if len(missing) > MAX_LISTED else ""
        problems.append(f"{name} is missing number(s) {shown}{more}.")
    if used and max(used) > last:
        problems.append(f"{name} has number {max(used)} beyond its last number {last}.")
    return problems


CHECKS = {
    "paid_orders_have_places": paid_orders_have_places,
    "orders_paid_once": orders_paid_once,
    "confirmed_places_paid_for": confirmed_places_paid_for,
    "no_cohort_over_capacity": no_cohort_over_capacity,
    "invoice_numbers_gapless": invoice_numbers_gapless,
}
