"""Booking emails, in plain text and HTML: what was booked, and how to join."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from bookings.confirmation_extras import extras_for
from bookings.models import Place, ReminderKind
from courses.calendar import cohort_ics, location

REMINDER_SUBJECTS = {
    ReminderKind.WEEK: "Your course starts next week",
    ReminderKind.DAY: "Your course starts tomorrow",
}


def _send(*, to, subject, template, context, attachments=()):
    text = render_to_string(f"bookings/email/{template}.txt", context)
    html = render_to_string(f"bookings/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def _booking_context(order):
    cohort = order.cohort
    return {
        "order": order,
        "cohort": cohort,
        "course": cohort.course,
        "sessions": list(cohort.sessions.all()),
        "order_url": settings.SITE_URL + reverse("bookings:order", args=[order.reference]),
        "site_url": settings.SITE_URL,
    }


def _dates(cohort):
    return ("course-dates.ics", cohort_ics(cohort, None), "text/calendar")


def send_confirmation(order):
    """The buyer gets the order; each attendee gets their own joining instructions."""
    cohort = order.cohort
    places = list(order.places.filter(status="confirmed"))
    context = {**_booking_context(order), "places": places}
    own = [
        extra for p in places if p.attendee_email == order.buyer_email for extra in extras_for(p)
    ]
    _send(
        to=order.buyer_email,
        subject=f"Booking confirmed: {cohort.course.title} ({order.reference})",
        template="order_confirmed",
        context={**context, "extras": own},
        attachments=[_dates(cohort)],
    )
    for place in places:
        if place.attendee_email == order.buyer_email:
            continue  # the buyer's own place is in their confirmation
        _send_joining_instructions(place, context)


def _send_joining_instructions(place, context):
    _send(
        to=place.attendee_email,
        subject=f"Your place on {context['course'].title}",
        template="joining_instructions",
        context={**context, "place": place, "extras": extras_for(place)},
        attachments=[_dates(context["cohort"])],
    )


def send_joining_instructions(order, place, *, passed_on_by=None):
    """One attendee's own joining instructions, such as when a place is passed on to them."""
    context = {**_booking_context(order), "passed_on_by": passed_on_by}
    _send_joining_instructions(place, context)


def send_place_passed_on(order, *, old_name, old_email, event):
    """The previous attendee hears who to ask if they did not expect it."""
    context = {
        **_booking_context(order),
        "old_name": old_name,
        "passed_on_by": event.actor,
        "organisation": order.organisation,
    }
    _send(
        to=old_email,
        subject=f"Your place on {order.cohort.course.title} has been passed on",
        template="place_passed_on",
        context=context,
    )


def send_refund(order, *, amount_pence, reason):
    context = {
        "order": order,
        "course": order.cohort.course,
        "cohort": order.cohort,
        "amount_pence": amount_pence,
        "reason": reason,
        "order_url": settings.SITE_URL + reverse("bookings:order", args=[order.reference]),
    }
    _send(
        to=order.buyer_email,
        subject=f"Refund on your booking {order.reference}",
        template="refund",
        context=context,
    )


def send_cancellation(order, places, refund_pence):
    context = {
        "order": order,
        "course": order.cohort.course,
        "cohort": order.cohort,
        "places": places,
        "refund_pence": refund_pence,
        "order_url": settings.SITE_URL + reverse("bookings:order", args=[order.reference]),
    }
    subject = f"Cancelled: {order.cohort.course.title} ({order.reference})"
    _send(to=order.buyer_email, subject=subject, template="cancelled", context=context)
    for place in places:
        if place.attendee_email != order.buyer_email:
            _send(
                to=place.attendee_email,
                subject=subject,
                template="cancelled",
                context={**context, "places": [place], "refund_pence": None},
            )


def send_po_request(order, *, reminder=False):
    """The booker is asked for the purchase order number the invoice waits for."""
    context = {
        **_booking_context(order),
        "places": list(order.places.filter(status="confirmed")),
        "reminder": reminder,
        "po_url": settings.SITE_URL + reverse("bookings:add_po", args=[order.reference]),
    }
    subject = f"Purchase order number needed: booking {order.reference}"
    _send(to=order.buyer_email, subject=subject, template="po_request", context=context)


def send_waiting_list_offer(entry, token):
    """Places came up for someone on the waiting list: what is held, until when, the link."""
    cohort = entry.offered_cohort
    context = {
        "entry": entry,
        "cohort": cohort,
        "course": cohort.course,
        "other_date": cohort.pk != entry.cohort_id,
        "offer_url": settings.SITE_URL + reverse("bookings:offer", args=[token]),
        "bookings_url": settings.SITE_URL + reverse("bookings:my_bookings"),
        "site_url": settings.SITE_URL,
    }
    _send(
        to=entry.email,
        subject=f"Places held for you: {cohort.course.title}, {cohort.start_date:%-d %B %Y}",
        template="waiting_list_offer",
        context=context,
    )


def send_reminder(*, place_id, kind):
    """7 days or 1 day before the first session: when, where, what to prepare, and the booking."""
    place = Place.objects.select_related("order", "cohort__course").get(pk=place_id)
    cohort, order = place.cohort, place.order
    sessions = list(cohort.sessions.all())
    context = {
        "place": place,
        "cohort": cohort,
        "course": cohort.course,
        "sessions": sessions,
        "first_session": sessions[0] if sessions else None,
        "online_sessions": any(s.is_online for s in sessions) or cohort.is_online,
        "venue": location(cohort),
        "headline": REMINDER_SUBJECTS[kind],
        "course_url": cohort.course.get_full_url() or settings.SITE_URL,
        "booking_url": settings.SITE_URL + booking_path(place, order),
    }
    _send(
        to=place.attendee_email,
        subject=f"{REMINDER_SUBJECTS[kind]}: {cohort.course.title}",
        template="reminder",
        context=context,
        attachments=[("course-dates.ics", cohort_ics(cohort, None), "text/calendar")],
    )


def booking_path(place, order):
    # Only the buyer may open the order page; a colleague finds the place in their bookings.
    if place.attendee_email.lower() == order.buyer_email.lower():
        return reverse("bookings:order", args=[order.reference])
    return reverse("bookings:my_bookings")
