"""Receivers of learning's signals: whatever a learner or trainer just did may have met the
rule, so the places concerned are queued for `issue_if_due` (the task decides)."""

from django.db import transaction

from bookings.models import Place, PlaceStatus


def queue(place_ids):
    from certificates.tasks import issue_if_due

    for place_id in place_ids:
        transaction.on_commit(lambda place_id=place_id: issue_if_due.delay(place_id))


def learner_places(user, cohort):
    return Place.objects.filter(
        attendee=user, cohort=cohort, status=PlaceStatus.CONFIRMED
    ).values_list("pk", flat=True)


def module_completed(sender, user, module, cohort, **kwargs):
    queue(learner_places(user, cohort))


def quiz_passed(sender, attempt, **kwargs):
    queue(learner_places(attempt.user, attempt.cohort))


def attendance_recorded(sender, session, place_ids, **kwargs):
    queue(place_ids)


def evaluation_submitted(sender, place_id, wave, **kwargs):
    queue([place_id])
