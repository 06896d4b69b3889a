"""Booking for an organisation on the booking form: asked when booking for colleagues (or
when the booker opens the question), suggested from the booker's email, and plain errors."""

import pytest

from bookings.models import Order
from tests.bookings.test_booking_form import form_data
from tests.factories import UserFactory
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

TEAM = [("Amara Okafor", "amara@riverside.nhs.uk"), ("Ben Carter", "ben@riverside.nhs.uk")]


@pytest.fixture
def cohort(site):
    return CohortFactory(course=CoursePageFactory(parent=CourseIndexPageFactory(parent=site)))


@pytest.fixture
def riverside(db):
    return OrganisationFactory(name="Riverside NHS Trust", email_domains="riverside.nhs.uk")


def test_booking_for_colleagues_asks_and_suggests_the_employer(client, cohort, riverside):
    client.force_login(UserFactory(email="amara@riverside.nhs.uk"))
    html = client.get(f"/book/cohorts/{cohort.pk}/", {"places": 2}).content.decode()
    assert "<h2>Who is paying?</h2>" in html
    assert f'<option value="{riverside.pk}" selected>Riverside NHS Trust</option>' in html


def test_booking_for_myself_asks_only_if_opened_and_suggests_nothing(client, cohort, riverside):
    client.force_login(UserFactory(email="amara@riverside.nhs.uk"))
    html = client.get(f"/book/cohorts/{cohort.pk}/").content.decode()
    assert '<details class="nhsuk-details">' in html and "Is your employer paying?" in html
    assert f'<option value="{riverside.pk}">Riverside NHS Trust</option>' in html
    assert '<option value="" selected>None: I am booking for myself</option>' in html


def test_the_order_is_made_for_the_organisation_chosen(client, cohort, riverside):
    client.force_login(UserFactory())
    data = {**form_data(cohort, TEAM), "organisation": riverside.pk}
    assert client.post(f"/book/cohorts/{cohort.pk}/", data).status_code == 302
    order = Order.objects.get()
    assert order.organisation == riverside
    # The organisation's name replaces what each attendee typed.
    assert set(order.places.values_list("organisation_name", flat=True)) == {riverside.name}
    assert "for Riverside NHS Trust" in order.events.get(kind="held").message
    html = client.get(f"/book/orders/{order.reference}/").content.decode()
    assert "Booked for Riverside NHS Trust." in html


def test_none_means_nobody_else_sees_the_order(client, cohort, riverside):
    client.force_login(UserFactory())
    assert client.post(f"/book/cohorts/{cohort.pk}/", form_data(cohort, TEAM)).status_code == 302
    order = Order.objects.get()
    assert order.organisation is None
    assert order.places.first().organisation_name == "Riverside NHS Trust"  # as typed


def test_an_organisation_not_on_the_list_is_explained(client, cohort):
    client.force_login(UserFactory())
    data = {**form_data(cohort, TEAM), "organisation": "999999"}
    html = client.post(f"/book/cohorts/{cohort.pk}/", data).content.decode()
    assert "There is a problem" in html and 'href="#id_organisation"' in html
    assert "Choose an organisation from the list, or none." in html
    assert not Order.objects.exists()
