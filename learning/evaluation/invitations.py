"""Emails asking learners to answer a wave after the course: the last-day wave and the
three-month follow-up. Each confirmed place whose course asks the wave gets an invitation
when the wave opens, and one reminder a week later if it is still unanswered and open.

- Last day: invited once the cohort's last live session has ended (17:00 on its end date
  when it has no sessions), so the email does not land in the middle of the teaching.
- Three months after: invited from 09:00 on the day the wave opens.

At most once per place, wave and kind: the `WaveEmail` row is written in the transaction
that decides to send, under the place's lock and a unique constraint, and the email goes
after the commit (as bookings' course reminders do). A second run finds the row; a worker
that dies after the commit has recorded an email it never sent, the price of never two.
"""

import datetime
import functools
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from bookings.privacy import ERASED_EMAIL
from courses.models import Cohort, CohortStatus
from learning.evaluation import waves
from learning.evaluation.models import (
    EvaluationResponse,
    Wave,
    WaveEmail,
    WaveEmailKind,
    WaveInstrument,
)

logger = logging.getLogger(__name__)

EMAILED_WAVES = (Wave.LAST_DAY, Wave.FOLLOW_UP)
REMINDER_AFTER = datetime.timedelta(days=7)
FOLLOW_UP_AT = datetime.time(9, 0)
LAST_DAY_AT = datetime.time(17, 0)  # only when the cohort has no sessions to end
# No wave is open for a cohort that ended longer ago than this (3 months and 4 weeks).
LOOK_BACK = datetime.timedelta(days=125)

SUBJECTS = {
    Wave.LAST_DAY: "A few questions on the last day of {course}",
    Wave.FOLLOW_UP: "Three months on: a few questions about {course}",
}


def candidate_cohorts(today):
    """Cohorts that may have an emailed wave open today, with their last session's end."""
    return (
        Cohort.objects.exclude(status=CohortStatus.CANCELLED)
        .filter(start_date__lte=today, end_date__gte=today - LOOK_BACK)
        .select_related("course")
        .annotate(last_end=Max("sessions__ends_at"))
    )


def invite_from(cohort, wave):
    """The moment the wave's invitation falls due for the cohort."""
    if wave == Wave.LAST_DAY:
        if cohort.last_end:
            return cohort.last_end
        return aware(cohort.end_date, LAST_DAY_AT)
    return aware(waves.window(cohort, wave).opens_on, FOLLOW_UP_AT)


def aware(day, at):
    return timezone.make_aware(datetime.datetime.combine(day, at))


def wave_window(cohort, wave):
    return waves.window(cohort, wave, waves.local_date(cohort.last_end))


def due_places(cohort, wave, kind, now):
    """Places of the cohort owed the email of `kind` for the wave at `now`, not yet sent it."""
    today = timezone.localdate(now)
    is_open = wave_window(cohort, wave).status(today) == waves.Status.OPEN
    asked = WaveInstrument.objects.filter(evaluation__course_id=cohort.course_id, wave=wave)
    if cohort.status == CohortStatus.CANCELLED or not is_open or now < invite_from(cohort, wave):
        return Place.objects.none()
    if not asked.exists():
        return Place.objects.none()
    emails = WaveEmail.objects.filter(place=OuterRef("pk"), wave=wave)
    places = (
        cohort.places.filter(status=PlaceStatus.CONFIRMED)
        .exclude(attendee_email=ERASED_EMAIL)
        .exclude(Exists(EvaluationResponse.objects.filter(place=OuterRef("pk"), wave=wave)))
        .exclude(Exists(emails.filter(kind=kind)))
    )
    if kind == WaveEmailKind.REMINDER:
        invited = emails.filter(kind=WaveEmailKind.INVITATION, sent_at__lte=now - REMINDER_AFTER)
        places = places.filter(Exists(invited))
    return places


def send_due_wave_emails(*, now=None):
    """Send every invitation and reminder due at `now`. Returns how many this run sent."""
    now = now or timezone.now()
    sent = 0
    for cohort in candidate_cohorts(timezone.localdate(now)):
        for wave in EMAILED_WAVES:
            for kind in WaveEmailKind:
                for place_id in due_places(cohort, wave, kind, now).values_list("pk", flat=True):
                    sent += email_once(place_id=place_id, wave=wave, kind=kind, now=now)
    return sent


def email_once(*, place_id, wave, kind, now):
    """Record the email and send it after the commit, unless it is no longer due or another
    run has recorded it. Returns 1 when this call sends it, else 0."""
    try:
        with transaction.atomic():
            place = Place.objects.select_for_update().get(pk=place_id)
            today = timezone.localdate(now)
            cohort = candidate_cohorts(today).filter(pk=place.cohort_id).first()
            if cohort is None or not due_places(cohort, wave, kind, now).filter(pk=place.pk):
                return 0  # answered, cancelled or recorded since the scan
            WaveEmail.objects.create(place=place, wave=wave, kind=kind, sent_at=now)
            closes_on = wave_window(cohort, wave).closes_on
            transaction.on_commit(
                functools.partial(send_wave_email, place.pk, wave, kind, closes_on),
                robust=True,  # one bad address must not stop the others' emails
            )
    except IntegrityError:
        logger.info("%s %s for place %s was recorded by another run", wave, kind, place_id)
        return 0
    return 1


def send_wave_email(place_id, wave, kind, closes_on):
    """The email itself, in plain text and HTML: what we ask, by when, and the link."""
    place = Place.objects.select_related("cohort__course").get(pk=place_id)
    course = place.cohort.course
    subject = SUBJECTS[wave].format(course=course.title)
    if kind == WaveEmailKind.REMINDER:
        subject = f"Reminder: {subject[0].lower()}{subject[1:]}"
    context = {
        "place": place,
        "course": course,
        "wave": Wave(wave),
        "reminder": kind == WaveEmailKind.REMINDER,
        "closes_on": closes_on,
        "wave_url": settings.SITE_URL + reverse("learning:evaluation_wave", args=[place.pk, wave]),
        "consent_url": settings.SITE_URL + reverse("learning:research_consent"),
    }
    text = render_to_string("learning/email/evaluation_wave.txt", context)
    html = render_to_string("learning/email/evaluation_wave.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [place.attendee_email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
