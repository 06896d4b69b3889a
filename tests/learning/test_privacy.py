"""A learner's notes and progress are in their own data export, and go with their account."""

import json

import pytest
from django.urls import reverse

from cms.accounts import erase_account
from learning.models import ModuleProgress, ReflectionNote

pytestmark = pytest.mark.django_db


def test_notes_and_progress_in_the_export_and_erased_with_the_account(
    client, learner, other_user, cohort, modules
):
    ReflectionNote.objects.create(user=learner, module=modules[0], text="Mine to keep")
    ReflectionNote.objects.create(user=other_user, module=modules[0], text="Bert's")
    ModuleProgress.objects.create(
        user=learner, module=modules[0], cohort=cohort, done_at="2026-01-05T10:00:00Z"
    )
    client.force_login(learner)
    data = json.loads(client.get(reverse("account_data_export")).content)
    assert [n["text"] for n in data["reflection_notes"]] == ["Mine to keep"]
    assert data["module_progress"][0]["module"] == modules[0].title

    erase_account(user=learner)
    assert list(ReflectionNote.objects.values_list("text", flat=True)) == ["Bert's"]
    assert not ModuleProgress.objects.exists()


def test_quiz_attempts_and_adjustments_in_the_export_and_erased_with_the_account(
    client, learner, course
):
    from learning.models import QuizAdjustment, QuizAttempt, QuizRegrade
    from learning.quizzes import services
    from tests.learning.factories import module_with_quiz, quiz_with

    quiz = quiz_with(2, title="PHQ-9 check")
    module = module_with_quiz(course, quiz)
    attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)
    services.submit_attempt(user=learner, attempt_id=attempt.pk, answers={})
    QuizAdjustment.objects.create(user=learner, course=course, extra_time="1.5")
    quiz.questions.update(neutralised=True)
    services.apply_regrade(quiz=quiz, by=None)
    client.force_login(learner)
    data = json.loads(client.get(reverse("account_data_export")).content)
    assert data["quiz_attempts"][0] | {"started_at": "", "submitted_at": ""} == {
        "quiz": "PHQ-9 check",
        "module": module.title,
        "attempt": 1,
        "started_at": "",
        "submitted_at": "",
        "marks": 2,
        "out_of": 2,
        "passed": True,
    }
    assert data["quiz_adjustments"][0]["extra_time"] == "Extra time ×1.5"

    erase_account(user=learner)
    assert not QuizAttempt.objects.exists() and not QuizAdjustment.objects.exists()
    assert "amara" not in json.dumps(QuizRegrade.objects.get().changes)


def test_evaluation_answers_and_consent_in_the_export_and_erased_with_the_account(
    client, user, other_user, course
):
    import datetime

    from django.utils import timezone

    from learning.evaluation import services
    from learning.evaluation.models import EvaluationResponse, ResearchConsent
    from tests.factories.courses import CohortFactory
    from tests.factories.learning import place_on
    from tests.learning.evaluation_factories import before_answers, course_evaluation

    course_evaluation(course)
    cohort = CohortFactory(course=course, start_date=timezone.localdate() + datetime.timedelta(9))
    for person in (user, other_user):
        place = place_on(cohort, person)
        services.record_consent(user=person, agreed=True)
        services.submit_wave(
            user=person, place_id=place.pk, wave="before", answers=before_answers()
        )
    client.force_login(user)
    data = json.loads(client.get(reverse("account_data_export")).content)
    assert data["research_consent"]["agreed"] is True
    assert [a["wave"] for a in data["evaluation_answers"]] == ["Before the course"]

    erase_account(user=user)
    assert EvaluationResponse.objects.count() == 1 and ResearchConsent.objects.count() == 1
    assert EvaluationResponse.objects.for_research().count() == 1  # the other learner's
