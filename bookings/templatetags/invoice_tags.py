"""Money as finance teams read it on invoices: always with pence (£350.00, not £350)."""

from django import template

register = template.Library()


@register.filter
def money(pence):
    """35000 -> '£350.00'; -1250 -> '-£12.50'."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    pounds, rem = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}.{rem:02d}"
