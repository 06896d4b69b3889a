"""Writes for evaluation: a learner's research consent, and their answers to one wave.

`submit_wave` checks everything before it writes (the place, the wave's window, consent, one
answer per wave, every item and value) and stores nothing when anything is wrong.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from learning import exceptions, signals
from learning.evaluation import scoring, waves
from learning.evaluation.models import EvaluationResponse, ResearchConsent, Wave
from learning.evaluation.pseudonyms import pseudonym
from learning.evaluation.selectors import wave_instruments
from learning.exceptions import EvaluationError


def record_consent(*, user, agreed, now=None):
    """Record the learner's choice. Saying no after yes is a withdrawal: its time is kept,
    and their answers leave research exports from that moment (see `for_research`)."""
    now = now or timezone.now()
    with transaction.atomic():
        consent = ResearchConsent.objects.select_for_update().filter(user=user).first()
        if consent is None:
            consent = ResearchConsent(user=user, pseudonym=pseudonym(user.pk))
        elif consent.agreed == agreed:
            return consent  # no change of mind: keep when they decided
        if consent.pk and consent.agreed and not agreed:
            consent.withdrawn_at = now
        consent.agreed, consent.decided_at = agreed, now
        consent.save()
    return consent


def submit_wave(*, user, place_id, wave, answers, now=None):
    """Store the learner's answers to the wave: {instrument id: {item id: value}}."""
    now = now or timezone.now()
    with transaction.atomic():
        place = learners_place(user, place_id)
        instruments = wave_instruments(place.cohort.course_id, wave) if wave in Wave else []
        if not instruments:
            raise EvaluationError(exceptions.WAVE_NOT_ASKED)
        if EvaluationResponse.objects.filter(place=place, wave=wave).exists():
            raise EvaluationError(exceptions.WAVE_ANSWERED)
        closed = waves.why_closed(place.cohort, wave, timezone.localdate(now))
        if closed:
            raise EvaluationError(closed)
        if not ResearchConsent.objects.filter(user=user).exists():
            raise EvaluationError(exceptions.CONSENT_FIRST)
        cleaned, scores = check_and_score(instruments, wave, answers)
        tested = any(instrument.is_knowledge for instrument in instruments)
        response = EvaluationResponse(
            place=place,
            cohort=place.cohort,
            wave=wave,
            pseudonym=pseudonym(user.pk),
            knowledge_form=scoring.knowledge_form(wave) if tested else "",
            answers=cleaned,
            scores=scores,
            submitted_at=now,
        )
        saved = save_once(response)
        # A certificate may wait on these answers (a completion rule can require them).
        transaction.on_commit(
            lambda: signals.evaluation_submitted.send(
                sender=EvaluationResponse, place_id=place.pk, wave=wave
            )
        )
        return saved


def learners_place(user, place_id):
    """The place, locked so that two submissions of one wave queue rather than race."""
    place = (
        Place.objects.select_for_update(of=("self",))
        .select_related("cohort")
        .filter(pk=place_id, attendee=user, status=PlaceStatus.CONFIRMED)
        .first()
        if user.is_authenticated
        else None
    )
    if place is None:
        raise EvaluationError(exceptions.NOT_YOUR_PLACE)
    return place


def check_and_score(instruments, wave, answers):
    """({instrument id: {item id: value}}, {instrument id: score}) as stored, or refused."""
    by_id = {instrument.pk: instrument for instrument in instruments}
    given = {as_id(k): v for k, v in answers.items()}
    if not set(given) <= set(by_id):
        raise EvaluationError(exceptions.NOT_IN_WAVE)
    cleaned, scores = {}, {}
    for instrument in instruments:
        items = scoring.items_for(instrument, wave)
        values = check_items(instrument, items, given.get(instrument.pk) or {})
        cleaned[str(instrument.pk)] = {str(k): v for k, v in values.items()}
        scores[str(instrument.pk)] = scoring.score(instrument, items, values)
    return cleaned, scores


def check_items(instrument, items, raw):
    if not isinstance(raw, dict):
        raise EvaluationError(exceptions.NOT_IN_WAVE)
    given = {as_id(k): v for k, v in raw.items()}
    if not set(given) <= {item.pk for item in items}:
        raise EvaluationError(exceptions.NOT_IN_WAVE)
    values = {}
    for item in items:
        value = given.get(item.pk)
        if value is None or value == "":
            if not instrument.optional:
                raise EvaluationError(exceptions.UNANSWERED)
            continue
        value = as_int(value)
        if value not in scoring.allowed_values(instrument, item):
            raise EvaluationError(exceptions.OUT_OF_RANGE)
        values[item.pk] = value
    return values


def as_int(value, message=exceptions.OUT_OF_RANGE):
    """A whole number from a form or JSON: never a float (5.5 is not a scale point) or bool."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().removeprefix("-").isdigit():
        return int(value)
    raise EvaluationError(message)


def as_id(value):
    return as_int(value, exceptions.NOT_IN_WAVE)


def save_once(response):
    try:
        with transaction.atomic():  # a savepoint: the constraint is the last word on a race
            response.save()
            return response
    except IntegrityError:
        raise EvaluationError(exceptions.WAVE_ANSWERED) from None
