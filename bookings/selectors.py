"""Reads that the catalogue and the booking pages share."""

from django.db.models import Count, Exists, OuterRef, Prefetch

from bookings.models import Place, PlaceStatus
from courses.models import Cohort


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
    places = Place.objects.select_related("cohort").order_by("pk")
    if course:
        orders = orders.filter(cohort__course=course)
    if cohort:
        orders = orders.filter(cohort=cohort)
    if status:
        places = places.filter(status=status)
        orders = orders.filter(Exists(places.filter(order=OuterRef("pk"))))
    return orders.prefetch_related(Prefetch("places", queryset=places, to_attr="listed_places"))
