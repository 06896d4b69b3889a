"""Factories for bookings records that tests build directly (orders and places are built
through `hold_places`, the service that guards capacity)."""

import factory
from factory.django import DjangoModelFactory

from bookings.models import WaitingListEntry
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory


class WaitingListEntryFactory(DjangoModelFactory):
    """Someone waiting for places; pass `created_at` to set their place in the queue."""

    class Meta:
        model = WaitingListEntry

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.user.display_name)
    email = factory.LazyAttribute(lambda o: o.user.email)
    places_wanted = 1
