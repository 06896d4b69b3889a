"""Factories for bookings: waiting-list entries, discount codes and organisations, and
orders made through the real services (`book_for`) — never by a factory, so a test cannot
build a booking the site itself could not make."""

import factory
from factory.django import DjangoModelFactory

from bookings.models import DiscountCode, DiscountKind, Organisation, WaitingListEntry
from bookings.services import holds
from bookings.services.confirm import confirm_order
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


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Riverside {n} NHS Foundation Trust")
    kind = "nhs_trust"
    ods_code = factory.Sequence(lambda n: f"R{n % 1000:03d}")
    email_domains = "riverside.nhs.uk"
    billing_email = "accounts@riverside.nhs.uk"
    address_line_1 = "Riverside Hospital"
    town = "Riverton"
    postcode = "RV1 4QT"

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


def book_for(organisation, cohort, people, *, buyer=None, confirm=True):
    """An order for `organisation` with one place per (name, email), made by `hold_places`
    and, unless `confirm` is False, confirmed as an invoice booking is."""
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    attendees = [
        holds.Attendee(name=name, email=email, price_tier_id=tier.pk, profession="nurse")
        for name, email in people
    ]
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer or UserFactory(),
        attendees=attendees,
        payment_method="invoice",
        organisation=organisation,
    )
    if confirm:
        order = confirm_order(order_id=order.pk, message="Confirmed: to be invoiced")
    return order


def billing_for(organisation=None, **overrides):
    """Billing details as the pay-by-invoice form cleans them."""
    details = {
        "organisation_name": organisation.name if organisation else "Riverside GP Practice",
        "address_line_1": "Riverside Hospital",
        "address_line_2": "",
        "town": "Riverton",
        "postcode": "RV1 4QT",
        "ods_code": organisation.ods_code if organisation else "",
        "billing_email": "accounts@riverside.nhs.uk",
        "po_number": "",
        "vat_number": "",
    }
    return {**details, **overrides}


def invoiced_order(cohort, n=1, *, organisation=None, buyer=None, **billing):
    """A held order switched to pay by invoice through the real service: confirmed, and
    invoiced unless its organisation requires a PO that `billing` does not give."""
    from bookings.invoicing.po import pay_by_invoice

    tier = cohort.course.price_tiers.order_by("price_pence").first()
    buyer = buyer or UserFactory()
    attendees = [
        holds.Attendee(name=f"Colleague {i}", email=f"c{i}@riverside.nhs.uk", price_tier_id=tier.pk)
        for i in range(n)
    ]
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer,
        attendees=attendees,
        payment_method="card",
        organisation=organisation,
    )
    return pay_by_invoice(
        order_id=order.pk, details=billing_for(organisation, **billing), actor=buyer
    )
