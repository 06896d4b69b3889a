"""Booking emails, in plain text and HTML: what was booked, and how to join."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from courses.calendar import cohort_ics


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
    _send(
        to=order.buyer_email,
        subject=f"Booking confirmed: {cohort.course.title} ({order.reference})",
        template="order_confirmed",
        context=context,
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
        context={**context, "place": place},
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
