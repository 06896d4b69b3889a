"""The demo's evaluation: both courses ask the programme's instruments; the Summer cohorts
answered at all three waves, with enough matched pairs for the impact report to test every
change; the Autumn cohorts answered before and on the last day with a gain in confidence and
knowledge, the running cohorts before the course; some learners said no to research and one
withdrew, and their answers are not in research. Every knowledge item can be scored. Seeding
twice changes nothing."""

import pytest
from django.utils import timezone

from cms.models import User
from courses.models import Cohort
from learning import demo as learning_demo
from learning.evaluation import demo_content, report
from learning.evaluation.models import (
    CourseEvaluation,
    EvaluationResponse,
    Instrument,
    ResearchConsent,
)
from learning.evaluation.pseudonyms import pseudonym
from learning.evaluation.selectors import waves_due
from learning.evaluation.waves import Status

pytestmark = pytest.mark.django_db


def mean(values):
    return sum(values) / len(values)


def autumn_scores(wave, kind):
    instrument = Instrument.objects.get(kind=kind)
    responses = EvaluationResponse.objects.filter(cohort__title="Autumn", wave=wave)
    return [r.scores[str(instrument.pk)] for r in responses]


def assert_tested_improvement(result):
    """Every comparison of the report has five or more matched pairs and a Wilcoxon test;
    confidence and knowledge rise by the last day and confidence is still up three months on."""
    assert not result.too_few
    assert result.counts.responding["before"] == 13  # everyone booked, before the course
    assert result.counts.responding["last_day"] == 11  # one never came, one forgot
    assert result.counts.responding["follow_up"] == 9  # the one who never came, and three
    assert result.counts.included["before"] == 10  # two said no, one withdrew
    changes = [c.result for m in result.measures for c in m.changes]
    assert len(changes) == 5 * 2 + 1  # five skills at two waves, and the knowledge score
    assert all(c.n >= 5 and c.p_value is not None and c.effect is not None for c in changes)
    for measure in result.measures:
        to_last_day = measure.changes[0].result
        assert to_last_day.n == 8 and to_last_day.mean_change > 0
        if measure.kind == "confidence":
            to_follow_up = measure.changes[1].result
            assert to_follow_up.n == 7 and 0 < to_follow_up.mean_change
            retention = measure.retention.result
            assert retention.n == 6 and retention.effect is not None
    confidence = [m for m in result.measures if m.kind == "confidence"]
    last_day = mean([m.changes[0].result.mean_change for m in confidence])
    follow_up = mean([m.changes[1].result.mean_change for m in confidence])
    assert 2 <= last_day <= 3 and 0 < follow_up < last_day  # a small slip by three months
    assert all(c.result.n >= 5 for c in result.response_shift)


def test_demo_evaluation(demo, fake_stripe):
    assert CourseEvaluation.objects.count() == 2
    knowledge = Instrument.objects.get(kind="knowledge")
    forms = [item.form for item in knowledge.items.all()]
    assert forms.count("A") == forms.count("B") == len(demo_content.KNOWLEDGE_PAIRS)
    for item in knowledge.items.all():
        assert 1 <= item.correct_choice <= len(item.choice_list)

    assert mean(autumn_scores("last_day", "confidence")) > mean(
        autumn_scores("before", "confidence")
    )
    assert mean(autumn_scores("last_day", "knowledge")) > mean(autumn_scores("before", "knowledge"))
    assert EvaluationResponse.objects.filter(cohort__title="Current run", wave="before").exists()
    assert ResearchConsent.objects.filter(agreed=False, withdrawn_at=None).exists()
    withdrawn = ResearchConsent.objects.exclude(withdrawn_at=None)
    assert withdrawn.exists()
    research = EvaluationResponse.objects.for_research()
    assert not research.filter(pseudonym__in=withdrawn.values("pseudonym")).exists()
    assert research.count() < EvaluationResponse.objects.count()

    # The impact report of the Autumn 5-day cohort shows a gain on the learners who agreed.
    # (It has five places, so fewer than five matched pairs: the report says too few to test.)
    autumn = Cohort.objects.get(course__slug="five-day-course", title="Autumn")
    measures = report.cohort_report(autumn).measures
    changes = [c for m in measures for c in m.changes]
    to_last_day = [c.result for c in changes if c.label.endswith("on the last day")]
    assert to_last_day and all(c.n >= 1 and c.mean_change > 0 for c in to_last_day)
    assert all(c.result.n == 0 for c in changes if "three months" in c.label)  # none yet

    for summer in Cohort.objects.filter(title="Summer"):
        assert_tested_improvement(report.cohort_report(summer))

    # The demo learner has the before wave of the upcoming cohorts still to do.
    learner = User.objects.get(email="learner@example.com")
    due = waves_due(learner, timezone.localdate())
    assert due and all(d.wave == "before" for d in due)
    assert all(d.window.status(d.window.closes_on) == Status.OPEN for d in due)
    assert EvaluationResponse.objects.filter(pseudonym=pseudonym(learner.pk)).exists()

    counts = (EvaluationResponse.objects.count(), ResearchConsent.objects.count())
    learning_demo.seed()
    assert (EvaluationResponse.objects.count(), ResearchConsent.objects.count()) == counts
    assert Instrument.objects.count() == 5 and CourseEvaluation.objects.count() == 2
