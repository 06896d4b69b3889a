"""schema.org JSON-LD for course pages: a Course with its CourseInstances and offers."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

AVAILABILITY = {True: "https://schema.org/InStock", False: "https://schema.org/SoldOut"}
MODE = {"in_person": "onsite", "online": "online", "blended": "blended"}


def course_json_ld(course, cohorts, *, url, lowest_price_pence, provider_name):
    lowest = lowest_price_pence
    instances = []
    for cohort in cohorts:
        instance = {
            "@type": "CourseInstance",
            "courseMode": MODE[cohort.delivery],
            "startDate": cohort.start_date.isoformat(),
            "endDate": cohort.end_date.isoformat(),
            "eventStatus": (
                "https://schema.org/EventCancelled"
                if cohort.availability.reason == "cancelled"
                else "https://schema.org/EventScheduled"
            ),
        }
        if cohort.delivery != "online" and cohort.venue_name:
            instance["location"] = {
                "@type": "Place",
                "name": cohort.venue_name,
                "address": cohort.venue_address.replace("\n", ", "),
            }
        if lowest is not None:
            instance["offers"] = {
                "@type": "Offer",
                "price": f"{lowest / 100:.2f}",
                "priceCurrency": "GBP",
                "availability": AVAILABILITY[cohort.availability.bookable],
                "url": url,
            }
        instances.append(instance)
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "url": url,
        "provider": {"@type": "Organization", "name": provider_name},
        "educationalCredentialAwarded": f"CPD certificate ({course.cpd_hours} hours)",
        "hasCourseInstance": instances,
    }
    if lowest is not None:
        data["offers"] = {
            "@type": "Offer",
            "category": "Paid",
            "price": f"{lowest / 100:.2f}",
            "priceCurrency": "GBP",
        }
    return data


def json_ld_script(data):
    """A <script type="application/ld+json"> block; data, not code, so CSP does not run it."""
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
