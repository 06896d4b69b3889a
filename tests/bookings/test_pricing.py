import datetime

import pytest

from bookings.pricing import order_totals, place_price
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
