"""Writes that span models in `courses`."""

import datetime

from django.db import transaction

from courses.models import Cohort, CohortSession, CohortStatus


def visible_cohorts(user):
    """Cohorts an admin user may see: all for those who manage cohorts, else those they teach."""
    cohorts = Cohort.objects.all()
    if user.has_perm("courses.change_cohort"):
        return cohorts
    return cohorts.taught_by(user)


@transaction.atomic
def duplicate_cohort(*, cohort: Cohort, start_date: datetime.date) -> Cohort:
    """A draft copy of `cohort` starting on `start_date`, sessions and deadlines moved with it."""
    shift = start_date - cohort.start_date
    copy = Cohort.objects.create(
        course=cohort.course,
        title=cohort.title,
        delivery=cohort.delivery,
        start_date=start_date,
        end_date=cohort.end_date + shift,
        capacity=cohort.capacity,
        venue_name=cohort.venue_name,
        venue_address=cohort.venue_address,
        joining_details="",  # a new run gets a new meeting link
        booking_opens=None,
        booking_closes=cohort.booking_closes + shift if cohort.booking_closes else None,
        early_bird_deadline=(
            cohort.early_bird_deadline + shift if cohort.early_bird_deadline else None
        ),
        status=CohortStatus.DRAFT,
    )
    copy.trainers.set(cohort.trainers.all())
    CohortSession.objects.bulk_create(
        CohortSession(
            cohort=copy,
            title=s.title,
            starts_at=s.starts_at + shift,
            ends_at=s.ends_at + shift,
            break_minutes=s.break_minutes,
            online=s.online,
            mandatory=s.mandatory,
        )
        for s in cohort.sessions.all()
    )
    return copy
