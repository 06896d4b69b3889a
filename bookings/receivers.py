"""What bookings does when something upstream changes."""

from functools import partial

from django.db import transaction

from bookings.models import WaitingListEntry
from bookings.tasks import offer_freed_places


def cohort_saved(sender, instance, created, **kwargs):
    """Staff may have raised the capacity (or reopened booking): offer any free places to
    the people waiting, once the edit has committed."""
    if not created and WaitingListEntry.objects.queue_for(instance).exists():
        transaction.on_commit(partial(offer_freed_places.delay, instance.pk))


def places_released(sender, cohort_id, count, **kwargs):
    """A cancellation or a transfer freed places (sent after its commit): offer them on."""
    offer_freed_places.delay(cohort_id)
