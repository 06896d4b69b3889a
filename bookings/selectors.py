"""Reads that the catalogue and the booking pages share."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from bookings.models import (
    InvoiceStatus,
    Order,
    OrderStatus,
    PaymentMethod,
    Place,
    PlaceStatus,
    WaitingListEntry,
    WaitingStatus,
)
from courses.models import Cohort
from courses.selectors import long_course_fields


def live_places_by_cohort(cohort_ids, now=None):
    """{cohort_id: places confirmed or held}, in one query for any number of cohorts."""
    rows = (
        Place.objects.live(now)
        .filter(cohort_id__in=list(cohort_ids))
        .values("cohort_id")
        .annotate(n=Count("pk"))
    )
    return {row["cohort_id"]: row["n"] for row in rows}


def cohorts_with_confirmed_place(user, cohort_ids):
    return set(
        Place.objects.filter(
            attendee=user, cohort_id__in=list(cohort_ids), status=PlaceStatus.CONFIRMED
        ).values_list("cohort_id", flat=True)
    )


def queue_position(entry):
    """Where a waiting entry stands on its own cohort's list: 1 is next."""
    earlier = Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)
    waiting = WaitingListEntry.objects.filter(
        cohort_id=entry.cohort_id, status=WaitingStatus.WAITING
    )
    return waiting.filter(earlier).count() + 1


def waiting_list_entries(user):
    """The learner's entries: those still open first, then the most recent; a waiting one
    with its `position` (1 is next), all in one query however many lists they are on."""
    entries = (
        WaitingListEntry.objects.filter(user=user)
        .select_related("cohort__course", "offered_cohort__course", "order")
        .defer(*long_course_fields("cohort__course"), *long_course_fields("offered_cohort__course"))
        .annotate(ahead=Coalesce(Subquery(waiting_ahead()), 0))
    )
    entries = sorted(entries, key=lambda e: (not e.is_active, -e.created_at.timestamp()))
    for entry in entries:
        entry.position = entry.ahead + 1 if entry.status == WaitingStatus.WAITING else None
    return entries


def waiting_ahead():
    """How many wait ahead of the outer entry on its cohort's list (as `queue_position`)."""
    earlier = Q(created_at__lt=OuterRef("created_at")) | Q(
        created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")
    )
    return (
        WaitingListEntry.objects.filter(
            earlier, cohort_id=OuterRef("cohort_id"), status=WaitingStatus.WAITING
        )
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def organisation_cohorts(organisation):
    """The cohorts the organisation has booked places on, for the managers' filters."""
    return (
        Cohort.objects.filter(orders__organisation=organisation)
        .distinct()
        .select_related("course")
        .order_by("-start_date", "pk")
    )


def organisation_orders(organisation, *, course=None, cohort=None, status=None):
    """The organisation's orders, latest dates first, each with `listed_places`: a fixed
    number of queries however many orders and places there are."""
    orders = organisation.orders.select_related("cohort__course", "buyer").order_by(
        "-cohort__start_date", "-created_at"
    )
    places = Place.objects.select_related("cohort__course").order_by("pk")
    if course:
        orders = orders.filter(cohort__course=course)
    if cohort:
        orders = orders.filter(cohort=cohort)
    if status:
        places = places.filter(status=status)
        orders = orders.filter(Exists(places.filter(order=OuterRef("pk"))))
    return orders.prefetch_related(Prefetch("places", queryset=places, to_attr="listed_places"))


def payment_labels(order_ids):
    """{order id: whether it is paid, in words}, from one query, for screens that may say who
    has paid but never how much (the trainers' roster)."""
    open_states = [InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID]
    orders = Order.objects.filter(pk__in=list(order_ids)).annotate(
        open_invoices=Count("invoices", filter=Q(invoices__status__in=open_states)),
        paid_invoices=Count("invoices", filter=Q(invoices__status=InvoiceStatus.PAID)),
        invoices_count=Count("invoices"),
    )
    return {order.pk: payment_label(order) for order in orders}


def payment_label(order):
    if order.status != OrderStatus.CONFIRMED:
        return order.get_status_display()
    if order.payment_method == PaymentMethod.FREE:
        return "No payment due"
    if order.open_invoices:
        return "Invoiced, not paid yet"
    if order.paid_invoices or order.payment_method == PaymentMethod.CARD:
        return "Paid"
    if not order.invoices_count:
        return "Waiting for a purchase order"
    return "Paid"
