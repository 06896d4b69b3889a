"""The demo quizzes: every demo module places a quiz of at least eight questions, each with
an explanation and a right answer; learners stand at every stage on the running 5-day
cohort; seeding twice changes nothing."""

import pytest

from cms.models import User
from learning import demo as learning_demo
from learning.models import ModulePage, ModuleProgress, Quiz, QuizAttempt
from learning.quizzes.selectors import module_quiz_refs
from learning.selectors import learning_dashboard

pytestmark = pytest.mark.django_db


def test_every_demo_module_has_a_sound_quiz(demo):
    modules = ModulePage.objects.live()
    assert modules.count() == 16
    for module in modules:
        [(quiz_id, required)] = module_quiz_refs(module)
        quiz = Quiz.objects.get(pk=quiz_id)
        questions = list(quiz.questions.prefetch_related("choices"))
        assert len(questions) >= 8 and required
        for question in questions:
            correct = [c for c in question.choices.all() if c.correct]
            assert question.explanation.strip()
            assert correct and (question.kind == "multiple" or len(correct) == 1)
            if question.kind == "true_false":
                assert [c.text for c in question.choices.order_by("sort_order")] == [
                    "True",
                    "False",
                ]


def stage(email, module_index, course="five-day-course"):
    user = User.objects.get(email=email)
    [item] = [
        c
        for c in learning_dashboard(user)
        if c.cohort.title == "Current run" and c.cohort.course.slug == course
    ]
    [quiz] = item.modules[module_index].quizzes
    if quiz.in_progress:
        return "half"
    if quiz.counting:
        return "passed" if quiz.passed else "failed"
    return "not started"


def test_learners_stand_at_every_stage(demo):
    learner = "learner@example.com"
    assert [stage(learner, i) for i in range(5)] == [
        "passed",
        "passed",
        "failed",
        "half",
        "not started",
    ]
    assert stage("ravi@example.com", 0) == "not started"
    assert stage("grace@example.com", 1) == "half"
    assert stage("owen@example.com", 0) == "failed"
    assert [stage("leah@example.com", i) for i in range(4)] == ["passed"] * 4
    leah = User.objects.get(email="leah@example.com")
    assert ModuleProgress.objects.filter(user=leah).count() == 4


def test_seeding_twice_changes_nothing(demo, fake_stripe):
    counts = (Quiz.objects.count(), QuizAttempt.objects.count(), ModuleProgress.objects.count())
    learning_demo.seed()
    again = (Quiz.objects.count(), QuizAttempt.objects.count(), ModuleProgress.objects.count())
    assert counts == again
    assert all(len(module_quiz_refs(m)) == 1 for m in ModulePage.objects.live())
