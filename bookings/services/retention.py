"""Deleting the personal data bookings no longer needs, as the privacy notice says
(bookings.retention holds the rules and their periods' settings).

Each rule is one UPDATE or DELETE of rows past their period, so a second run finds nothing
left to do (the beat task may run twice). A period in days runs to the end of its last day:
with 30 days, the requirements of a course that ended on 1 March are kept through 31 March
and gone on 1 April.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from bookings.models import (
    Order,
    OrderStatus,
    PaymentStatus,
    Place,
    WaitingListEntry,
    WaitingStatus,
)
from bookings.privacy import ERASED_EMAIL, ERASED_NAME
from bookings.retention import REQUIREMENTS, UNPAID_ORDERS, WAITING_LIST

MONEY_TAKEN = (PaymentStatus.PAID, PaymentStatus.PROCESSING, PaymentStatus.REFUNDED)


def cut_off(rule, today):
    """The last day whose data is past `rule`'s period on `today`."""
    return today - datetime.timedelta(days=rule.days + 1)


def apply_retention(*, now=None):
    """Apply every rule; returns {rule name: rows changed}."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        return {
            REQUIREMENTS.name: clear_requirements(today),
            UNPAID_ORDERS.name: anonymise_unpaid_orders(now),
            WAITING_LIST.name: delete_waiting_entries(today),
        }


def clear_requirements(today):
    past = Place.objects.filter(cohort__end_date__lte=cut_off(REQUIREMENTS, today))
    return past.exclude(requirements="").update(requirements="")


def anonymise_unpaid_orders(now):
    """Orders whose hold lapsed unpaid (expired: never an invoice, never a card payment
    taken) lose the buyer's and attendees' details; their amounts stay for the accounts."""
    lapsed = Order.objects.filter(
        status=OrderStatus.EXPIRED,
        hold_expires_at__lt=now - datetime.timedelta(days=UNPAID_ORDERS.days),
        invoices__isnull=True,
    ).exclude(payments__status__in=MONEY_TAKEN)
    ids = list(lapsed.exclude(buyer_email=ERASED_EMAIL).values_list("pk", flat=True))
    Place.objects.filter(order_id__in=ids).update(
        attendee=None,
        attendee_name=ERASED_NAME,
        attendee_email=ERASED_EMAIL,
        organisation_name="",
        requirements="",
    )
    return Order.objects.filter(pk__in=ids).update(
        buyer=None, buyer_name=ERASED_NAME, buyer_email=ERASED_EMAIL
    )


def delete_waiting_entries(today):
    """Entries of cohorts long over; an offer still open runs its course first (its held
    places are released when it lapses, and the entry goes on a later run)."""
    over = WaitingListEntry.objects.filter(cohort__end_date__lte=cut_off(WAITING_LIST, today))
    deleted, _ = over.exclude(status=WaitingStatus.OFFERED).delete()
    return deleted
