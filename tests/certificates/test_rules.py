"""The completion rule: attendance share, mandatory sessions, quizzes, CPD hours and the
award, all through `progress(place)`."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import CompletionRule
from certificates.rules import progress
from certificates.selectors import dashboard_statuses
from learning.selectors import learner_facts
from tests.certificates.conftest import attend, done, pass_quiz
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on
from tests.learning.factories import quiz_with


def test_a_learner_who_did_everything_completes(completed):
    result = progress(completed)
    assert result.complete and result.award == "completion"
    assert (result.sessions_attended, result.attendance_percent) == (5, 100)
    # 5 days of 6 hours' teaching (7 hours less a 1-hour break); modules 90 + 60 minutes.
    assert result.participatory_hours == Decimal("30.0")
    assert result.self_directed_hours == Decimal("2.5")
    assert result.missing == []


def test_what_is_missing_is_said_in_words(place, sessions, modules, quizzes):
    attend(place, sessions[:3])
    attend(place, sessions[3:], "excused")  # an excused absence is still an absence
    pass_quiz(place, modules[0], quizzes[0])
    pass_quiz(place, modules[1], quizzes[1], passed=False)
    result = progress(place)
    assert result.attendance_percent == 60 and result.sessions_needed == 4
    assert result.missing_text == (
        "attend at least 80% of the live sessions (3 of 5 attended); pass the Risk quiz"
    )
    assert result.award == "attendance"  # the sessions are over and they came to some


def test_a_running_cohort_asks_for_more_sessions(place, course, modules, quizzes):
    place.cohort = CohortFactory(course=course, start_date=timezone.localdate())
    place.save()
    sessions = list(place.cohort.sessions.order_by("starts_at"))
    attend(place, sessions[:1])
    result = progress(place)
    assert result.missing[0] == "attend 3 more sessions"
    assert result.award is None  # no attendance certificate while sessions are to come


def test_a_mandatory_session_must_be_attended_whatever_the_share(completed, sessions):
    attend(completed, sessions[:1], "absent")
    result = progress(completed)
    assert result.attendance_percent == 80
    assert result.missing == [f"attend the mandatory session {sessions[0].title}"]
    CompletionRule.objects.create(course=completed.cohort.course, mandatory_sessions=False)
    assert progress(completed).complete


def test_late_and_left_early_count_the_minutes_attended(completed, sessions):
    attend(completed, sessions[1:2], "late", 240)
    attend(completed, sessions[2:3], "left_early", 90)
    result = progress(completed)
    assert result.sessions_attended == 5
    assert result.participatory_minutes == 3 * 360 + 240 + 90


def test_a_day_counts_at_most_eight_hours(completed, sessions):
    long_day = sessions[0]
    long_day.ends_at = long_day.starts_at + datetime.timedelta(hours=11)  # 10 h less breaks
    long_day.save()
    assert progress(completed).participatory_minutes == 8 * 60 + 4 * 360


def test_modules_fill_only_what_live_hours_leave_of_a_day(completed, sessions, modules):
    # Both modules were marked done on day 1, which already has 6 live hours: 2 hours left.
    modules_day = timezone.localtime(sessions[0].starts_at)
    done_cohort = completed.cohort
    from learning.models import ModuleProgress

    ModuleProgress.objects.filter(cohort=done_cohort).update(done_at=modules_day)
    modules[0].estimated_minutes = 200
    modules[0].save_revision().publish()
    result = progress(completed)
    assert result.self_directed_minutes == 120
    assert result.participatory_hours == Decimal("30.0")


def test_optional_modules_done_add_self_directed_hours(completed, modules):
    done(completed, modules[2])  # 30 minutes, not required
    assert progress(completed).self_directed_minutes == 90 + 60 + 30


def test_a_rule_can_name_its_quizzes(place, sessions, modules, quizzes):
    attend(place, sessions)
    rule = CompletionRule.objects.create(course=place.cohort.course)
    rule.quizzes.set([quizzes[1]])
    rule.save()  # a cluster keeps its many-to-many in memory until saved
    assert [q.title for q in progress(place).quizzes_missing] == ["Risk"]
    pass_quiz(place, modules[1], quizzes[1])
    assert progress(place).complete


def test_the_attempt_that_counts_decides(place, sessions, modules, quizzes):
    """Highest counts by default: a later failed attempt does not undo a pass."""
    attend(place, sessions)
    pass_quiz(place, modules[0], quizzes[0], number=1)
    pass_quiz(place, modules[0], quizzes[0], passed=False, number=2)
    pass_quiz(place, modules[1], quizzes[1])
    assert progress(place).complete


def test_changing_the_rule_recomputes(place, sessions, modules, quizzes):
    attend(place, sessions[:3])
    for module, quiz in zip(modules[:2], quizzes, strict=True):
        pass_quiz(place, module, quiz)
    assert not progress(place).complete
    CompletionRule.objects.create(course=place.cohort.course, attendance_percent=60)
    assert progress(place).complete


@pytest.mark.parametrize("scale", [1, 3])
def test_many_places_in_a_fixed_number_of_queries(
    scale, course, modules, django_assert_max_num_queries
):
    from certificates.rules import progress_many
    from tests.factories import UserFactory
    from tests.factories.learning import place_on

    places = [place_on(CohortFactory(course=course), UserFactory()) for _ in range(2 * scale)]
    with django_assert_max_num_queries(9):
        result = progress_many(places)
    assert len(result) == 2 * scale


def partly_done(place, sessions, modules, quizzes):
    """Three sessions attended late, one quiz passed and one failed, a module done then taken
    offline, the optional one done, and a rule that names a quiz in no module and asks for
    the last-day evaluation."""
    attend(place, sessions[:3], status="late", minutes=120)
    pass_quiz(place, modules[0], quizzes[0])
    pass_quiz(place, modules[1], quizzes[1], passed=False)
    done(place, modules[0])
    done(place, modules[2])
    modules[0].unpublish()
    rule = CompletionRule.objects.create(course=place.cohort.course, evaluation_required=True)
    rule.quizzes.set([quizzes[1], quiz_with(1, title="Extra")])
    rule.save()


@pytest.mark.parametrize("scenario", ["completed", "partly done", "running"])
def test_my_learning_reaches_the_same_progress_from_the_facts_it_read(
    scenario, place, sessions, modules, quizzes
):
    """My learning's certificate panel reuses learning's LearnerFacts rather than read the
    place's modules, quizzes, sessions, attempts and progress again: same conclusions."""
    if scenario == "completed":
        attend(place, sessions)
        for module, quiz in zip(modules[:2], quizzes, strict=True):
            pass_quiz(place, module, quiz)
            done(place, module)
    elif scenario == "partly done":
        partly_done(place, sessions, modules, quizzes)
    else:  # a second place, on a cohort still running, without sessions attended
        start = timezone.localdate() - datetime.timedelta(days=1)
        place_on(CohortFactory(course=place.cohort.course, start_date=start), place.attendee)
    afresh = dashboard_statuses(place.attendee)
    reused = dashboard_statuses(place.attendee, facts=learner_facts(place.attendee))
    assert afresh.keys() == reused.keys()
    for cohort_id, (expected, certificates) in afresh.items():
        got, got_certificates = reused[cohort_id]
        # An unsaved default rule equals only itself: compare what it says.
        assert replace(got, rule=None) == replace(expected, rule=None)
        assert got.rule.pk == expected.rule.pk and got.missing == expected.missing
        assert got_certificates == certificates
