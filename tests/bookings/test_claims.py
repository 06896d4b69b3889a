"""A place booked for a colleague is theirs once they prove the address is theirs."""

import pytest
from django.urls import reverse

from bookings.models import Place
from tests.bookings.stripe import held_order
from tests.conftest import link_in
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def test_signing_up_with_the_booked_address_claims_the_place(client, site, mailoutbox):
    order = held_order(CohortFactory(), n=2)
    place = order.places.get(attendee_email="p1@example.com")
    assert place.attendee is None
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Person",
            "last_name": "One",
            "email": "P1@example.com",
            "password1": "tidal-Lantern-4821",
            "password2": "tidal-Lantern-4821",
        },
    )
    place.refresh_from_db()
    assert place.attendee is None  # not until the address is confirmed
    client.post(link_in(mailoutbox[-1], "/accounts/confirm-email/"))
    place.refresh_from_db()
    assert place.attendee.email == "p1@example.com"
    assert Place.objects.get(order=order, attendee_email="p0@example.com").attendee is None


def test_a_colleague_with_a_verified_account_has_the_place_at_once(site):
    colleague = UserFactory(email="p0@example.com")
    unverified = UserFactory(email="p1@example.com", email_address__verified=False)
    order = held_order(CohortFactory(), n=2)
    assert order.places.get(attendee_email="p0@example.com").attendee == colleague
    assert order.places.get(attendee_email="p1@example.com").attendee is None
    assert unverified.places.count() == 0


def test_my_bookings_shows_a_colleague_only_their_own_place(client, site):
    colleague = UserFactory(email="p0@example.com")
    order = held_order(CohortFactory(), n=2)
    client.force_login(colleague)
    page = client.get("/account/bookings/").content.decode()
    assert "Person 0" in page and "Person 1" not in page
    assert f"/book/orders/{order.reference}/" not in page  # the order is the buyer's
