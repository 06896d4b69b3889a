"""Discount code usage: the one place where a code's usage limit is guarded.

A use is counted per order, when its places are held, inside the hold's transaction: if the
hold fails later on, the rollback takes the count back with it. An order that lapses unpaid
gives its use back, once.
"""

from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

from bookings.exceptions import Busy, CodeUsedUp, UnknownCode
from bookings.models import DiscountCode, Order, OrderEvent, normalise_code


def claim_code(*, text, course, tier_ids, today):
    """Check the code for this booking and count one use of it.

    Returns (code, ids of the chosen tiers it takes money off), or raises the CodeNotValid
    that tells the buyer why not. Call after the cohort is locked (locks in one order).
    """
    code = (
        DiscountCode.objects.prefetch_related("courses", "price_tiers")
        .filter(code=normalise_code(text))
        .first()
    )
    if code is None:
        raise UnknownCode()
    covered = code.check_usable(course=course, tier_ids=tier_ids, today=today)
    if not count_use(code.pk):
        raise CodeUsedUp()  # the last use went to someone else since we read the row
    return code, covered


def count_use(code_id):
    """One more use of the code unless that would pass its limit; True if it was counted.

    A conditional UPDATE, not read-then-write: on PostgreSQL a racing UPDATE waits for the row
    lock and re-checks the condition once the winner commits; SQLite lets one writer in at a
    time. Either way, two buyers cannot both take the last use.
    """
    under_limit = Q(usage_limit__isnull=True) | Q(times_used__lt=F("usage_limit"))
    try:
        counted = DiscountCode.objects.filter(under_limit, pk=code_id).update(
            times_used=F("times_used") + 1
        )
    except DatabaseError as exc:  # lock timeout: a polite "busy", not a hang
        raise Busy() from exc
    return counted == 1


def give_back_use(order, *, now=None):
    """An unpaid order that lapsed or was cancelled frees its use of the code. Idempotent:
    the order's flag is cleared by the same conditional UPDATE that decides to give back."""
    if not order.discount_use_held:
        return False
    released = Order.objects.filter(pk=order.pk, discount_use_held=True).update(
        discount_use_held=False
    )
    if not released:
        return False
    DiscountCode.objects.filter(pk=order.discount_code_id, times_used__gt=0).update(
        times_used=F("times_used") - 1
    )
    order.discount_use_held = False
    OrderEvent.objects.create(
        order=order,
        kind="discount_released",
        message=f"Discount code {order.discount_code} given back for someone else to use",
        created_at=now or timezone.now(),
    )
    return True


def reclaim_use(order):
    """A payment that arrives after the hold lapsed re-holds the order: count its code again.
    False if the code has been used up meanwhile."""
    if order.discount_code_id is None or order.discount_use_held:
        return True
    if not count_use(order.discount_code_id):
        return False
    Order.objects.filter(pk=order.pk).update(discount_use_held=True)
    order.discount_use_held = True
    return True
