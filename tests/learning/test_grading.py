"""Grading rules as pure functions: each question type, pass marks, neutralised questions,
which attempt counts, draws without repeats, corrected snapshots for regrading."""

import datetime
import random
from types import SimpleNamespace

from learning.quizzes import grading


def snap(*questions, pass_mark=80):
    return {"pass_mark": pass_mark, "questions": list(questions)}


def q(qid, kind, correct, n=3):
    return {
        "id": qid,
        "kind": kind,
        "text": f"Q{qid}",
        "explanation": "",
        "choices": [
            {"id": qid * 10 + i, "text": str(i), "correct": i in correct, "feedback": ""}
            for i in range(n)
        ],
    }


def test_single_choice_scores_only_the_right_choice():
    frozen = snap(q(1, "single", {1}), pass_mark=100)
    assert grading.grade(frozen, {"1": [11]}).marks == 1
    assert grading.grade(frozen, {"1": [10]}).marks == 0
    assert grading.grade(frozen, {}).marks == 0  # unanswered: no mark


def test_true_false_is_a_single_choice_of_two():
    frozen = snap(q(2, "true_false", {0}, n=2))
    assert grading.grade(frozen, {"2": [20]}).passed
    assert not grading.grade(frozen, {"2": [21]}).passed


def test_multiple_choice_is_all_or_nothing():
    frozen = snap(q(3, "multiple", {0, 2}))
    assert grading.grade(frozen, {"3": [30, 32]}).marks == 1
    assert grading.grade(frozen, {"3": [30]}).marks == 0  # partly right: no mark
    assert grading.grade(frozen, {"3": [30, 31, 32]}).marks == 0  # one too many
    assert grading.grade(frozen, {"3": [32, 30]}).marks == 1  # order does not matter


def test_the_pass_mark_is_inclusive_and_never_rounded_up():
    frozen = snap(*[q(i, "single", {0}) for i in range(1, 6)], pass_mark=80)
    four = {str(i): [i * 10] for i in range(1, 5)}
    result = grading.grade(frozen, four)
    assert (result.marks, result.total, result.percent, result.passed) == (4, 5, 80, True)
    three = {str(i): [i * 10] for i in range(1, 4)}
    assert not grading.grade(frozen, three).passed
    # 79.99% rounds to 80% for display but does not pass an 80% mark
    nine = snap(*[q(i, "single", {0}) for i in range(1, 10001)], pass_mark=80)
    answers = {str(i): [i * 10] for i in range(1, 8000)}
    assert not grading.grade(nine, answers).passed


def test_a_neutralised_question_scores_for_everyone():
    frozen = snap(q(1, "single", {0}), q(2, "single", {0}), pass_mark=100)
    assert grading.grade(frozen, {"1": [10]}, neutralised_ids={2}).passed
    frozen["questions"][1]["neutralised"] = True
    assert grading.grade(frozen, {"1": [10]}).passed


def attempt(number, marks, total=10, submitted=True):
    at = datetime.datetime(2026, 1, number, tzinfo=datetime.UTC) if submitted else None
    return SimpleNamespace(number=number, marks=marks, total=total, submitted_at=at)


def test_which_attempt_counts():
    attempts = [attempt(1, 5), attempt(2, 9), attempt(3, 7), attempt(4, 10, submitted=False)]
    assert grading.counting_attempt(attempts, "highest").number == 2
    assert grading.counting_attempt(attempts, "latest").number == 3
    assert grading.counting_attempt(attempts, "first").number == 1
    assert grading.counting_attempt([attempt(1, 0, submitted=False)], "highest") is None


def test_highest_compares_percentages_and_keeps_the_earliest_of_equals():
    attempts = [attempt(1, 8, total=10), attempt(2, 4, total=5), attempt(3, 9, total=12)]
    assert grading.counting_attempt(attempts, "highest").number == 1


def test_a_draw_avoids_the_previous_attempts_questions_where_the_bank_allows():
    bank = list(range(1, 11))
    rng = random.Random(7)
    first = grading.draw(bank, 5, rng=rng)
    second = grading.draw(bank, 5, previous_ids=first, rng=rng)
    assert len(set(first)) == len(set(second)) == 5
    assert not set(first) & set(second)


def test_a_small_bank_repeats_only_as_many_questions_as_it_must():
    bank = list(range(1, 8))
    first = grading.draw(bank, 5, rng=random.Random(1))
    second = grading.draw(bank, 5, previous_ids=first, rng=random.Random(2))
    assert len(set(second)) == 5
    assert set(bank) - set(first) <= set(second)  # both unasked questions are in
    assert len(set(first) & set(second)) == 3


def test_a_draw_of_nothing_or_too_many_asks_the_whole_bank():
    assert grading.draw([1, 2, 3], 0) == [1, 2, 3]
    assert grading.draw([1, 2, 3], 5) == [1, 2, 3]


def test_corrected_applies_the_banks_current_answers_to_a_snapshot():
    frozen = snap(q(1, "single", {0}), q(2, "single", {0}))
    fixed = grading.corrected(frozen, {1: (False, {11}), 3: (True, set())})
    assert [c["correct"] for c in fixed["questions"][0]["choices"]] == [False, True, False]
    assert fixed["questions"][1] == frozen["questions"][1]  # not in the bank now: unchanged
    assert frozen["questions"][0]["choices"][0]["correct"]  # the original is not mutated
    assert grading.grade(fixed, {"1": [11], "2": [20]}).marks == 2
