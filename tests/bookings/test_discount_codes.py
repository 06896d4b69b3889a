"""Discount codes: stored in capitals, checked against the booking, with a reason when not."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bookings import exceptions
from bookings.models import DiscountCode, DiscountKind, normalise_code
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CoursePageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)


@pytest.fixture
def course(site):
    return CoursePageFactory(
        title="Mental health skills: 5-day course",
        prices=[("Partner organisations", 35000), ("NHS and public sector", 55000)],
    )


def tier(course, name):
    return course.price_tiers.get(name=name)


def test_factory_builds_a_valid_code():
    code = DiscountCodeFactory()
    code.full_clean()
    assert (code.kind, code.value, code.times_used, code.active) == ("percent", 10, 0, True)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("partner10", "PARTNER10"), (" Partner 10 ", "PARTNER10"), ("nhs-50", "NHS-50"), ("", "")],
)
def test_codes_are_normalised_to_capitals_without_spaces(typed, stored):
    assert normalise_code(typed) == stored


def test_codes_are_unique_whatever_the_case():
    DiscountCodeFactory(code="partner10")
    assert DiscountCode.objects.get().code == "PARTNER10"
    with pytest.raises(IntegrityError), transaction.atomic():
        DiscountCodeFactory(code="Partner10")


def test_the_database_refuses_a_lower_case_code():
    """Even an UPDATE that skips save() cannot store a code that would dodge `unique`."""
    code = DiscountCodeFactory(code="ABC")
    with pytest.raises(IntegrityError), transaction.atomic():
        DiscountCode.objects.filter(pk=code.pk).update(code="abc")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "percent", "value": 0}, "value", "from 1 to 100"),
        ({"kind": "percent", "value": 101}, "value", "from 1 to 100"),
        ({"kind": "amount", "value": 0}, "value", "amount in pence"),
        (
            {"valid_from": TODAY, "valid_to": TODAY - datetime.timedelta(days=1)},
            "valid_to",
            "on or after the first day",
        ),
        ({"usage_limit": 2, "times_used": 3}, "usage_limit", "already been used 3 times"),
    ],
)
def test_staff_mistakes_are_explained(fields, field, message):
    code = DiscountCode(code="X1", kind="percent", value=10)
    for name, value in fields.items():
        setattr(code, name, value)
    with pytest.raises(ValidationError) as caught:
        code.full_clean()
    assert message in " ".join(caught.value.message_dict[field])


def check(code, course, *tier_names, today=TODAY):
    ids = {tier(course, name).pk for name in tier_names}
    return code.check_usable(course=course, tier_ids=ids, today=today)


def test_a_code_for_every_course_and_price_covers_every_place(course):
    code = DiscountCodeFactory()
    covered = check(code, course, "Partner organisations", "NHS and public sector")
    assert covered == {t.pk for t in course.price_tiers.all()}


def test_a_tier_limited_code_covers_only_its_tiers(course):
    partner = tier(course, "Partner organisations")
    code = DiscountCodeFactory(price_tiers=[partner])
    assert check(code, course, "Partner organisations", "NHS and public sector") == {partner.pk}


def test_first_and_last_days_are_included(course):
    code = DiscountCodeFactory(valid_from=TODAY, valid_to=TODAY)
    assert check(code, course, "Partner organisations")


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"active": False}, exceptions.CodeWithdrawn, "This code is no longer valid."),
        (
            {"valid_from": datetime.date(2027, 4, 1)},
            exceptions.CodeNotStarted,
            "This code can be used from 1 April 2027.",
        ),
        (
            {"valid_to": datetime.date(2027, 3, 9)},
            exceptions.CodeExpired,
            "This code expired on 9 March 2027.",
        ),
        (
            {"usage_limit": 5, "times_used": 5},
            exceptions.CodeUsedUp,
            "This code has already been used as many times as it allows.",
        ),
    ],
)
def test_refusals_say_why(course, fields, error, message):
    code = DiscountCodeFactory(**fields)
    with pytest.raises(error) as caught:
        check(code, course, "Partner organisations")
    assert caught.value.message == message
    assert isinstance(caught.value, exceptions.CodeNotValid)


def test_a_code_for_another_course_names_this_one(course):
    code = DiscountCodeFactory(courses=[CoursePageFactory()])
    with pytest.raises(exceptions.CodeNotForCourse) as caught:
        check(code, course, "Partner organisations")
    assert caught.value.message == (
        "This code is not valid for Mental health skills: 5-day course."
    )


def test_a_code_for_other_prices_names_the_prices_it_is_for(course):
    code = DiscountCodeFactory(price_tiers=[tier(course, "Partner organisations")])
    with pytest.raises(exceptions.CodeNotForPrices) as caught:
        check(code, course, "NHS and public sector")
    assert caught.value.message == (
        "This code is only valid for the ‘Partner organisations’ price. Choose that price, "
        "or remove the code."
    )


def test_a_code_for_another_courses_prices_says_so(course):
    other = CoursePageFactory()
    code = DiscountCodeFactory(price_tiers=[other.price_tiers.first()])
    with pytest.raises(exceptions.CodeNotForPrices, match="not valid for the prices of this"):
        check(code, course, "Partner organisations")


@pytest.mark.parametrize(
    ("fields", "discount", "valid", "used"),
    [
        ({"kind": DiscountKind.PERCENT, "value": 10}, "10% off", "Always", "0 / ∞"),
        (
            {"kind": DiscountKind.AMOUNT, "value": 5000, "valid_to": TODAY, "usage_limit": 20},
            "£50 off",
            "Until 10 Mar 2027",
            "0 / 20",
        ),
        (
            {"kind": DiscountKind.AMOUNT, "value": 2550, "valid_from": TODAY, "times_used": 3},
            "£25.50 off",
            "From 10 Mar 2027",
            "3 / ∞",
        ),
    ],
)
def test_admin_listing_labels(fields, discount, valid, used):
    code = DiscountCode(code="X", **fields)
    assert (code.discount_label(), code.validity_label(), code.usage_label()) == (
        discount,
        valid,
        used,
    )
