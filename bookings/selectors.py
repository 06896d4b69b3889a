"""Reads that the catalogue and the booking pages share."""

from django.db.models import Count

from bookings.models import Place, PlaceStatus


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
