"""Discount codes in the Wagtail admin: admins and finance staff list, add and edit them;
trainers and learners never see them."""

import pytest

from bookings.models import DiscountCode
from bookings.services import holds
from cms import demo as cms_demo
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CohortFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

URL = "/admin/bookings/discount-codes/"


def signed_in(client, user):
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return client


def staff_in(group_name):
    """Staff in a group with the permissions each app grants it (cms.groups)."""
    user = UserFactory(is_staff=True)
    user.groups.add(cms_demo.staff_group(group_name))
    return user


@pytest.fixture
def admin(client):
    return signed_in(client, StaffUserFactory())


def test_listing_shows_discount_validity_and_usage(admin):
    DiscountCodeFactory(code="RIVERSIDE50", kind="amount", value=5000, usage_limit=20)
    DiscountCodeFactory(code="LAUNCH20", value=20, usage_limit=10, times_used=10)
    html = admin.get(URL).content.decode()
    for text in ["Code", "Discount", "Valid", "Used / limit", "RIVERSIDE50", "£50 off", "0 / 20"]:
        assert text in html
    assert "10 / 10" in html and "20% off" in html


def test_admin_adds_a_code_typed_in_lower_case(admin, site):
    course = CoursePageFactory()
    partner = course.price_tiers.get(name="Partner")
    response = admin.post(
        URL + "new/",
        {
            "code": "partner10",
            "active": "on",
            "description": "Partner staff",
            "kind": "percent",
            "value": "10",
            "valid_from": "2027-01-01",
            "valid_to": "",
            "usage_limit": "",
            "courses": [course.pk],
            "price_tiers": [partner.pk],
        },
    )
    assert response.status_code == 302
    code = DiscountCode.objects.get()
    assert code.code == "PARTNER10" and list(code.price_tiers.all()) == [partner]


def test_a_price_of_a_course_the_code_excludes_is_refused(admin, site):
    course, other = CoursePageFactory(), CoursePageFactory()
    response = admin.post(
        URL + "new/",
        {
            "code": "MIXED",
            "kind": "percent",
            "value": "10",
            "courses": [course.pk],
            "price_tiers": [other.price_tiers.first().pk],
        },
    )
    assert response.status_code == 200
    assert "Choose prices of the courses ticked above." in response.content.decode()
    assert not DiscountCode.objects.exists()


def test_a_used_code_cannot_be_deleted_only_withdrawn(admin, site):
    code = DiscountCodeFactory(code="USED")
    cohort = CohortFactory()
    tier = cohort.course.price_tiers.first()
    holds.hold_places(
        cohort_id=cohort.pk,
        buyer=UserFactory(),
        attendees=[holds.Attendee(name="A", email="a@example.com", price_tier_id=tier.pk)],
        payment_method="card",
        discount_code="USED",
    )
    html = admin.get(f"{URL}delete/{code.pk}/").content.decode()
    assert "prevent it from being deleted" in html
    admin.post(f"{URL}delete/{code.pk}/")
    assert DiscountCode.objects.filter(pk=code.pk).exists()


def test_finance_staff_manage_codes(client):
    finance = signed_in(client, staff_in("Finance"))
    assert "Discount codes" in finance.get("/admin/").content.decode()
    assert finance.get(URL).status_code == 200
    assert finance.get(URL + "new/").status_code == 200


def test_trainers_do_not_see_codes(client):
    trainer = signed_in(client, staff_in("Trainers"))
    DiscountCodeFactory(code="SECRET")
    dashboard = trainer.get("/admin/")
    assert dashboard.status_code == 200  # in the admin, but without the menu item
    assert "Discount codes" not in dashboard.content.decode()
    for url in [URL, URL + "new/"]:
        response = trainer.get(url)
        assert response.status_code in (302, 403)
        assert "SECRET" not in response.content.decode()


def test_learners_cannot_reach_codes(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
