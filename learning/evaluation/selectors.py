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


def with_waves(places):
    """Annotate a Place queryset, in the same one query, with what My learning needs: the
    cohort's last session time; per wave, whether the course asks it and whether the place
    has answered it; and whether the learner has given their research choice."""
    course = OuterRef("cohort__course_id")
    last_session = CohortSession.objects.filter(cohort=OuterRef("cohort")).order_by("-starts_at")
    flags = {}
    for wave in Wave.values:
        asked = WaveInstrument.objects.filter(evaluation__course_id=course, wave=wave)
        answered = EvaluationResponse.objects.filter(place=OuterRef("pk"), wave=wave)
        flags[f"asked_{wave}"] = Exists(asked)
        flags[f"answered_{wave}"] = Exists(answered)
    return places.annotate(
        last_session_at=Subquery(last_session.values("starts_at")[:1]),
        has_research_choice=Exists(ResearchConsent.objects.filter(user=OuterRef("attendee"))),
        **flags,
    )


def due_on(place, today):
    """The waves open today and not yet answered on a place annotated by `with_waves`."""
    last_day = waves.local_date(place.last_session_at)
    due = []
    for wave in Wave.values:
        if not getattr(place, f"asked_{wave}") or getattr(place, f"answered_{wave}"):
            continue
        window = waves.window(place.cohort, wave, last_day)
        if window.status(today) == waves.Status.OPEN:
            due.append(DueWave(place, wave, window))
    return due


def waves_due(user, today):
    """Waves open now and not yet answered, on every confirmed place of the learner."""
    places = with_waves(
        Place.objects.filter(attendee=user, status=PlaceStatus.CONFIRMED)
        .select_related("cohort__course")
        .order_by("cohort__start_date", "pk")
    )
    return [due for place in places for due in due_on(place, today)]
