"""The demo's evaluation: both courses ask the programme's instruments; the Autumn cohorts
answered before and on the last day with a gain in confidence and knowledge, the running
cohorts before the course; some learners said no to research and one withdrew, and their
answers are not in research. Every knowledge item can be scored. Seeding twice changes
nothing."""

import pytest
from django.utils import timezone

from bookings import demo as bookings_demo
from cms.models import User
from courses import demo as courses_demo
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


def test_demo_evaluation(seeded, fake_stripe):
    courses_demo.seed()
    bookings_demo.seed()
    learning_demo.seed()
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
