"""Evaluation rules without the web: when each wave is due, what each wave asks and how it
is scored, consent and its withdrawal, and `submit_wave` refusing anything wrong while
storing nothing.

Scenario: Amara holds a confirmed place on a 5-day cohort starting in ten days (sessions on
each of its five days); the course asks confidence (two 0-10 items) and a knowledge test
(form A before, form B after) before the course, and the same plus reaction on the last day.
"""

import datetime

import pytest
from django.utils import timezone

from learning.evaluation import scoring, services, waves
from learning.evaluation.models import EvaluationResponse, ResearchConsent
from learning.evaluation.pseudonyms import pseudonym
from learning.exceptions import EvaluationError
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory, CohortSessionFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import before_answers, course_evaluation, instruments

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def upcoming(course):
    course_evaluation(course)
    return CohortFactory(course=course, start_date=timezone.localdate() + 10 * DAY)


@pytest.fixture
def place(user, upcoming):
    return place_on(upcoming, user)


@pytest.fixture
def consented(user):
    return services.record_consent(user=user, agreed=True)


# --- when each wave is due -------------------------------------------------------------


def test_the_before_wave_is_open_from_booking_until_the_first_day(upcoming):
    window = waves.window(upcoming, "before")
    assert window.opens_on is None and window.closes_on == upcoming.start_date
    assert window.status(timezone.localdate()) == waves.Status.OPEN
    assert window.status(upcoming.start_date) == waves.Status.OPEN
    assert window.status(upcoming.start_date + DAY) == waves.Status.CLOSED


def test_the_last_day_wave_opens_on_the_last_session_day(course):
    # A 3-week course: weekly sessions, and an end date after the last of them.
    start = datetime.date(2026, 3, 2)
    cohort = CohortFactory(course=course, start_date=start, end_date=start + 18 * DAY, sessions=0)
    for week in range(3):
        CohortSessionFactory(cohort=cohort, day=start + 7 * week * DAY)
    last = waves.last_session_day(cohort)
    assert last == start + 14 * DAY
    window = waves.window(cohort, "last_day", last)
    assert window.status(last - DAY) == waves.Status.NOT_YET
    assert window.status(last) == waves.Status.OPEN
    assert window.status(last + 14 * DAY) == waves.Status.OPEN
    assert window.status(last + 15 * DAY) == waves.Status.CLOSED


def test_the_follow_up_opens_three_months_after_the_end(course):
    cohort = CohortFactory(course=course, start_date=datetime.date(2026, 1, 26), sessions=0)
    window = waves.window(cohort, "follow_up")
    assert cohort.end_date == datetime.date(2026, 1, 30)
    assert window.opens_on == datetime.date(2026, 4, 30)
    assert window.closes_on == datetime.date(2026, 5, 28)


def test_a_cohort_without_sessions_ends_its_last_day_on_its_end_date(course):
    cohort = CohortFactory(course=course, sessions=0)
    assert waves.last_session_day(cohort) == cohort.end_date


# --- what is asked and how it scores ----------------------------------------------------


def test_form_a_is_asked_before_and_form_b_after(upcoming):
    knowledge = instruments()["knowledge"]
    before = [i.text for i in scoring.items_for(knowledge, "before")]
    after = [i.text for i in scoring.items_for(knowledge, "last_day")]
    assert before[0].startswith("What is the range of the PHQ-9")
    assert after[0].startswith("What is the range of the GAD-7")
    assert not set(before) & set(after) and len(before) == len(after) == 2


def test_scores_worked_out_by_hand(upcoming):
    found = instruments()
    conf, know = found["confidence"], found["knowledge"]
    conf_items = scoring.items_for(conf, "before")
    assert scoring.score(conf, conf_items, {conf_items[0].pk: 3, conf_items[1].pk: 6}) == 4.5
    conf.scoring = "sum"
    assert scoring.score(conf, conf_items, {conf_items[0].pk: 3, conf_items[1].pk: 6}) == 9
    conf.scoring = "none"
    assert scoring.score(conf, conf_items, {conf_items[0].pk: 3}) is None
    items = scoring.items_for(know, "before")  # correct: choice 1, then choice 2
    assert scoring.score(know, items, {items[0].pk: 1, items[1].pk: 2}) == 2
    assert scoring.score(know, items, {items[0].pk: 1, items[1].pk: 1}) == 1
    assert scoring.score(know, items, {}) == 0


# --- consent ----------------------------------------------------------------------------


def test_consent_is_recorded_under_the_pseudonym_and_withdrawal_is_timed(user):
    first = timezone.now() - 30 * DAY
    consent = services.record_consent(user=user, agreed=True, now=first)
    assert consent.pseudonym == pseudonym(user.pk) and consent.withdrawn_at is None
    later = timezone.now()
    consent = services.record_consent(user=user, agreed=False, now=later)
    assert (consent.agreed, consent.decided_at, consent.withdrawn_at) == (False, later, later)
    assert ResearchConsent.objects.count() == 1


def test_saying_no_from_the_start_is_not_a_withdrawal(user):
    consent = services.record_consent(user=user, agreed=False)
    assert consent.withdrawn_at is None and not consent.agreed


def test_withdrawal_removes_the_answers_from_research_from_then_on(user, place, consented):
    services.submit_wave(user=user, place_id=place.pk, wave="before", answers=before_answers())
    assert EvaluationResponse.objects.for_research().count() == 1
    services.record_consent(user=user, agreed=False)
    assert EvaluationResponse.objects.for_research().count() == 0
    assert EvaluationResponse.objects.count() == 1  # kept for the learner's own record
    services.record_consent(user=user, agreed=True)
    assert EvaluationResponse.objects.for_research().count() == 1


def test_learners_who_said_no_are_never_in_research(user, place):
    services.record_consent(user=user, agreed=False)
    services.submit_wave(user=user, place_id=place.pk, wave="before", answers=before_answers())
    assert not EvaluationResponse.objects.for_research().exists()


# --- submitting a wave ------------------------------------------------------------------


def test_a_wave_is_stored_scored_and_keyed_by_the_pseudonym(user, place, consented):
    response = services.submit_wave(
        user=user, place_id=place.pk, wave="before", answers=before_answers((2, 5), (1, 1))
    )
    found = instruments()
    assert response.scores == {str(found["confidence"].pk): 3.5, str(found["knowledge"].pk): 1}
    assert response.pseudonym == pseudonym(user.pk) and response.knowledge_form == "A"
    assert response.cohort == place.cohort
    stored = [v for answers in response.answers.values() for v in answers.values()]
    assert sorted(stored) == [1, 1, 2, 5]


def refused(user, place_id, answers, wave="before", now=None):
    with pytest.raises(EvaluationError) as error:
        services.submit_wave(user=user, place_id=place_id, wave=wave, answers=answers, now=now)
    assert not EvaluationResponse.objects.exists()
    return error.value.message


def test_a_second_submission_is_refused_and_changes_nothing(user, place, consented):
    first = services.submit_wave(
        user=user, place_id=place.pk, wave="before", answers=before_answers()
    )
    with pytest.raises(EvaluationError) as error:
        services.submit_wave(
            user=user, place_id=place.pk, wave="before", answers=before_answers((9, 9))
        )
    assert "already answered" in error.value.message
    assert EvaluationResponse.objects.get().answers == first.answers


def test_only_the_learner_on_the_place_may_answer(user, place, consented):
    other = UserFactory(email="ben@example.com")
    services.record_consent(user=other, agreed=True)
    assert "confirmed place" in refused(other, place.pk, before_answers())
    place.status = "cancelled"
    place.save()
    assert "confirmed place" in refused(user, place.pk, before_answers())


def test_consent_comes_first(user, place):
    assert "research" in refused(user, place.pk, before_answers())


def test_a_wave_outside_its_window_is_refused(user, place, consented):
    message = refused(user, place.pk, before_answers(), wave="last_day")
    assert message.startswith("These questions open on")
    after_start = timezone.now() + 11 * DAY
    assert "ended on" in refused(user, place.pk, before_answers(), now=after_start)


def test_a_wave_the_course_does_not_ask_is_refused(user, place, consented):
    later = timezone.now() + 120 * DAY  # within the follow-up's window
    assert "does not ask" in refused(user, place.pk, {}, wave="follow_up", now=later)
    assert "does not ask" in refused(user, place.pk, {}, wave="sometime")


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda a, c, k: a | {999999: {}}, "not asked here"),
        (lambda a, c, k: a | {c: a[c] | {999999: 5}}, "not asked here"),
        (lambda a, c, k: a | {"x": {}}, "not asked here"),
        (lambda a, c, k: a | {c: {i: 11 for i in a[c]}}, "not one of the options"),
        (lambda a, c, k: a | {c: {i: -1 for i in a[c]}}, "not one of the options"),
        (lambda a, c, k: a | {c: {i: 5.5 for i in a[c]}}, "not one of the options"),
        (lambda a, c, k: a | {k: {i: 4 for i in a[k]}}, "not one of the options"),
        (lambda a, c, k: a | {c: {}}, "Answer every question"),
        (lambda a, c, k: {k: a[k]}, "Answer every question"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(user, place, consented, tamper, message):
    found = instruments()
    answers = tamper(before_answers(), found["confidence"].pk, found["knowledge"].pk)
    assert message in refused(user, place.pk, answers)


def test_a_form_b_item_is_not_accepted_before_the_course(user, place, consented):
    knowledge = instruments()["knowledge"]
    form_b = scoring.items_for(knowledge, "last_day")[0]
    answers = before_answers()
    answers[knowledge.pk][form_b.pk] = 1
    assert "not asked here" in refused(user, place.pk, answers)


def test_submitting_a_wave_tells_certificates_after_the_commit(
    user, place, consented, django_capture_on_commit_callbacks
):
    from learning import signals

    heard = []

    def receiver(sender, place_id, wave, **kwargs):
        heard.append((place_id, wave))

    signals.evaluation_submitted.connect(receiver, dispatch_uid="test-evaluation-heard")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.submit_wave(
                user=user, place_id=place.pk, wave="before", answers=before_answers()
            )
        assert heard == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert heard == [(place.pk, "before")]
    finally:
        signals.evaluation_submitted.disconnect(dispatch_uid="test-evaluation-heard")
