"""Discount codes in the booking form, through the test client: a good code shows on the
summary; a code that cannot be used says why, next to the field, and nothing is held."""

import datetime

import pytest
from django.utils import timezone

from bookings.models import Order, Place
from tests.bookings.test_booking_form import form_data
from tests.factories import UserFactory
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def cohort(site):
    """Partner £350 and NHS and public sector £550; the form picks the Partner price."""
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=site), title="Mental health skills: 5-day course"
    )
    return CohortFactory(course=course, capacity=3)


def book(client, cohort, code):
    client.force_login(UserFactory())
    data = form_data(cohort, [("Amara Okafor", "amara@example.com")])
    data["discount_code"] = code
    return client.post(f"/book/cohorts/{cohort.pk}/", data)


def test_the_form_offers_an_optional_code(client, cohort):
    client.force_login(UserFactory())
    html = client.get(f"/book/cohorts/{cohort.pk}/").content.decode()
    assert "Discount code (optional)" in html and 'name="discount_code"' in html


def test_a_good_code_in_any_case_shows_on_the_summary(client, cohort):
    DiscountCodeFactory(code="PARTNER10", price_tiers=[tier(cohort, "Partner")])
    response = book(client, cohort, " partner10")
    order = Order.objects.get()
    assert response["Location"] == f"/book/orders/{order.reference}/"
    html = client.get(response["Location"]).content.decode()
    assert "Discount (code PARTNER10)" in html and "−£35" in html
    assert "Pay £315 by card" in html


def tier(cohort, name):
    return cohort.course.price_tiers.get(name=name)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda cohort: None, "We do not recognise that code. Check it and try again."),
        (
            lambda cohort: DiscountCodeFactory(
                code="SOON", valid_from=datetime.date(TODAY.year + 1, 1, 4)
            ),
            f"This code can be used from 4 January {TODAY.year + 1}.",
        ),
        (
            lambda cohort: DiscountCodeFactory(
                code="OLD", valid_to=datetime.date(TODAY.year - 1, 12, 31)
            ),
            f"This code expired on 31 December {TODAY.year - 1}.",
        ),
        (
            lambda cohort: DiscountCodeFactory(code="GONE", usage_limit=3, times_used=3),
            "This code has already been used as many times as it allows.",
        ),
        (
            lambda cohort: DiscountCodeFactory(code="ELSEWHERE", courses=[CoursePageFactory()]),
            "This code is not valid for Mental health skills: 5-day course.",
        ),
        (
            lambda cohort: DiscountCodeFactory(
                code="NHS", price_tiers=[tier(cohort, "NHS and public sector")]
            ),
            "This code is only valid for the ‘NHS and public sector’ price.",
        ),
    ],
    ids=["unknown", "not-started", "expired", "used-up", "other-course", "other-price"],
)
def test_a_code_that_cannot_be_used_says_why_and_holds_nothing(client, cohort, make, message):
    code = make(cohort)
    response = book(client, cohort, code.code if code else "NOSUCHCODE")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert 'href="#id_discount_code"' in html  # the summary links to the field
    assert 'id="id_discount_code-error"' in html
    assert not Place.objects.exists()
    if code:
        before = code.times_used
        code.refresh_from_db()
        assert code.times_used == before


def test_a_full_discount_is_confirmed_with_nothing_to_pay(client, cohort):
    DiscountCodeFactory(code="SPONSORED", value=100, usage_limit=1)
    response = book(client, cohort, "SPONSORED")
    html = client.get(response["Location"]).content.decode()
    assert "Booking confirmed" in html and "There is nothing to pay" in html
    assert "by card" not in html
    assert Order.objects.get().payment_method == "free"
