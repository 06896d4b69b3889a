"""When each wave is due for a cohort.

- Before the course: from booking until the cohort's first day (module 1 opens then), so the
  answers come before any teaching.
- On the last day: from the cohort's last live session day, with a fortnight's grace for
  those who could not answer on the day.
- Three months after: from three months after the cohort's end, for four weeks.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format

from learning import exceptions
from learning.evaluation.models import Wave

LAST_DAY_GRACE = datetime.timedelta(days=14)
FOLLOW_UP_AFTER = relativedelta(months=3)
FOLLOW_UP_WINDOW = datetime.timedelta(days=28)


class Status:
    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Window:
    wave: str
    opens_on: datetime.date | None  # None: from booking
    closes_on: datetime.date  # the last day it may be answered

    def status(self, today):
        if self.opens_on and today < self.opens_on:
            return Status.NOT_YET
        return Status.OPEN if today <= self.closes_on else Status.CLOSED


def window(cohort, wave, last_session_day=None):
    """The wave's window for the cohort; `last_session_day` defaults to the cohort's end."""
    last_day = last_session_day or cohort.end_date
    if wave == Wave.BEFORE:
        return Window(wave, None, cohort.start_date)
    if wave == Wave.LAST_DAY:
        return Window(wave, last_day, last_day + LAST_DAY_GRACE)
    opens = cohort.end_date + FOLLOW_UP_AFTER
    return Window(wave, opens, opens + FOLLOW_UP_WINDOW)


def last_session_day(cohort):
    """The local date of the cohort's last live session, or its end date when it has none."""
    last = cohort.sessions.order_by("-starts_at").values_list("starts_at", flat=True).first()
    return local_date(last) or cohort.end_date


def local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def why_closed(cohort, wave, today):
    """Why the wave cannot be answered today, in the learner's words; "" when it can."""
    found = window(cohort, wave, last_session_day(cohort))
    status = found.status(today)
    if status == Status.NOT_YET:
        return exceptions.WAVE_NOT_OPEN.format(date=date_format(found.opens_on, "j F Y"))
    if status == Status.CLOSED:
        return exceptions.WAVE_CLOSED.format(date=date_format(found.closes_on, "j F Y"))
    return ""
