"""Demo data for evaluation (called from learning.demo): the instruments of
learning.evaluation.demo_content, asked by both courses, and answers through the real
services: the past (Autumn) cohorts answered before the course and on the last day, with
realistic gains and one or two missing last-day answers; the running cohorts answered before
the course. Most learners agree to research; some say no and some withdraw later. The
Autumn attendees get accounts (demo password) by confirming their address, as they would.
Idempotent: a wave already answered, or a consent already given, is left alone."""

import datetime
import random

from allauth.account.models import EmailAddress
from django.utils import timezone

from bookings.claims import claim_places
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
NOT_ON_THE_DAY = 4  # every fourth Autumn learner missed the last-day questions


def seed(scale=1):
    instruments = seed_instruments()
    asked = seed_course_evaluations(instruments)
    claimed = claim_autumn_places()
    made = 0
    for cohort in Cohort.objects.filter(course__slug__in=COURSES, title="Autumn"):
        made += answer_cohort(cohort, ("before", "last_day"))
    for cohort in Cohort.objects.filter(course__slug__in=COURSES, title="Current run"):
        made += answer_cohort(cohort, ("before",), skip={"ravi@example.com"})
    return [
        f"Evaluation: {len(instruments)} instruments, {asked} courses evaluated, {claimed} "
        f"Autumn learners signed up, {made} new wave answers.",
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


def claim_autumn_places():
    """Accounts for the Autumn attendees, whose places are claimed as allauth would on
    confirming their address."""
    made = 0
    places = Place.objects.filter(
        cohort__title="Autumn", status=PlaceStatus.CONFIRMED, attendee__isnull=True
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


def answer_cohort(cohort, wave_names, skip=()):
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
        learner.consent()
        for wave in wave_names:
            if wave == "last_day" and n % NOT_ON_THE_DAY == NOT_ON_THE_DAY - 1:
                continue
            made += learner.answer(wave)
        learner.maybe_withdraw()
    return made


class DemoLearner:
    """One learner's answers: confidence from a modest start that grows by the last day,
    more knowledge items right on form B than on form A, a kind but not uniform reaction,
    and a retrospective rating a little below their rating before the course."""

    def __init__(self, place, index):
        self.place, self.index = place, index
        self.random = random.Random(place.attendee_email)  # noqa: S311 (demo answers, not secrets)
        self.start = [max(0, min(10, self.random.randint(2, 6) - (i in (0, 4)))) for i in range(5)]
        self.gain = [self.random.randint(1, 4) for _ in range(5)]

    def consent(self):
        user = self.place.attendee
        if not ResearchConsent.objects.filter(user=user).exists():
            agreed = self.index % 5 != 2  # every fifth learner says no
            services.record_consent(user=user, agreed=agreed, now=self.when("before"))

    def maybe_withdraw(self):
        """Every fifth learner, from the fourth, changes their mind a week after the course."""
        consent = ResearchConsent.objects.get(user=self.place.attendee)
        if self.index % 5 == 3 and consent.agreed and consent.withdrawn_at is None:
            later = self.when("last_day") + datetime.timedelta(days=7)
            if later <= timezone.now():
                services.record_consent(user=self.place.attendee, agreed=False, now=later)

    def when(self, wave):
        cohort = self.place.cohort
        if wave == "before":
            day, hour = cohort.start_date - datetime.timedelta(days=3), 19
        else:
            day, hour = waves.last_session_day(cohort), 16
        moment = datetime.datetime.combine(day, datetime.time(hour, 10 + self.index % 40))
        return timezone.make_aware(moment)

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
            after = self.start[n] + (self.gain[n] if wave != "before" else 0)
            return min(10, after)
        if kind == "retrospective":
            return max(0, self.start[n] - self.random.randint(0, 2))
        if kind == "reaction":
            return self.random.choice([4, 5, 5] if self.index % 7 else [3, 4, 4])
        return self.random.randint(1, 4)  # practice
