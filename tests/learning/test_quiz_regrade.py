"""Regrading is an explicit step: after a trainer corrects a question, a dry run lists whose
result would change (nothing is written), applying it updates those attempts and records
who did it; neutralising a question gives everyone its mark, past and future. Also the
admin screens: trainers write quizzes and regrade; attempts are read only."""

import pytest
from django.urls import reverse

from cms import demo as cms_demo
from learning.models import ModuleProgress, Quiz, QuizAttempt, QuizRegrade
from learning.quizzes import services
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, quiz_with, right_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return quiz_with(2, pass_mark_percent=100)


@pytest.fixture
def module(course, quiz):
    return module_with_quiz(course, quiz)


@pytest.fixture
def trainer(trainer_user):
    trainer_user.is_staff = True
    trainer_user.save()
    trainer_user.groups.add(cms_demo.staff_group("Trainers"))
    return trainer_user


def take(user, module, quiz, answers_for):
    attempt = services.start_attempt(user=user, module=module, quiz_id=quiz.pk)
    return services.submit_attempt(user=user, attempt_id=attempt.pk, answers=answers_for(attempt))


def choose_second_choice(attempt):
    """Everyone picked the second choice: wrong, until the trainer corrects the key."""
    return {q["id"]: [q["choices"][1]["id"]] for q in attempt.snapshot["questions"]}


@pytest.fixture
def results(learner, cohort, module, quiz):
    """Amara chose the second choice everywhere (0/2); Ben chose the right ones (2/2)."""
    ben = UserFactory(email="ben@example.com")
    place_on(cohort, ben)
    return take(learner, module, quiz, choose_second_choice), take(ben, module, quiz, right_answers)


def correct_the_key(quiz):
    """The bank said the first choice was right; the second one was."""
    first = quiz.questions.order_by("sort_order").first()
    choices = list(first.choices.order_by("sort_order"))
    choices[0].correct, choices[1].correct = False, True
    for choice in choices:
        choice.save()
    return first


def test_the_dry_run_lists_whose_result_would_change_and_writes_nothing(quiz, results):
    amara, ben = results
    correct_the_key(quiz)
    changes = services.regrade_preview(quiz)
    assert [(a.pk, r.marks) for a, _, r in changes] == [(amara.pk, 1), (ben.pk, 1)]
    amara.refresh_from_db()
    assert amara.marks == 0 and not QuizRegrade.objects.exists()


def test_applying_updates_the_attempts_and_records_who_and_what(quiz, results, trainer):
    amara, ben = results
    correct_the_key(quiz)
    regrade = services.apply_regrade(quiz=quiz, by=trainer)
    amara.refresh_from_db()
    ben.refresh_from_db()
    assert (amara.marks, ben.marks, ben.passed) == (1, 1, False)
    assert regrade.by == trainer and regrade.kind == "regrade"
    assert {c["attempt"]: c["after"]["marks"] for c in regrade.changes} == {
        amara.pk: 1,
        ben.pk: 1,
    }
    assert {c["user"] for c in regrade.changes} == {amara.user_id, ben.user_id}
    assert services.regrade_preview(quiz) == []  # applied: nothing left to change


def test_neutralising_gives_everyone_the_mark_past_and_future(
    learner, cohort, module, quiz, results, trainer
):
    amara, _ = results
    for question in quiz.questions.all():
        services.neutralise_question(question=question, by=trainer)
    amara.refresh_from_db()
    assert (amara.marks, amara.passed) == (2, True)
    assert ModuleProgress.objects.filter(user=learner, module=module).exists()
    assert QuizRegrade.objects.filter(kind="neutralise").count() == 2
    later = take(learner, module, quiz, lambda a: {})
    assert later.passed  # a new attempt gets the mark too


def test_regrading_a_snapshot_keeps_what_was_asked(quiz, results):
    amara, _ = results
    first = correct_the_key(quiz)
    first.text = "Edited wording"
    first.save()
    services.apply_regrade(quiz=quiz, by=None)
    amara.refresh_from_db()
    asked = next(q for q in amara.snapshot["questions"] if q["id"] == first.pk)
    assert asked["text"] != "Edited wording"
    assert [c["correct"] for c in asked["choices"]] == [False, True, False]


# The admin screens.


def signed_in(client, user):
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return client


def regrade_url(quiz):
    return reverse("wagtailsnippets_learning_quiz:regrade", args=[quiz.pk])


def test_trainers_regrade_through_the_dry_run_then_apply(client, quiz, results, trainer):
    correct_the_key(quiz)
    signed_in(client, trainer)
    html = client.get(regrade_url(quiz)).content.decode()
    assert "amara@example.com" in html and "Apply the regrade to 2 attempts" in html
    response = client.post(regrade_url(quiz), follow=True)
    assert "2 result(s) changed" in response.content.decode()
    assert QuizRegrade.objects.get().by == trainer


def test_trainers_can_neutralise_from_the_regrade_screen(client, quiz, results, trainer):
    question = quiz.questions.first()
    signed_in(client, trainer)
    client.post(regrade_url(quiz), {"question": question.pk})
    question.refresh_from_db()
    assert question.neutralised and QuizRegrade.objects.get().question == question


def test_staff_without_the_permission_cannot_regrade(client, quiz):
    signed_in(client, UserFactory(is_staff=True))
    assert client.get(regrade_url(quiz)).status_code in (302, 403)


def test_trainers_can_add_quizzes_and_view_attempts_but_not_edit_them(client, trainer, results):
    signed_in(client, trainer)
    assert client.get(reverse("wagtailsnippets_learning_quiz:add")).status_code == 200
    attempts = reverse("wagtailsnippets_learning_quizattempt:list")
    assert client.get(attempts).status_code == 200
    attempt = QuizAttempt.objects.first()
    edit = reverse("wagtailsnippets_learning_quizattempt:edit", args=[attempt.pk])
    assert client.get(edit).status_code in (302, 403)
    superuser = StaffUserFactory()
    signed_in(client, superuser)
    assert client.get(edit).status_code in (302, 403)  # read only, even for admins


def quiz_form(kind, choices):
    """The admin form's data for a quiz of one question; `choices`: [(text, correct)]."""
    data = {
        "title": "PHQ-9 check",
        "intro": "",
        "pass_mark_percent": "80",
        "attempts_allowed": "0",
        "counting": "highest",
        "draw_count": "0",
        "questions_per_page": "5",
        "shuffle_questions": "on",
        "review": "full",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-kind": kind,
        "questions-0-text": "The PHQ-9 diagnoses depression.",
        "questions-0-explanation": "It screens and measures severity; diagnosis needs assessment.",
        "questions-0-ORDER": "1",
        "questions-0-id": "",
        "questions-0-DELETE": "",
        "questions-0-choices-TOTAL_FORMS": str(len(choices)),
        "questions-0-choices-INITIAL_FORMS": "0",
        "questions-0-choices-MIN_NUM_FORMS": "2",
        "questions-0-choices-MAX_NUM_FORMS": "1000",
    }
    for i, (label, correct) in enumerate(choices):
        data |= {
            f"questions-0-choices-{i}-text": label,
            f"questions-0-choices-{i}-feedback": "",
            f"questions-0-choices-{i}-ORDER": str(i + 1),
            f"questions-0-choices-{i}-id": "",
            f"questions-0-choices-{i}-DELETE": "",
        }
        if correct:
            data[f"questions-0-choices-{i}-correct"] = "on"
    return data


def test_a_quiz_is_written_with_questions_and_choices_inline(client, trainer):
    signed_in(client, trainer)
    data = quiz_form("true_false", [("True", False), ("False", True)])
    response = client.post(reverse("wagtailsnippets_learning_quiz:add"), data)
    assert response.status_code == 302
    question = Quiz.objects.get(title="PHQ-9 check").questions.get()
    assert [(c.text, c.correct) for c in question.choices.order_by("sort_order")] == [
        ("True", False),
        ("False", True),
    ]


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [("0 to 27", True), ("0 to 21", True)], "Mark exactly one choice"),
        ("single", [("0 to 27", False), ("0 to 21", False)], "Mark exactly one choice"),
        ("multiple", [("Tiredness", False), ("Guilt", False)], "at least one choice"),
        ("true_false", [("True", True), ("False", False), ("Maybe", False)], "exactly two"),
    ],
)
def test_a_question_whose_choices_cannot_be_scored_is_refused(
    client, trainer, kind, choices, message
):
    signed_in(client, trainer)
    response = client.post(reverse("wagtailsnippets_learning_quiz:add"), quiz_form(kind, choices))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Quiz.objects.exists()


def test_every_learning_admin_screen_opens(client, quiz, results, trainer, course):
    from learning.models import QuizAdjustment

    adjustment = QuizAdjustment.objects.create(user=trainer, course=course, extra_time="2")
    attempt = QuizAttempt.objects.first()
    signed_in(client, StaffUserFactory())
    urls = [
        reverse("wagtailsnippets_learning_quiz:list"),
        reverse("wagtailsnippets_learning_quiz:edit", args=[quiz.pk]),
        reverse("wagtailsnippets_learning_quizattempt:list"),
        reverse("wagtailsnippets_learning_quizattempt:inspect", args=[attempt.pk]),
        reverse("wagtailsnippets_learning_quizadjustment:list"),
        reverse("wagtailsnippets_learning_quizadjustment:edit", args=[adjustment.pk]),
        reverse("wagtailsnippets_learning_quizregrade:list"),
        regrade_url(quiz),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    listing = client.get(reverse("wagtailsnippets_learning_quiz:list")).content.decode()
    assert regrade_url(quiz) in listing  # the Regrade button


def test_trainers_see_only_the_attempts_of_cohorts_they_teach(client, trainer, results, course):
    from tests.factories.courses import CohortFactory

    other_cohort = CohortFactory(course=course, title="Another run")
    stranger = UserFactory(email="stranger@example.com")
    place_on(other_cohort, stranger)
    QuizAttempt.objects.filter(user__email="ben@example.com").update(cohort=other_cohort)
    signed_in(client, trainer)
    listing = client.get(reverse("wagtailsnippets_learning_quizattempt:list")).content.decode()
    assert "amara@example.com" in listing or "Amara" in listing
    assert "ben@example.com" not in listing
    bens = QuizAttempt.objects.get(user__email="ben@example.com")
    inspect = reverse("wagtailsnippets_learning_quizattempt:inspect", args=[bens.pk])
    assert client.get(inspect).status_code == 404
