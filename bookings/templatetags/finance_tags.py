"""Money for finance pages, where a balance can fall below zero (an overpayment)."""

from django import template

register = template.Library()


@register.filter
def gbp(pence):
    """12350 -> '£123.50'; -500 -> '-£5.00'; always two decimals, as finance reads them."""
    if pence is None or pence == "":
        return ""
    pence = int(pence)
    sign = "-" if pence < 0 else ""
    pounds, rem = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rem:02d}"
