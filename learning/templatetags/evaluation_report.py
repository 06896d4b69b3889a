"""Numbers in the impact report, written as a reader expects them."""

from django import template

register = template.Library()


@register.filter
def p_value(value):
    """0.00012 -> "< 0.001"; 0.0312 -> "0.031"; None -> "–"."""
    if value is None:
        return "–"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


@register.filter
def stat(value, places=1):
    """A mean, SD or effect size to `places` decimals, with a true minus sign; None -> "–"."""
    if value is None:
        return "–"
    return f"{value:.{int(places)}f}".replace("-", "−")


@register.filter
def signed(value, places=1):
    """A change, always signed: +1.2, −0.4."""
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + stat(value, places)
