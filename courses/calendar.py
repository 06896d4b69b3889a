"""iCalendar downloads: one event per live session, in Europe/London time."""

from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, vText

LONDON = ZoneInfo(settings.TIME_ZONE)


def cohort_ics(cohort, request):
    cal = Calendar()
    cal.add("prodid", "-//Mental Health Skills Courses//Cohort calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{cohort.course.title}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    course_url = cohort.course.get_full_url(request) or settings.SITE_URL
    for session in cohort.sessions.all():
        event = Event()
        event.add("uid", f"cohort-{cohort.pk}-session-{session.pk}@mhskills")
        event.add("summary", f"{cohort.course.title}: {session.title or 'live session'}")
        event.add("dtstart", session.starts_at.astimezone(LONDON))
        event.add("dtend", session.ends_at.astimezone(LONDON))
        event.add("dtstamp", cohort.updated_at)
        event["location"] = vText("Online" if session.is_online else location(cohort))
        event.add("url", course_url)
        event.add("description", f"Details and materials: {course_url}")
        if cohort.status == "cancelled":
            event.add("status", "CANCELLED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def location(cohort):
    parts = [cohort.venue_name, cohort.venue_address.replace("\n", ", ")]
    return ", ".join(p for p in parts if p)
