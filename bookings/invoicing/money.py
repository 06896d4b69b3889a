"""Splitting pence fairly: what a discount, a VAT amount or a credit puts on each line."""

from decimal import ROUND_HALF_UP, Decimal


def allocate(total, weights):
    """Split `total` in proportion to `weights`, the odd pennies to the largest remainders,
    so that the parts add up to the total exactly."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: -(total * weights[i] % whole))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def vat_on(net_pence, percent):
    return int((Decimal(net_pence) * Decimal(percent) / 100).quantize(0, ROUND_HALF_UP))


def split_gross(gross_pence, percent):
    """A VAT-inclusive amount as (net, vat) at `percent`."""
    net = int((Decimal(gross_pence) * 100 / (100 + Decimal(percent))).quantize(0, ROUND_HALF_UP))
    return net, gross_pence - net
