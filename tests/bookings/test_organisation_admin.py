"""Organisations in the Wagtail admin: admins and Finance keep them; trainers cannot."""

import pytest
from django.contrib.auth.models import Group, Permission

from bookings.models import Organisation
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/admin/bookings/organisations/"


def staff_in(group_name, *codenames):
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", *codenames]),
    )
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(group)
    TOTPAuthenticatorFactory(user=user)
    return user


@pytest.fixture
def admin_client(client):
    user = StaffUserFactory()
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return client


def form_data(**changes):
    data = {
        "name": "Meadowbank Surgery",
        "kind": "gp_practice",
        "ods_code": "z99901",
        "email_domains": "meadowbank.nhs.uk",
        "manager_emails": "",
        "billing_contact_name": "Joan Baker",
        "billing_email": "practice@meadowbank.nhs.uk",
        "address_line_1": "12 Meadow Lane",
        "address_line_2": "",
        "town": "Riverton",
        "postcode": "rv3 2mb",
        "po_format_hint": "",
    }
    return {**data, **changes}


def test_admin_creates_an_organisation_with_its_managers(admin_client):
    manager = UserFactory(email="joan.baker@meadowbank.nhs.uk")
    response = admin_client.post(
        URL + "new/", form_data(manager_emails="Joan.Baker@meadowbank.nhs.uk")
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.ods_code, organisation.postcode) == ("Z99901", "RV3 2MB")
    assert list(organisation.managers.all()) == [manager]
    html = admin_client.get(f"{URL}edit/{organisation.pk}/").content.decode()
    assert "joan.baker@meadowbank.nhs.uk" in html


def test_a_manager_without_an_account_is_explained(admin_client):
    response = admin_client.post(URL + "new/", form_data(manager_emails="nobody@meadowbank.nhs.uk"))
    assert response.status_code == 200
    assert "No account uses nobody@meadowbank.nhs.uk" in response.content.decode()
    assert not Organisation.objects.exists()


def test_listing_and_search(admin_client):
    OrganisationFactory(name="Northshire County Council", kind="local_authority")
    OrganisationFactory(name="Meadowbank Surgery", kind="gp_practice")
    html = admin_client.get(URL, {"q": "Northshire"}).content.decode()
    assert "Northshire County Council" in html and "Meadowbank Surgery" not in html


def test_organisations_are_kept_not_deleted(admin_client):
    organisation = OrganisationFactory()
    assert admin_client.post(f"{URL}delete/{organisation.pk}/").status_code in (302, 403)
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_finance_keeps_organisations(client):
    client.force_login(
        staff_in("Finance", "view_organisation", "add_organisation", "change_organisation")
    )
    organisation = OrganisationFactory()
    assert client.get(URL).status_code == 200
    response = client.post(f"{URL}edit/{organisation.pk}/", form_data(name="Renamed Surgery"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Renamed Surgery"


def test_trainers_cannot_see_organisations(client):
    client.force_login(staff_in("Trainers", "view_cohort"))
    organisation = OrganisationFactory()
    assert client.get("/admin/courses/cohorts/").status_code == 200  # signed in to the admin
    assert client.get(URL).status_code in (302, 403)
    assert client.get(f"{URL}edit/{organisation.pk}/").status_code in (302, 403)
    assert "Organisations" not in client.get("/admin/").content.decode()
