"""Orders in the Wagtail admin: staff find them and read their timeline; nobody edits them."""

import pytest

from bookings.services import holds
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(site):
    cohort = CohortFactory()
    tier = cohort.course.price_tiers.first()
    a = holds.Attendee(name="Grace Mensah", email="grace@example.nhs.uk", price_tier_id=tier.pk)
    return holds.hold_places(
        cohort_id=cohort.pk, buyer=UserFactory(), attendees=[a], payment_method="card"
    )


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return client


def test_listing_search_and_timeline(staff, order):
    html = staff.get("/admin/bookings/orders/", {"q": "Grace"}).content.decode()
    assert order.reference in html
    html = staff.get(f"/admin/bookings/orders/inspect/{order.pk}/").content.decode()
    assert "Grace Mensah" in html and "held until" in html


def test_orders_cannot_be_edited_or_deleted_by_hand(staff, order):
    assert staff.get(f"/admin/bookings/orders/edit/{order.pk}/").status_code in (302, 403)
    assert staff.post(f"/admin/bookings/orders/delete/{order.pk}/").status_code in (302, 403)
    assert staff.get("/admin/bookings/orders/new/").status_code in (302, 403)
    order.refresh_from_db()


def test_learners_cannot_reach_the_admin(client, order):
    client.force_login(UserFactory())
    assert client.get("/admin/bookings/orders/").status_code == 302
