"""Demo data for evaluation (called from learning.demo): the instruments of
learning.evaluation.demo_content, asked by both courses, and answers through the real
services, each given inside its wave's window:

- the Summer cohorts (ended over three months ago, 13 learners each) answered at all three
  waves: confidence up by two to three points on the last day and a little lower three
  months on, more right on knowledge form B than on form A; two missed the last day (one of
  them never came) and four the follow-up, two said no to research and one withdrew, leaving
  at least five matched pairs for every comparison of the impact report;
- the Autumn cohorts answered before the course and on the last day, with one or two
  missing last-day answers;
- the running cohorts answered before the course.

Most learners agree to research; some say no and some withdraw later. The Summer and Autumn
attendees get accounts (demo password) by confirming their address, as they would. The
answers come from a random.Random seeded with the learner's address, so every seed gives the
same numbers. Idempotent: a wave already answered, or a consent already given, is left
alone."""

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.utils import timezone

from bookings.claims import claim_places
from bookings.demo_content import SUMMER_NO_SHOWS
from bookings.models import Place, PlaceStatus
from cms.demo import demo_password
from cms.models import User
from courses.models import Cohort, CoursePage
from learning.evaluation import demo_content as content
from learning.evaluation import scoring, services, waves
from learning.evaluation.models import (
    CourseEvaluation,
    EvaluationResponse,
    Instrument,
    InstrumentItem,
    ResearchConsent,
    WaveInstrument,
)
from learning.evaluation.selectors import wave_instruments

COURSES = ("five-day-course", "three-week-course")
PAST = ("Summer", "Autumn")


@dataclass(frozen=True)
class Plan:
    """Who does what on one cohort, by their place's position (0, 1, ...) in booking order:
    the waves asked, who says no to research, who withdraws a week after the course, and who
    leaves a wave unanswered."""

    waves: tuple
    says_no: object = lambda n: False  # noqa: E731 (a rule on the position)
    withdraws: object = lambda n: False  # noqa: E731
    misses: dict = field(default_factory=dict)  # {wave: rule on the position}
    no_shows: frozenset = frozenset()  # names who answer before the course only

    def skips(self, wave, n, name):
        if wave != "before" and name in self.no_shows:
            return True
        return wave in self.misses and self.misses[wave](n)


PLANS = {
    # Every fifth says no, every fifth from the fourth withdraws, every fourth missed the
    # last day: with five or so places, too few pairs to test.
    "Autumn": Plan(
        waves=("before", "last_day"),
        says_no=lambda n: n % 5 == 2,
        withdraws=lambda n: n % 5 == 3,
        misses={"last_day": lambda n: n % 4 == 3},
    ),
    # Thirteen learners: two say no, one withdraws, one never came (position 4) and one more
    # missed the last day, three more the follow-up. That leaves 8 pairs before → last day,
    # 7 before → three months and 6 last day → three months.
    "Summer": Plan(
        waves=("before", "last_day", "follow_up"),
        says_no=lambda n: n in (2, 9),
        withdraws=lambda n: n == 6,
        misses={"last_day": lambda n: n == 11, "follow_up": lambda n: n in (2, 10, 12)},
        no_shows=frozenset(SUMMER_NO_SHOWS),
    ),
    "Current run": Plan(waves=("before",), says_no=lambda n: n % 5 == 2),
}


def seed(scale=1):
    instruments = seed_instruments()
    asked = seed_course_evaluations(instruments)
    claimed = claim_past_places()
    made = 0
    for title in PAST:
        for cohort in Cohort.objects.filter(course__slug__in=COURSES, title=title):
            made += answer_cohort(cohort, PLANS[title])
    for cohort in Cohort.objects.filter(course__slug__in=COURSES, title="Current run"):
        made += answer_cohort(cohort, PLANS["Current run"], skip={"ravi@example.com"})
    return [
        f"Evaluation: {len(instruments)} instruments, {asked} courses evaluated, {claimed} "
        f"Summer and Autumn learners signed up, {made} new wave answers.",
        f"  Consents: {ResearchConsent.objects.filter(agreed=True).count()} yes, "
        f"{ResearchConsent.objects.filter(agreed=False).count()} no "
        f"({ResearchConsent.objects.exclude(withdrawn_at=None).count()} withdrawn).",
    ]


def seed_instruments():
    """{name: Instrument}, each written once."""
    specs = [content.CONFIDENCE, content.RETROSPECTIVE, content.REACTION, content.PRACTICE]
    found = {i.name: i for i in Instrument.objects.all()}
    for spec in specs:
        if spec["name"] not in found:
            found[spec["name"]] = rating_instrument(spec)
    if content.KNOWLEDGE["name"] not in found:
        found[content.KNOWLEDGE["name"]] = knowledge_instrument()
    return found


def rating_instrument(spec):
    low, high, low_anchor, high_anchor = spec["scale"]
    instrument = Instrument.objects.create(
        name=spec["name"],
        kind=spec["kind"],
        prompt=spec["prompt"],
        scale_min=low,
        scale_max=high,
        min_anchor=low_anchor,
        max_anchor=high_anchor,
        scoring=spec["scoring"],
        optional=spec.get("optional", False),
        licence_note=content.WRITTEN_HERE,
    )
    InstrumentItem.objects.bulk_create(
        InstrumentItem(instrument=instrument, text=text, sort_order=n)
        for n, text in enumerate(spec["items"])
    )
    return instrument


def knowledge_instrument():
    spec = content.KNOWLEDGE
    instrument = Instrument.objects.create(
        name=spec["name"],
        kind=spec["kind"],
        prompt=spec["prompt"],
        scoring=spec["scoring"],
        licence_note=content.WRITTEN_HERE,
    )
    items = []
    for n, pair in enumerate(content.KNOWLEDGE_PAIRS):
        for form, (text, choices, correct) in zip("AB", pair, strict=True):
            order = n if form == "A" else len(content.KNOWLEDGE_PAIRS) + n
            items.append(
                InstrumentItem(
                    instrument=instrument,
                    text=text,
                    form=form,
                    choices="\n".join(choices),
                    correct_choice=correct,
                    sort_order=order,
                )
            )
    InstrumentItem.objects.bulk_create(items)
    return instrument


def seed_course_evaluations(instruments):
    made = 0
    for course in CoursePage.objects.filter(slug__in=COURSES):
        evaluation, created = CourseEvaluation.objects.get_or_create(course=course)
        if not created:
            continue
        WaveInstrument.objects.bulk_create(
            WaveInstrument(
                evaluation=evaluation, wave=wave, instrument=instruments[name], sort_order=n
            )
            for wave, names in content.WAVES.items()
            for n, name in enumerate(names)
        )
        made += 1
    return made


def claim_past_places():
    """Accounts for the Summer and Autumn attendees, whose places are claimed as allauth
    would on confirming their address."""
    made = 0
    places = Place.objects.filter(
        cohort__title__in=PAST, status=PlaceStatus.CONFIRMED, attendee__isnull=True
    )
    for place in places:
        first, _, last = place.attendee_name.removeprefix("Dr ").partition(" ")
        user = User.objects.filter(email__iexact=place.attendee_email).first()
        if user is None:
            user = User.objects.create_user(
                email=place.attendee_email,
                password=demo_password(),
                first_name=first,
                last_name=last,
                profession=place.profession,
            )
            made += 1
        address, _ = EmailAddress.objects.update_or_create(
            user=user, email=place.attendee_email, defaults={"verified": True, "primary": True}
        )
        claim_places(None, address)
    return made


def answer_cohort(cohort, plan, skip=()):
    places = (
        Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED)
        .exclude(attendee=None)
        .select_related("attendee", "cohort")
        .order_by("pk")
    )
    made = 0
    for n, place in enumerate(places):
        if place.attendee.email in skip:
            continue
        learner = DemoLearner(place, n)
        learner.consent(agreed=not plan.says_no(n))
        for wave in plan.waves:
            if not plan.skips(wave, n, place.attendee_name):
                made += learner.answer(wave)
        if plan.withdraws(n):
            learner.withdraw()
    return made


class DemoLearner:
    """One learner's answers: confidence from a modest start that grows by the last day and
    slips a little by three months on, more knowledge items right on form B than on form A,
    a kind but not uniform reaction, and a retrospective rating a little below their rating
    before the course."""

    def __init__(self, place, index):
        self.place, self.index = place, index
        self.random = random.Random(place.attendee_email)  # noqa: S311 (demo answers, not secrets)
        self.start = [max(0, min(10, self.random.randint(2, 6) - (i in (0, 4)))) for i in range(5)]
        self.gain = [self.random.randint(1, 4) for _ in range(5)]
        # What three months of practice loses (or, for one skill in five, keeps or adds).
        self.slip = [self.random.choice([-1, 0, 0, 1, 1, 2]) for _ in range(5)]

    def consent(self, agreed):
        user = self.place.attendee
        if not ResearchConsent.objects.filter(user=user).exists():
            services.record_consent(user=user, agreed=agreed, now=self.when("before"))

    def withdraw(self):
        """Change their mind a week after the course."""
        consent = ResearchConsent.objects.get(user=self.place.attendee)
        if consent.agreed and consent.withdrawn_at is None:
            later = self.when("last_day") + datetime.timedelta(days=7)
            if later <= timezone.now():
                services.record_consent(user=self.place.attendee, agreed=False, now=later)

    def when(self, wave):
        cohort = self.place.cohort
        if wave == "before":
            day, hour = cohort.start_date - datetime.timedelta(days=3), 19
        elif wave == "last_day":
            day, hour = waves.last_session_day(cohort), 16
        else:  # within the follow-up's first ten days, when the email and reminder go
            day = waves.window(cohort, wave).opens_on + datetime.timedelta(days=self.index % 10)
            hour = 20
        moment = datetime.datetime.combine(day, datetime.time(hour, 10 + self.index % 40))
        return min(timezone.make_aware(moment), timezone.now())

    def answer(self, wave):
        if EvaluationResponse.objects.filter(place=self.place, wave=wave).exists():
            return 0
        answers = {
            i.pk: self.answers_to(i, wave)
            for i in wave_instruments(self.place.cohort.course_id, wave)
        }
        services.submit_wave(
            user=self.place.attendee,
            place_id=self.place.pk,
            wave=wave,
            answers=answers,
            now=self.when(wave),
        )
        return 1

    def answers_to(self, instrument, wave):
        items = scoring.items_for(instrument, wave)
        return {item.pk: self.value(instrument, item, n, wave) for n, item in enumerate(items)}

    def value(self, instrument, item, n, wave):
        kind = instrument.kind
        if kind == "knowledge":
            right = self.random.random() < (0.5 if wave == "before" else 0.85)
            wrong = next(c for c in range(1, 4) if c != item.correct_choice)
            return item.correct_choice if right else wrong
        if kind == "confidence":
            return max(0, min(10, self.confidence(n, wave)))
        if kind == "retrospective":
            return max(0, self.start[n] - self.random.randint(0, 2))
        if kind == "reaction":
            return self.random.choice([4, 5, 5] if self.index % 7 else [3, 4, 4])
        return self.random.randint(1, 4)  # practice

    def confidence(self, n, wave):
        if wave == "before":
            return self.start[n]
        after = self.start[n] + self.gain[n]
        return after if wave == "last_day" else min(10, after) - self.slip[n]
