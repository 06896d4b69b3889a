"""Organisations: their ODS codes and email domains, who manages them, and the factory."""

import pytest
from django.core.exceptions import ValidationError

from bookings.models import Organisation
from tests.factories import StaffUserFactory, UserFactory
from tests.factories.bookings import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_factory_builds_a_valid_organisation():
    manager = UserFactory()
    organisation = OrganisationFactory(managers=[manager])
    organisation.full_clean()
    assert list(organisation.managers.all()) == [manager]


@pytest.mark.parametrize("code", ["rxx", " RXX ", "R1H12", "A81001"])
def test_ods_codes_are_upper_cased_and_accepted(code):
    organisation = OrganisationFactory.build(ods_code=code)
    organisation.full_clean()
    assert organisation.ods_code == code.strip().upper()


@pytest.mark.parametrize("code", ["RX", "R-X1", "A810012", "R X"])
def test_malformed_ods_codes_are_refused(code):
    with pytest.raises(ValidationError) as error:
        OrganisationFactory.build(ods_code=code).full_clean()
    assert "ODS code of 3 to 6 letters and numbers" in str(error.value)


def test_email_domains_are_tidied_and_checked():
    organisation = OrganisationFactory.build(email_domains="@Riverside.NHS.uk, riverside.org\n")
    organisation.full_clean()
    assert organisation.email_domains == "riverside.nhs.uk\nriverside.org"
    with pytest.raises(ValidationError, match="not riverside"):
        OrganisationFactory.build(email_domains="riverside").full_clean()


@pytest.mark.parametrize(
    ("email", "owned"),
    [
        ("Grace.Mensah@Riverside.nhs.uk", True),
        ("grace@mail.riverside.nhs.uk", True),  # a subdomain of ours
        ("grace@notriverside.nhs.uk", False),  # ends the same, but is someone else's
        ("grace@riverside.nhs.uk.evil.example", False),
        ("no-at-sign", False),
    ],
)
def test_owns_email(email, owned):
    assert OrganisationFactory.build(email_domains="riverside.nhs.uk").owns_email(email) is owned


def test_suggestion_by_email_only_when_one_organisation_owns_the_domain():
    riverside = OrganisationFactory(email_domains="riverside.nhs.uk\nnhs.net")
    OrganisationFactory(email_domains="hillside.nhs.uk\nnhs.net")
    assert Organisation.objects.for_email("amara@riverside.nhs.uk") == riverside
    assert Organisation.objects.for_email("amara@mail.riverside.nhs.uk") == riverside
    assert Organisation.objects.for_email("amara@nhs.net") is None  # shared: do not guess
    assert Organisation.objects.for_email("amara@example.com") is None


def test_managers_see_their_organisations_and_staff_see_all():
    manager = UserFactory()
    mine = OrganisationFactory(managers=[manager])
    other = OrganisationFactory()
    assert list(Organisation.objects.managed_by(manager)) == [mine]
    assert list(Organisation.objects.managed_by(UserFactory())) == []
    assert set(Organisation.objects.managed_by(StaffUserFactory())) == {mine, other}
