"""Reads that the module pages and My learning share."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from courses.access import cohorts_with_joining_details
from courses.models import CohortSession
from learning.evaluation.selectors import due_on, with_waves
from learning.models import CohortMaterial, ModulePage, ModuleProgress, Quiz, QuizAdjustment
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


def learning_dashboard(user, today=None, now=None):
    """Each cohort the learner holds a confirmed place on, with its modules' release state,
    progress and next live session, in a fixed number of queries."""
    today, now = today or timezone.localdate(), now or timezone.now()
    places = with_waves(  # the evaluation waves due come in the same query
        Place.objects.filter(attendee=user, status=PlaceStatus.CONFIRMED)
        .select_related("cohort__course")
        .prefetch_related("cohort__trainers")
        .order_by("cohort__start_date", "pk")
    )
    place_of = {}
    for place in places:
        place_of.setdefault(place.cohort_id, place)
    cohorts = [place.cohort for place in place_of.values()]
    if not cohorts:
        return []
    courses = {c.course.pk: c.course for c in cohorts}
    under_a_course = reduce(
        or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses.values())
    )
    modules = list(ModulePage.objects.live().filter(under_a_course).order_by("path"))
    quizzes = learners_quizzes(user, modules, courses.values())
    done = set(
        ModuleProgress.objects.filter(user=user, cohort__in=cohorts).values_list(
            "module_id", "cohort_id"
        )
    )
    sessions = CohortSession.objects.filter(cohort__in=cohorts, ends_at__gte=now).order_by(
        "starts_at", "pk"
    )
    next_session = {}
    by_id = {c.pk: c for c in cohorts}
    for session in sessions:
        session.cohort = by_id[session.cohort_id]  # is_online reads it: no query per session
        next_session.setdefault(session.cohort_id, session)
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
        for module in modules:
            if module.path.startswith(cohort.course.path):
                opens_on = module.release_date(cohort)
                state = ModuleState(
                    module, opens_on, (module.pk, cohort.pk) in done, opens_on <= today
                )
                state.quizzes = quizzes.get(module.pk, [])
                item.modules.append(state)
        result.append(item)
    return result


def learners_quizzes(user, modules, courses):
    """{module id: [QuizState]} for every quiz in the modules, in four queries at most."""
    refs = {m.pk: module_quiz_refs(m) for m in modules}
    quiz_ids = {quiz_id for module_refs in refs.values() for quiz_id, _ in module_refs}
    if not quiz_ids:
        return {}
    course_of = {m.pk: next(c.pk for c in courses if m.path.startswith(c.path)) for m in modules}
    adjustments = {
        a.course_id: a
        for a in QuizAdjustment.objects.filter(user=user, course_id__in=set(course_of.values()))
    }
    quizzes = Quiz.objects.in_bulk(quiz_ids)
    states = quiz_states(user, refs, quizzes, course_of, adjustments)
    return {
        module_id: [states[(module_id, q)] for q, _ in module_refs if (module_id, q) in states]
        for module_id, module_refs in refs.items()
    }
