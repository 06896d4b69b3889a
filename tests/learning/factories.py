"""Factories for quizzes (kept beside the learning tests): a bank of questions, a module
that places the quiz, and a learner's attempt."""

import factory

from learning.quizzes.models import Choice, Question, Quiz, QuizAdjustment
from tests.factories.learning import ModulePageFactory


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark_percent = 80
    attempts_allowed = 0
    shuffle_questions = False
    shuffle_choices = False


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizFactory)
    kind = "single"
    text = factory.Sequence(lambda n: f"Question {n}: what is the PHQ-9's maximum score?")
    explanation = "Nine items scored 0 to 3 make 27."
    sort_order = factory.Sequence(int)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Choice {n}")
    correct = False
    feedback = ""
    sort_order = factory.Sequence(int)


class QuizAdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizAdjustment

    extra_time = ""
    extra_attempts = 0


def question(quiz, kind="single", correct=(0,), choices=3, text=None):
    """A question on `quiz` with `choices` choices, those at the `correct` indexes right."""
    made = QuestionFactory(quiz=quiz, kind=kind, **({"text": text} if text else {}))
    labels = ["True", "False"] if kind == "true_false" else [None] * choices
    for i, label in enumerate(labels):
        ChoiceFactory(
            question=made,
            correct=i in correct,
            feedback=f"Feedback {i}",
            **({"text": label} if label else {}),
        )
    return made


def quiz_with(questions=4, **kwargs):
    """A quiz of single-choice questions, each with the first of three choices right."""
    quiz = QuizFactory(**kwargs)
    for _ in range(questions):
        question(quiz)
    return quiz


def module_with_quiz(parent, quiz, required=True, **kwargs):
    body = [
        {"type": "rich_text", "value": "<p>The PHQ-9 scores 0 to 27.</p>"},
        {"type": "quiz", "value": {"quiz": quiz.pk, "required": required}},
    ]
    return ModulePageFactory(parent=parent, body=body, **kwargs)


def right_answers(attempt):
    """{question id: [correct choice ids]} for the attempt as asked."""
    return {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
        for q in attempt.snapshot["questions"]
    }


def wrong_answers(attempt):
    return {
        q["id"]: [next(c["id"] for c in q["choices"] if not c["correct"])]
        for q in attempt.snapshot["questions"]
    }
