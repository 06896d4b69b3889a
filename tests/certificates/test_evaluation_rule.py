"""A completion rule that asks for the last-day evaluation: progress names it as missing
until the place's last-day answers are in, and their arrival can issue the certificate."""

import pytest
from django.utils import timezone

from certificates.models import Certificate, CompletionRule
from certificates.rules import progress, rule_summary
from certificates.services import issue_if_due
from learning import signals
from learning.evaluation.models import EvaluationResponse


@pytest.fixture
def rule(course):
    return CompletionRule.objects.create(course=course, evaluation_required=True)


def answered(place, wave="last_day"):
    """Answers to `wave`, written directly: the rule reads only that they are in."""
    return EvaluationResponse.objects.create(
        place=place,
        cohort=place.cohort,
        wave=wave,
        pseudonym="p" * 64,
        answers={},
        submitted_at=timezone.now(),
    )


def test_without_the_last_day_answers_the_rule_is_not_met(completed, rule):
    result = progress(completed)
    assert result.missing == ["answer the last-day questions"]
    assert result.award == "attendance"  # the cohort is over and they came
    assert issue_if_due(completed.pk) is None


def test_the_last_day_answers_complete_it(completed, rule):
    answered(completed)
    result = progress(completed)
    assert result.complete and result.award == "completion"


def test_answers_to_another_wave_do_not_count(completed, rule):
    answered(completed, wave="before")
    assert "answer the last-day questions" in progress(completed).missing


def test_a_rule_that_does_not_ask_ignores_the_evaluation(completed, course):
    CompletionRule.objects.create(course=course, evaluation_required=False)
    assert progress(completed).complete


def test_the_certificate_states_the_requirement(rule):
    assert "answer the last-day evaluation questions" in rule_summary(rule, [])


def test_the_answers_arriving_issue_the_certificate(
    completed, rule, django_capture_on_commit_callbacks
):
    answered(completed)
    with django_capture_on_commit_callbacks(execute=True):
        signals.evaluation_submitted.send(
            sender=EvaluationResponse, place_id=completed.pk, wave="last_day"
        )
    assert Certificate.objects.get(place=completed).kind == "completion"


def test_my_learning_says_the_answers_are_missing(client, user, completed, rule):
    client.force_login(user)
    page = client.get("/account/learning/").content.decode()
    assert "answer the last-day questions" in page


def test_the_help_text_no_longer_says_it_is_ignored():
    help_text = CompletionRule._meta.get_field("evaluation_required").help_text
    assert "ignored" not in help_text and "last-day evaluation" in help_text
