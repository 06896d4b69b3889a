"""Joining and leaving a cohort's waiting list."""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.exceptions import AlreadyWaiting, CohortHasPlaces, WaitingListClosed
from bookings.models import WaitingListEntry, WaitingStatus
from bookings.services.holds import cohort_state, lock_cohort
from bookings.services.offers import close_entry
from bookings.tasks import offer_freed_places
from courses.models import Cohort


def can_join(cohort, places_wanted, now=None):
    """Raise unless `cohort` takes names for `places_wanted`: it is full, or has fewer places
    free (once the queue ahead is served) than wanted. Otherwise they should just book."""
    now = now or timezone.now()
    state = cohort_state(cohort, now)
    if state.waitlist:
        return
    if not state.bookable:
        raise WaitingListClosed(f"This date cannot take a waiting list: {state.label.lower()}.")
    free = state.left - WaitingListEntry.objects.places_owed(cohort, state.left)
    if free >= places_wanted:
        raise CohortHasPlaces(
            f"This date has {free} place{'s' if free != 1 else ''} free: book now instead."
        )


def join_waiting_list(*, cohort_id, user, places_wanted, any_cohort, now=None):
    now = now or timezone.now()
    if WaitingListEntry.objects.active().filter(cohort_id=cohort_id, user=user).exists():
        raise AlreadyWaiting()
    try:
        with transaction.atomic():
            cohort = lock_cohort(cohort_id)  # so the check and the queue place agree
            can_join(cohort, places_wanted, now)
            entry = WaitingListEntry.objects.create(
                cohort=cohort,
                user=user,
                name=user.display_name,
                email=user.email,
                places_wanted=places_wanted,
                any_cohort=any_cohort,
                created_at=now,
            )
            for pk in cohorts_to_serve(entry, now):
                transaction.on_commit(partial(offer_freed_places.delay, pk))
    except IntegrityError as exc:  # a second tab joined first
        raise AlreadyWaiting() from exc
    return entry


def cohorts_to_serve(entry, now):
    """Where the new entry might be offered places at once: a place may have come free in
    the moment before they joined, or (any date) another run may have room."""
    if not entry.any_cohort:
        return [entry.cohort_id]
    others = Cohort.objects.filter(course_id=entry.cohort.course_id).published()
    return [entry.cohort_id] + list(
        others.upcoming(timezone.localdate(now))
        .exclude(pk=entry.cohort_id)
        .values_list("pk", flat=True)
    )


def leave_waiting_list(*, entry_id, user, now=None):
    """Leave the list; an open offer's places are released to the next person."""
    return close_entry(
        entry_id=entry_id,
        user=user,
        status=WaitingStatus.WITHDRAWN,
        reason="Left the waiting list: the places pass to the next person on it",
        now=now or timezone.now(),
    )
