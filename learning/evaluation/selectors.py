"""Reads shared by the wave pages and My learning: what each wave of a course asks, and which
waves are open for a learner's places, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Subquery

from bookings.models import Place, PlaceStatus
from courses.models import CohortSession
from learning.evaluation import waves
from learning.evaluation.models import (
    EvaluationResponse,
    InstrumentItem,
    ResearchConsent,
    Wave,
    WaveInstrument,
)


def wave_instruments(course_id, wave):
    """The instruments the course asks in the wave, in order, with their items."""
    rows = (
        WaveInstrument.objects.filter(evaluation__course_id=course_id, wave=wave)
        .select_related("instrument")
        .prefetch_related(
            Prefetch("instrument__items", queryset=InstrumentItem.objects.order_by("sort_order"))
        )
        .order_by("sort_order", "pk")
    )
    return [row.instrument for row in rows]


def consent_of(user):
    return ResearchConsent.objects.filter(user=user).first()


@dataclass(frozen=True)
class DueWave:
    place: Place
    wave: str
    window: waves.Window

    @property
    def label(self):
        return Wave(self.wave).label


def learner_places(user):
    """The learner's confirmed places, each with its cohort's last session time and, per
    wave, whether it is answered: one query however many places."""
    last_session = CohortSession.objects.filter(cohort=OuterRef("cohort")).order_by("-starts_at")
    answered = {
        f"answered_{wave}": Exists(
            EvaluationResponse.objects.filter(place=OuterRef("pk"), wave=wave)
        )
        for wave in Wave.values
    }
    return (
        Place.objects.filter(attendee=user, status=PlaceStatus.CONFIRMED)
        .select_related("cohort__course")
        .annotate(last_session_at=Subquery(last_session.values("starts_at")[:1]), **answered)
        .order_by("cohort__start_date", "pk")
    )


def waves_due(user, today):
    """Waves open now and not yet answered, on every place of the learner."""
    places = list(learner_places(user))
    if not places:
        return []
    asked = set(
        WaveInstrument.objects.filter(
            evaluation__course_id__in={p.cohort.course_id for p in places}
        ).values_list("evaluation__course_id", "wave")
    )
    due = []
    for place in places:
        last_day = waves.local_date(place.last_session_at)
        for wave in Wave.values:
            if (place.cohort.course_id, wave) not in asked or getattr(place, f"answered_{wave}"):
                continue
            window = waves.window(place.cohort, wave, last_day)
            if window.status(today) == waves.Status.OPEN:
                due.append(DueWave(place, wave, window))
    return due
