"""Reminders before a course starts: 7 days and 1 day before its first session.

Each reminder falls due at the first session's London wall-clock time, 7 (or 1) calendar days
earlier, and goes to every place that was confirmed before it fell due, until the next one
falls due (the week's) or the course starts (the day's). So a place confirmed 5 days before
gets only the day's reminder, and one confirmed the day before gets none: its confirmation has
just told it everything.

At most once per place and kind: the `PlaceReminder` row is written in the transaction that
decides to send, under the place's lock and a unique constraint, and the email goes after the
commit. A second run at the same time finds the row; a worker that dies after the commit has
recorded a reminder that it never sent, which is the price of never sending two.
"""

import datetime
import functools
import logging

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from bookings import emails
from bookings.models import Place, PlaceReminder, PlaceStatus, ReminderKind
from bookings.privacy import ERASED_EMAIL
from courses.models import Cohort, CohortStatus

logger = logging.getLogger(__name__)

DAYS_BEFORE = {ReminderKind.WEEK: 7, ReminderKind.DAY: 1}


def first_session_start(cohort):
    """When the course starts: its first session, or midnight of its first day if it has none."""
    first = (
        getattr(cohort, "first_start", None)
        or cohort.sessions.aggregate(first=Min("starts_at"))["first"]
    )
    if first:
        return first
    return timezone.make_aware(datetime.datetime.combine(cohort.start_date, datetime.time()))


def falls_due(cohort, kind):
    # Calendar days in London: a 9:30 start is reminded at 9:30, either side of a clock change.
    start = timezone.localtime(first_session_start(cohort))
    wall = start.replace(tzinfo=None) - datetime.timedelta(days=DAYS_BEFORE[kind])
    return timezone.make_aware(wall)


def window(cohort, kind):
    """[from, until): when the reminder of `kind` may be sent for `cohort`."""
    until = (
        falls_due(cohort, ReminderKind.DAY)
        if kind == ReminderKind.WEEK
        else first_session_start(cohort)
    )
    return falls_due(cohort, kind), until


def due_places(cohort, kind, now):
    """Places of `cohort` owed the reminder of `kind` at `now` and not yet sent it."""
    since, until = window(cohort, kind)
    if cohort.status == CohortStatus.CANCELLED or not since <= now < until:
        return Place.objects.none()
    return (
        cohort.places.filter(status=PlaceStatus.CONFIRMED, order__confirmed_at__lt=since)
        .exclude(attendee_email=ERASED_EMAIL)
        .exclude(reminders__kind=kind)
    )


def cohorts_starting_soon(now):
    """Cohorts whose first day is in the coming week: only they can owe a reminder now (their
    sessions fall within their dates, so none starts before the first day)."""
    today = timezone.localdate(now)
    return (
        Cohort.objects.exclude(status=CohortStatus.CANCELLED)
        .filter(start_date__range=(today, today + datetime.timedelta(days=7)))
        .annotate(first_start=Min("sessions__starts_at"))
    )


def send_due_reminders(*, now=None):
    """Send every reminder due at `now`. Returns how many this run sent."""
    now = now or timezone.now()
    sent = 0
    for cohort in cohorts_starting_soon(now):
        for kind in ReminderKind:
            for place_id in due_places(cohort, kind, now).values_list("pk", flat=True):
                sent += remind(place_id=place_id, kind=kind, now=now)
    return sent


def remind(*, place_id, kind, now):
    """Record the reminder and send it after the commit, unless it is no longer due or another
    run has recorded it. Returns 1 when this call sends it, else 0."""
    try:
        with transaction.atomic():
            place = Place.objects.select_for_update().get(pk=place_id)
            cohort = Cohort.objects.get(pk=place.cohort_id)  # cancelled since the scan?
            if not due_places(cohort, kind, now).filter(pk=place.pk).exists():
                return 0
            PlaceReminder.objects.create(place=place, kind=kind, sent_at=now)
            transaction.on_commit(
                functools.partial(emails.send_reminder, place_id=place.pk, kind=kind),
                robust=True,  # one bad address must not stop the others' reminders
            )
    except IntegrityError:
        logger.info("Reminder %s for place %s was recorded by another run", kind, place_id)
        return 0
    return 1
