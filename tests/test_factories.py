"""Every factory builds a valid, saved object."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.utils import is_mfa_enabled
from wagtail.models import Site

from cms.models import ContentPage, HomePage, SiteSettings
from tests.factories import (
    DEFAULT_PASSWORD,
    ContentPageFactory,
    EmailAddressFactory,
    HomePageFactory,
    SiteSettingsFactory,
    StaffUserFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_user_factory_makes_a_verified_learner():
    user = UserFactory()
    user.full_clean()
    assert user.check_password(DEFAULT_PASSWORD)
    assert not user.is_staff
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)


def test_user_factory_can_make_an_unverified_learner():
    user = UserFactory(email_address__verified=False)
    assert EmailAddress.objects.get(user=user).verified is False


def test_email_address_factory_builds_its_own_user():
    address = EmailAddressFactory()
    assert address.user.email == address.email
    assert EmailAddress.objects.filter(user=address.user).count() == 1


def test_staff_user_factory_has_no_mfa_yet():
    staff = StaffUserFactory()
    assert staff.is_staff
    assert not is_mfa_enabled(staff)


def test_totp_authenticator_factory_enables_mfa():
    authenticator = TOTPAuthenticatorFactory()
    assert is_mfa_enabled(authenticator.user)
    assert len(authenticator.secret) == 32


def test_home_page_factory_becomes_the_site_root():
    home = HomePageFactory.as_site_root()
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    assert home.depth == 2
    assert HomePage.objects.count() == 1
    assert HomePageFactory.as_site_root() == home  # at most one home page


def test_content_page_factory_nests_under_home_and_pages():
    parent = ContentPageFactory()
    child = ContentPageFactory(parent=parent)
    assert isinstance(parent.get_parent().specific, HomePage)
    assert child.get_parent().specific == parent
    assert child.body[0].block_type == "rich_text"
    assert ContentPage.objects.live().count() == 2


def test_site_settings_factory():
    home = HomePageFactory.as_site_root()
    values = SiteSettingsFactory()
    values.full_clean()
    assert SiteSettings.for_site(home.get_site()) == values


def test_learning_factories_build_a_module_and_a_place(site):
    from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
    from tests.factories.learning import ModulePageFactory, place_on, private_document

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    module = ModulePageFactory(parent=course)
    module.full_clean()
    place = place_on(CohortFactory(course=course), UserFactory())
    assert (place.status, place.order.cohort_id) == ("confirmed", place.cohort_id)
    assert private_document().collection.name == "Learning resources"
