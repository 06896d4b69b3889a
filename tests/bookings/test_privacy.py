"""A learner's bookings are in their data export; erasing the account keeps the financial
records without their name."""

import json

import pytest

from bookings.models import Order, Place
from bookings.services import holds
from cms.accounts import erase_account
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def book(user, cohort):
    tier = cohort.course.price_tiers.first()
    me = holds.Attendee(
        name="Amara Okafor",
        email=user.email,
        price_tier_id=tier.pk,
        requirements="Wheelchair access",
    )
    return holds.hold_places(cohort_id=cohort.pk, buyer=user, attendees=[me], payment_method="card")


def test_export_lists_my_orders_and_places_only(client, site):
    me, other = UserFactory(), UserFactory()
    cohort = CohortFactory()
    mine = book(me, cohort)
    book(other, cohort)
    client.force_login(me)
    data = json.loads(client.get("/account/data.json").content)
    assert [o["reference"] for o in data["orders"]] == [mine.reference]
    assert data["places"][0]["requirements"] == "Wheelchair access"
    assert other.email not in json.dumps(data)


def test_erasure_keeps_orders_without_the_name(client, site):
    me = UserFactory()
    order = book(me, CohortFactory())
    erase_account(user=me)
    order = Order.objects.get(pk=order.pk)
    place = Place.objects.get(order=order)
    assert order.buyer is None and order.buyer_email == "erased@invalid"
    assert place.attendee_name == "Erased account" and place.requirements == ""
    assert order.total_pence > 0  # the money owed or paid is still on record


def test_delete_view_erases_through_the_same_path(client, site):
    me = UserFactory()
    order = book(me, CohortFactory())
    client.force_login(me)
    response = client.post("/account/delete/", {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).buyer_name == "Erased account"


def test_a_manager_sees_which_organisations_they_manage_and_erasure_ends_it(client, site):
    me = UserFactory()
    riverside = OrganisationFactory(name="Riverside NHS Trust", managers=[me])
    client.force_login(me)
    data = json.loads(client.get("/account/data.json").content)
    assert data["managed_organisations"] == ["Riverside NHS Trust"]
    erase_account(user=me)
    assert not riverside.managers.exists()
