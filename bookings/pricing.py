"""What an order costs: the price of each place, discounts, VAT and the total, in pence."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


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


def order_totals(prices, *, vat_rate_percent, discount_pence=0):
    subtotal = sum(prices)
    discount = min(discount_pence, subtotal)
    net = subtotal - discount
    vat = int((Decimal(net) * Decimal(vat_rate_percent) / 100).quantize(0, ROUND_HALF_UP))
    return Totals(subtotal, discount, vat, net + vat)
