"""The impact report of one cohort, or of every cohort of a course ending in a date range.

What it counts: places booked (confirmed), attended (at least one live session, present, late
or leaving early), completed (every live session of their cohort: the certificate's own rule
lives downstream in `certificates`, which learning must not import) and answers at each wave;
the profession mix of the confirmed places.

What it measures, on the answers of learners who agree to research and audit only (the
consent page promises that reports to funders use nobody else's; see `for_research`): each
confidence item and the knowledge score, wave by wave (mean, SD, the share reaching the
benchmark), the paired change before → last day and before → three months (on learners who
answered both, matched by pseudonym within a cohort), retention from the last day to three
months, the reaction and use-in-practice items, and response shift (the retrospective rating
against the rating given before the course, skill by skill, matched by item text).

It reads no names: the answers come by pseudonym, and `place` is never followed (see the
models' docstring). Who still owes a wave, by name, is `still_owed`, shown to trainers on
screen only and never put in the report, its PDF or its CSV.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from bookings.models import Place, PlaceStatus
from cms.models.users import Profession
from courses.models import Cohort, CohortSession, CohortStatus
from learning.attendance.models import ATTENDED, AttendanceRecord
from learning.evaluation import scoring, selectors
from learning.evaluation import statistics as st
from learning.evaluation.models import EvaluationResponse, Kind, Wave

CHANGES = [(Wave.BEFORE, Wave.LAST_DAY), (Wave.BEFORE, Wave.FOLLOW_UP)]
RETENTION = (Wave.LAST_DAY, Wave.FOLLOW_UP)
PROFESSIONS = dict(Profession.choices)


def benchmark_share():
    """How far up its scale a rating (or a knowledge score) must be to reach the benchmark:
    0.7 makes it 7 or more on a 0 to 10 confidence scale, agreeing on a 1 to 5 scale, and 4
    right of a 5-item test."""
    return settings.EVALUATION_BENCHMARK_SHARE


def threshold(low, high):
    """The lowest whole score that reaches the benchmark on a scale from low to high."""
    return math.ceil(round(low + benchmark_share() * (high - low), 6))


@dataclass(frozen=True)
class Counts:
    booked: int
    attended: int
    completed: int
    responding: dict  # {wave: answers}
    included: dict  # {wave: answers of learners who agree to research and audit}


@dataclass(frozen=True)
class WaveResult:
    wave: str
    summary: st.Summary
    share: st.Share

    @property
    def label(self):
        return Wave(self.wave).label


@dataclass(frozen=True)
class Change:
    label: str
    result: st.PairedChange


@dataclass
class Measure:
    """One confidence item, or the knowledge score: what each wave gave, and the changes."""

    label: str
    low: int
    high: int
    benchmark: int
    kind: str
    waves: list = field(default_factory=list)  # WaveResult, in wave order
    changes: list = field(default_factory=list)  # Change
    retention: Change | None = None

    @property
    def scale(self):
        if self.kind == Kind.KNOWLEDGE:
            return f"number right, of {self.high}"
        return f"{self.low} to {self.high}"

    @property
    def benchmark_text(self):
        if self.kind == Kind.KNOWLEDGE:
            return f"{self.benchmark} or more right of {self.high}"
        return f"{self.benchmark} or more on the {self.low} to {self.high} scale"


@dataclass(frozen=True)
class Rating:
    """A reaction or use-in-practice item at one wave."""

    label: str
    low: int
    high: int
    summary: st.Summary
    share: st.Share
    benchmark: int


@dataclass
class Report:
    title: str
    course: object
    cohorts: list
    waves: list  # the waves the course asks, in order
    counts: Counts
    professions: list  # (label, number)
    measures: list
    reaction: list
    practice: list
    response_shift: list  # Change per skill
    period: tuple | None = None  # (start, end) for a course-wide report

    @property
    def too_few(self):
        """True when some comparison had fewer than five matched pairs."""
        results = [c.result for m in self.measures for c in m.changes]
        results += [m.retention.result for m in self.measures if m.retention]
        results += [c.result for c in self.response_shift]
        return any(r.too_few for r in results)

    @property
    def has_retention(self):
        return any(m.retention for m in self.measures)

    @property
    def wave_counts(self):
        """(wave label, answers, answers analysed) for each wave the course asks."""
        counts = self.counts
        return [(Wave(w).label, counts.responding[w], counts.included[w]) for w in self.waves]

    @property
    def min_pairs(self):
        return st.MIN_PAIRS

    @property
    def benchmark_percent(self):
        return round(100 * benchmark_share())


def cohort_report(cohort):
    return build_report(cohort.course, [cohort], title=str(cohort))  # names its course


def report_cohorts(course, start, end):
    """The cohorts of the course whose end date falls in the range, drafts and cancelled
    runs left out."""
    return list(
        Cohort.objects.filter(course=course, end_date__range=(start, end))
        .exclude(status__in=[CohortStatus.DRAFT, CohortStatus.CANCELLED])
        .order_by("start_date", "pk")
    )


def course_report(course, start, end):
    cohorts = report_cohorts(course, start, end)
    title = f"{course.title}: cohorts ending {start:%-d %B %Y} to {end:%-d %B %Y}"
    return build_report(course, cohorts, title=title, period=(start, end))


def build_report(course, cohorts, *, title, period=None):
    asked = {wave: selectors.wave_instruments(course.pk, wave) for wave in Wave.values}
    waves = [wave for wave in Wave.values if asked[wave]]
    answers = research_answers(cohorts)
    return Report(
        title=title,
        course=course,
        cohorts=cohorts,
        waves=waves,
        counts=counts(cohorts),
        professions=profession_mix(cohorts),
        measures=confidence_measures(asked, answers) + knowledge_measures(asked, answers),
        reaction=ratings(asked, answers, Kind.REACTION),
        practice=ratings(asked, answers, Kind.PRACTICE),
        response_shift=response_shift(asked, answers),
        period=period,
    )


def research_answers(cohorts):
    """{wave: {(cohort id, pseudonym): {"answers": ..., "scores": ...}}} of consenting
    learners; the cohort is in the key so two runs of one learner are never paired."""
    rows = (
        EvaluationResponse.objects.for_research()
        .filter(cohort__in=cohorts)
        .values("cohort_id", "pseudonym", "wave", "answers", "scores")
    )
    found = defaultdict(dict)
    for row in rows:
        found[row["wave"]][(row["cohort_id"], row["pseudonym"])] = row
    return found


def counts(cohorts):
    confirmed = Place.objects.filter(cohort__in=cohorts, status=PlaceStatus.CONFIRMED)
    sessions = dict(
        CohortSession.objects.filter(cohort__in=cohorts)
        .values_list("cohort_id")
        .annotate(n=Count("pk"))
    )
    attended = (
        AttendanceRecord.objects.filter(place__in=confirmed, status__in=ATTENDED)
        .values_list("place_id", "place__cohort_id")
        .annotate(n=Count("session", distinct=True))
    )
    responses = EvaluationResponse.objects.filter(cohort__in=cohorts)
    return Counts(
        booked=confirmed.count(),
        attended=len(attended),
        completed=sum(1 for _, cohort_id, n in attended if n >= sessions.get(cohort_id, 0) > 0),
        responding=per_wave(responses),
        included=per_wave(responses.for_research()),
    )


def per_wave(responses):
    found = dict(responses.values_list("wave").annotate(n=Count("pk")))
    return {wave: found.get(wave, 0) for wave in Wave.values}


def profession_mix(cohorts):
    found = (
        Place.objects.filter(cohort__in=cohorts, status=PlaceStatus.CONFIRMED)
        .values_list("profession")
        .annotate(n=Count("pk"))
    )
    mix = Counter()
    for profession, n in found:
        mix[PROFESSIONS.get(profession, "Not given")] += n
    return sorted(mix.items(), key=lambda pair: (-pair[1], pair[0]))


def instruments_of(asked, kind):
    """The course's instruments of a kind, each once, in the order first asked."""
    seen = {}
    for wave in Wave.values:
        for instrument in asked[wave]:
            if instrument.kind == kind:
                seen.setdefault(instrument.pk, instrument)
    return list(seen.values())


def waves_asking(asked, instrument):
    return [wave for wave in Wave.values if any(i.pk == instrument.pk for i in asked[wave])]


def item_values(answers, wave, instrument, item):
    """{learner key: the item's value} at the wave."""
    found = {}
    for key, row in answers[wave].items():
        value = (row["answers"].get(str(instrument.pk)) or {}).get(str(item.pk))
        if value is not None:
            found[key] = value
    return found


def score_values(answers, wave, instrument):
    found = {}
    for key, row in answers[wave].items():
        value = row["scores"].get(str(instrument.pk))
        if value is not None:
            found[key] = value
    return found


def confidence_measures(asked, answers):
    measures = []
    for instrument in instruments_of(asked, Kind.CONFIDENCE):
        waves = waves_asking(asked, instrument)
        for item in scoring.items_for(instrument, Wave.BEFORE):
            by_wave = {w: item_values(answers, w, instrument, item) for w in waves}
            low, high = instrument.scale_min, instrument.scale_max
            measures.append(measure(item.text, low, high, Kind.CONFIDENCE, by_wave))
    return measures


def knowledge_measures(asked, answers):
    measures = []
    for instrument in instruments_of(asked, Kind.KNOWLEDGE):
        waves = waves_asking(asked, instrument)
        by_wave = {w: score_values(answers, w, instrument) for w in waves}
        # Forms A and B have the same number of items, so their scores compare.
        high = len(scoring.items_for(instrument, Wave.BEFORE)) or len(
            scoring.items_for(instrument, Wave.LAST_DAY)
        )
        measures.append(measure(f"{instrument.name} score", 0, high, Kind.KNOWLEDGE, by_wave))
    return measures


def measure(label, low, high, kind, by_wave):
    """A Measure from {wave: {learner key: value}}."""
    bar = threshold(low, high)
    found = Measure(label=label, low=low, high=high, benchmark=bar, kind=kind)
    for wave, values in by_wave.items():
        found.waves.append(
            WaveResult(wave, st.summarise(values.values()), st.share_reaching(values.values(), bar))
        )
    for first, second in CHANGES:
        if first in by_wave and second in by_wave:
            found.changes.append(compare(by_wave, first, second))
    if all(wave in by_wave for wave in RETENTION):
        found.retention = compare(by_wave, *RETENTION)
    return found


def compare(by_wave, first, second):
    label = f"{Wave(first).label} → {Wave(second).label.lower()}"
    return Change(label, st.paired_change(*st.match(by_wave[first], by_wave[second])))


def ratings(asked, answers, kind):
    found = []
    for instrument in instruments_of(asked, kind):
        low, high = instrument.scale_min, instrument.scale_max
        bar = threshold(low, high)
        for wave in waves_asking(asked, instrument):
            for item in scoring.items_for(instrument, wave):
                values = item_values(answers, wave, instrument, item).values()
                found.append(
                    Rating(
                        label=item.text,
                        low=low,
                        high=high,
                        summary=st.summarise(values),
                        share=st.share_reaching(values, bar),
                        benchmark=bar,
                    )
                )
    return found


def response_shift(asked, answers):
    """Per skill: the rating before the course against the same learner's later "looking
    back, how confident were you before?" rating. A fall means they now think they knew
    less than they had said, so a plain before/after comparison understates the gain."""
    confidence = {
        item.text: (instrument, item)
        for instrument in instruments_of(asked, Kind.CONFIDENCE)
        if Wave.BEFORE in waves_asking(asked, instrument)
        for item in scoring.items_for(instrument, Wave.BEFORE)
    }
    found = []
    for retro in instruments_of(asked, Kind.RETROSPECTIVE):
        for wave in waves_asking(asked, retro):
            for item in scoring.items_for(retro, wave):
                if item.text not in confidence:
                    continue
                before = item_values(answers, Wave.BEFORE, *confidence[item.text])
                looking_back = item_values(answers, wave, retro, item)
                found.append(Change(item.text, st.paired_change(*st.match(before, looking_back))))
    return found


@dataclass(frozen=True)
class Owed:
    name: str
    wave: str
    closes_on: object

    @property
    def label(self):
        return Wave(self.wave).label


def still_owed(cohort, today):
    """Who on the cohort has a wave open today and not yet answered: for the trainers' screen
    only (it names people), never for the report or its downloads."""
    places = selectors.with_waves(
        Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED)
        .exclude(attendee=None)
        .select_related("cohort")
        .order_by("attendee_name", "pk")
    )
    return [
        Owed(place.attendee_name, due.wave, due.window.closes_on)
        for place in places
        for due in selectors.due_on(place, today)
    ]


def missing_account_count(cohort):
    """Confirmed places nobody has claimed yet: they cannot answer until they sign in."""
    return Place.objects.filter(
        Q(attendee=None), cohort=cohort, status=PlaceStatus.CONFIRMED
    ).count()
