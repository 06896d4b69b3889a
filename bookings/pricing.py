"""What an order costs: the price of each place, discounts, VAT and the total, in pence."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from bookings.invoicing.money import vat_on
from bookings.models import DiscountKind


@dataclass(frozen=True)
class Totals:
    subtotal_pence: int
    discount_pence: int
    vat_pence: int
    total_pence: int


def place_price(tier, cohort, today=None):
    """The tier's price, or its early-bird price up to the cohort's early-bird deadline."""
    today = today or timezone.localdate()
    if tier.early_bird_price_pence is not None and cohort.early_bird_open(today):
        return tier.early_bird_price_pence
    return tier.price_pence


def code_discount(kind, value, eligible_prices):
    """What a code takes off the places it covers (the others pay full price): a percentage
    rounded half-up to the penny, or a fixed amount once per order, never more than they cost."""
    eligible = sum(eligible_prices)
    if kind == DiscountKind.PERCENT:
        return min(_half_up(Decimal(eligible) * value / 100), eligible)
    return min(value, eligible)


def order_totals(prices, *, vat_rate_percent, discount_pence=0):
    subtotal = sum(prices)
    discount = min(discount_pence, subtotal)
    net = subtotal - discount
    vat = vat_on(net, vat_rate_percent)
    return Totals(subtotal, discount, vat, net + vat)


def _half_up(amount):
    return int(amount.quantize(0, ROUND_HALF_UP))
