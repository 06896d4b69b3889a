"""Factories for bookings records that tests build directly: waiting-list entries and
discount codes.

Orders and places are made through `hold_places`, the service that guards them, never by a
factory, so a test cannot build a booking the site itself could not make.
"""

import factory
from factory.django import DjangoModelFactory

from bookings.models import DiscountCode, DiscountKind, WaitingListEntry
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


class DiscountCodeFactory(DjangoModelFactory):
    """10% off every course and price, no dates, no limit. Pass `courses=[...]` or
    `price_tiers=[...]` to limit it."""

    class Meta:
        model = DiscountCode
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"CODE{n}")
    description = "Test code"
    kind = DiscountKind.PERCENT
    value = 10

    @factory.post_generation
    def courses(self, create, extracted, **kwargs):
        if extracted:
            self.courses.set(extracted)

    @factory.post_generation
    def price_tiers(self, create, extracted, **kwargs):
        if extracted:
            self.price_tiers.set(extracted)
