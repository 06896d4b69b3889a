import datetime

import pytest

from bookings.models import DiscountKind
from bookings.pricing import Totals, code_discount, order_totals, place_price
from courses.models import Cohort, PriceTier

TODAY = datetime.date(2027, 2, 1)


def tier(early=None):
    return PriceTier(
        name="NHS", who_qualifies="NHS staff", price_pence=55000, early_bird_price_pence=early
    )


@pytest.mark.parametrize(
    ("deadline", "early", "expected"),
    [
        (TODAY, 49500, 49500),  # on the deadline day, still early
        (TODAY - datetime.timedelta(days=1), 49500, 55000),
        (None, 49500, 55000),
        (TODAY, None, 55000),
    ],
)
def test_early_bird_price(deadline, early, expected):
    cohort = Cohort(early_bird_deadline=deadline)
    assert place_price(tier(early), cohort, TODAY) == expected


def test_totals_with_vat_and_discount():
    totals = order_totals([55000, 35000], vat_rate_percent=20, discount_pence=10000)
    assert totals.subtotal_pence == 90000
    assert totals.discount_pence == 10000
    assert totals.vat_pence == 16000
    assert totals.total_pence == 96000


def test_vat_rounds_half_up_and_discount_never_makes_it_negative():
    assert order_totals([1], vat_rate_percent=50).vat_pence == 1
    assert order_totals([500], vat_rate_percent=0, discount_pence=900).total_pence == 0


def test_percentage_off_only_the_places_a_code_covers():
    """Two places at £550 and £350; the code covers only the £350 partner place."""
    discount = code_discount(DiscountKind.PERCENT, 10, [35000])
    assert discount == 3500
    assert order_totals([55000, 35000], vat_rate_percent=0, discount_pence=discount) == Totals(
        90000, 3500, 0, 86500
    )


@pytest.mark.parametrize(
    ("percent", "eligible", "expected"),
    [
        (10, [12345], 1235),  # 1234.5p rounds up
        (10, [12344], 1234),  # 1234.4p rounds down
        (33, [350], 116),  # 115.5p rounds up
        (15, [4999, 1], 750),  # on the sum, not place by place
        (100, [35000, 55000], 90000),
    ],
)
def test_percentage_rounds_half_up_to_the_penny(percent, eligible, expected):
    assert code_discount(DiscountKind.PERCENT, percent, eligible) == expected


def test_fixed_amount_is_once_per_order_and_never_more_than_the_places_cost():
    assert code_discount(DiscountKind.AMOUNT, 5000, [35000, 35000]) == 5000
    assert code_discount(DiscountKind.AMOUNT, 5000, [3000]) == 3000
    assert code_discount(DiscountKind.AMOUNT, 5000, []) == 0


def test_a_full_discount_leaves_nothing_to_pay_even_with_vat():
    discount = code_discount(DiscountKind.PERCENT, 100, [35000])
    assert order_totals([35000], vat_rate_percent=20, discount_pence=discount).total_pence == 0


def test_vat_is_charged_on_the_discounted_price():
    discount = code_discount(DiscountKind.AMOUNT, 5000, [55000])
    assert order_totals([55000], vat_rate_percent=20, discount_pence=discount) == Totals(
        55000, 5000, 10000, 60000
    )
