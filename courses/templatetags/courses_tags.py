from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def pounds(pence):
    """1234500 -> '£12,345'; 12350 -> '£123.50'."""
    if pence is None:
        return ""
    pounds, rem = divmod(int(pence), 100)
    return f"£{pounds:,}" if rem == 0 else f"£{pounds:,}.{rem:02d}"


@register.simple_tag
def booking_url(cohort):
    """The start of the booking flow for `cohort`, once the bookings app provides one."""
    try:
        return reverse("bookings:book", args=[cohort.pk])
    except NoReverseMatch:
        return ""


@register.simple_tag
def waiting_list_url(cohort):
    """Where to join a full cohort's waiting list, once the bookings app provides one."""
    try:
        return reverse("bookings:join_waiting_list", args=[cohort.pk])
    except NoReverseMatch:
        return ""


@register.filter
def date_range(cohort):
    start, end = cohort.start_date, cohort.end_date
    if start == end:
        return date_format(start, "l j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} to {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} to {date_format(end, 'j F Y')}"


@register.filter
def session_time(session):
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return (
        f"{date_format(start, 'l j F Y')}, {start:%-I:%M%p} to {end:%-I:%M%p}".replace(":00", "")
        .replace("AM", "am")
        .replace("PM", "pm")
    )
