"""Filling a template in for one learner; finding placeholders nobody can fill."""

import string

from django.conf import settings
from django.urls import reverse

from courses.templatetags.courses_tags import date_range

NAMES = ("first_name", "course", "dates", "venue", "joining_details", "my_learning_url")


def unknown_placeholders(text):
    """Placeholder names in `text` that are not in NAMES (and malformed braces as one)."""
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return ["a lone { or }"]
    return sorted(f"{{{name}}}" for name in fields if name not in NAMES)


def values_for(place):
    cohort = place.cohort
    first = place.attendee.first_name if place.attendee_id else ""
    return {
        "first_name": first or place.attendee_name.split(" ")[0],
        "course": cohort.course.title,
        "dates": date_range(cohort),
        "venue": "online" if cohort.is_online else cohort.venue_name,
        "joining_details": cohort.joining_details or "sent before the first session",
        "my_learning_url": settings.SITE_URL + reverse("learning:dashboard"),
    }


def fill(text, place):
    return text.format_map(values_for(place))
