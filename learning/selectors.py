"""Reads that the module pages and My learning share."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import FilteredRelation, Q
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from courses.access import cohorts_with_joining_details
from courses.models import CohortSession
from learning.evaluation.selectors import due_on, with_waves
from learning.models import (
    CohortMaterial,
    ModulePage,
    ModuleProgress,
    Quiz,
    QuizAttempt,
)
from learning.quizzes.selectors import module_quiz_refs, quiz_states


def module_documents(module):
    """The documents the module's resource blocks offer, in the order they appear."""
    return [
        document
        for block in module.body
        if block.block_type == "resources"
        for document in block.value["documents"]
        if document is not None
    ]


@dataclass
class ModuleState:
    module: ModulePage
    opens_on: object
    done: bool
    is_open: bool
    quizzes: list = field(default_factory=list)  # QuizState of each quiz in the module


@dataclass
class CohortLearning:
    cohort: object
    next_session: CohortSession | None = None
    show_joining: bool = False
    modules: list = field(default_factory=list)
    evaluation_due: list = field(default_factory=list)  # DueWave of each wave open now
    has_research_choice: bool = False
    materials: list = field(default_factory=list)  # CohortMaterial shared with the cohort

    @property
    def required_count(self):
        return sum(1 for m in self.modules if m.module.required)

    @property
    def done_count(self):
        return sum(1 for m in self.modules if m.module.required and m.done)

    @property
    def percent(self):
        return round(100 * self.done_count / self.required_count) if self.required_count else 0


@dataclass
class LearnerFacts:
    """What My learning reads about a learner's confirmed places, kept on the page so that the
    panels other apps add to it (certificates' progress) reuse it rather than read it again."""

    places: list  # every confirmed place, cohort__course loaded, annotated by with_waves
    cohorts: list  # their cohorts, once each, by start date
    modules: list  # the live modules of their courses, in tree order
    quizzes: dict  # {quiz id: Quiz} of every quiz in those modules
    attempts: list  # the learner's QuizAttempts in those modules or on those cohorts
    sessions: dict  # {cohort id: [CohortSession]} every session, by start
    progress: list  # [(module id, cohort id, module live, estimated minutes, done_at)]
    now: object = None


# One-to-one relations of a course that other apps' panels on My learning read, joined in
# the places' one query: certificates registers the completion rule in its AppConfig.ready().
_course_relations = []


def register_course_relation(name):
    """Join the CoursePage's reverse one-to-one `name` into My learning's places query."""
    if name not in _course_relations:
        _course_relations.append(name)


def confirmed_places(user):
    """The learner's confirmed places by cohort start, in one query with their cohort, course
    (and its registered relations), the learner's QuizAdjustment on it (`adjustment`, set
    only when there is one) and the evaluation waves' flags (`with_waves`)."""
    adjustment = FilteredRelation(
        "cohort__course__quiz_adjustments",
        condition=Q(cohort__course__quiz_adjustments__user=user),  # one a course at most
    )
    places = (
        Place.objects.filter(attendee=user, status=PlaceStatus.CONFIRMED)
        .annotate(adjustment=adjustment)
        .select_related(
            "cohort__course", "adjustment", *(f"cohort__course__{n}" for n in _course_relations)
        )
        .order_by("cohort__start_date", "pk")
    )
    return list(with_waves(places))


def learner_facts(user, now=None):
    """The learner's LearnerFacts in a fixed number of queries, or None without a place."""
    places = confirmed_places(user)
    cohorts = list({place.cohort_id: place.cohort for place in places}.values())
    if not cohorts:
        return None
    courses = {c.course.pk: c.course for c in cohorts}
    under_a_course = reduce(
        or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses.values())
    )
    modules = list(ModulePage.objects.live().filter(under_a_course).order_by("path"))
    quiz_ids = {quiz_id for m in modules for quiz_id, _ in module_quiz_refs(m)}
    attempts = QuizAttempt.objects.filter(
        Q(module__in=modules) | Q(cohort__in=cohorts), user=user
    ).order_by("number")
    progress = ModuleProgress.objects.filter(user=user, cohort__in=cohorts).values_list(
        "module_id", "cohort_id", "module__live", "module__estimated_minutes", "done_at"
    )
    sessions = {}
    for session in CohortSession.objects.filter(cohort__in=cohorts).order_by("starts_at", "pk"):
        sessions.setdefault(session.cohort_id, []).append(session)
    return LearnerFacts(
        places=places,
        cohorts=cohorts,
        modules=modules,
        quizzes=Quiz.objects.in_bulk(quiz_ids) if quiz_ids else {},
        attempts=list(attempts),
        sessions=sessions,
        progress=list(progress),
        now=now or timezone.now(),
    )


def learning_dashboard(user, today=None, now=None, facts=None):
    """Each cohort the learner holds a confirmed place on, with its modules' release state,
    progress and next live session, from their LearnerFacts (read when not given) and a
    fixed number of queries more."""
    facts = facts if facts is not None else learner_facts(user, now)
    if facts is None:
        return []
    today, now = today or timezone.localdate(), now or facts.now
    place_of = {}
    for place in facts.places:
        place_of.setdefault(place.cohort_id, place)
    cohorts = facts.cohorts
    courses = {c.course.pk: c.course for c in cohorts}
    quizzes = learners_quizzes(user, facts, courses.values())
    done = {(module_id, cohort_id) for module_id, cohort_id, *_ in facts.progress}
    by_id = {c.pk: c for c in cohorts}
    next_session = {}
    for cohort_id, sessions in facts.sessions.items():
        for session in sessions:
            session.cohort = by_id[cohort_id]  # is_online reads it: no query per session
        upcoming = [s for s in sessions if s.ends_at >= now]
        if upcoming:
            next_session[cohort_id] = upcoming[0]
    joining = cohorts_with_joining_details(user, cohorts, confirmed=place_of.keys())
    materials = {}
    for material in CohortMaterial.objects.filter(cohort__in=cohorts):
        materials.setdefault(material.cohort_id, []).append(material)
    result = []
    for cohort in cohorts:
        item = CohortLearning(
            cohort,
            next_session.get(cohort.pk),
            show_joining=cohort.pk in joining,
            evaluation_due=due_on(place_of[cohort.pk], today),
            has_research_choice=place_of[cohort.pk].has_research_choice,
            materials=materials.get(cohort.pk, []),
        )
        for module in facts.modules:
            if module.path.startswith(cohort.course.path):
                opens_on = module.release_date(cohort)
                state = ModuleState(
                    module, opens_on, (module.pk, cohort.pk) in done, opens_on <= today
                )
                state.quizzes = quizzes.get(module.pk, [])
                item.modules.append(state)
        result.append(item)
    return result


def learners_quizzes(user, facts, courses):
    """{module id: [QuizState]} for every quiz in the facts' modules, with no query more."""
    modules = facts.modules
    refs = {m.pk: module_quiz_refs(m) for m in modules}
    if not facts.quizzes:
        return {}
    course_of = {m.pk: next(c.pk for c in courses if m.path.startswith(c.path)) for m in modules}
    # Django sets `adjustment` only where the join found one.
    found = ((p.cohort.course_id, getattr(p, "adjustment", None)) for p in facts.places)
    adjustments = {course_id: a for course_id, a in found if a is not None}
    states = quiz_states(user, refs, facts.quizzes, course_of, adjustments, facts.attempts)
    return {
        module_id: [states[(module_id, q)] for q, _ in module_refs if (module_id, q) in states]
        for module_id, module_refs in refs.items()
    }
