"""Pure functions: drawing an attempt's questions, snapshotting them, grading a snapshot.

No database here, so every rule is unit-tested directly. Each question is worth one mark;
a multiple-choice question scores only when exactly the correct choices are selected
(all or nothing, as the learner is told). A neutralised question scores for everyone.
"""

import random
from dataclasses import dataclass
from fractions import Fraction


def draw(bank_ids, count, previous_ids=(), rng=random):
    """`count` question ids from the bank (all of it when count is 0 or exceeds it), taken
    first from those the previous attempt did not ask, so a retake asks new questions
    wherever the bank has enough."""
    bank_ids = list(bank_ids)
    if not count or count >= len(bank_ids):
        return bank_ids
    previous = set(previous_ids)
    fresh = [q for q in bank_ids if q not in previous]
    if len(fresh) >= count:
        return rng.sample(fresh, count)
    asked = [q for q in bank_ids if q in previous]
    return fresh + rng.sample(asked, count - len(fresh))


def snapshot(quiz, questions, rng=random):
    """What the learner is asked, frozen: questions and choices in the order shown, which
    choices are correct, and the pass mark that applies."""
    questions = list(questions)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    frozen = []
    for question in questions:
        choices = list(question.choices.all())
        if quiz.shuffle_choices and question.kind != "true_false":  # True, then False
            rng.shuffle(choices)
        frozen.append(
            {
                "id": question.pk,
                "kind": question.kind,
                "text": question.text,
                "explanation": question.explanation,
                "neutralised": question.neutralised,
                "choices": [
                    {"id": c.pk, "text": c.text, "correct": c.correct, "feedback": c.feedback}
                    for c in choices
                ],
            }
        )
    return {"pass_mark": quiz.pass_mark_percent, "questions": frozen}


@dataclass(frozen=True)
class Result:
    marks: int
    total: int
    passed: bool
    per_question: dict  # {question id: True/False}

    @property
    def percent(self):
        return round(100 * self.marks / self.total) if self.total else 0


def question_scores(question, selected, neutralised=False):
    if neutralised or question.get("neutralised"):
        return True
    correct = {c["id"] for c in question["choices"] if c["correct"]}
    return set(selected) == correct and bool(correct)


def grade(frozen, answers, neutralised_ids=()):
    """Grade `answers` ({"question id": [choice ids]}) against the snapshot. Questions
    neutralised since the attempt started (`neutralised_ids`) score too."""
    neutralised_ids = set(neutralised_ids)
    per_question = {
        q["id"]: question_scores(q, answers.get(str(q["id"]), ()), q["id"] in neutralised_ids)
        for q in frozen["questions"]
    }
    marks, total = sum(per_question.values()), len(per_question)
    # Integers only: 79.99% must not round up to an 80% pass mark.
    passed = total > 0 and marks * 100 >= frozen["pass_mark"] * total
    return Result(marks, total, passed, per_question)


def corrected(frozen, current):
    """The snapshot with correct answers and neutralisation as the bank has them now
    (`current`: {question id: (neutralised, {correct choice ids})}). Questions or choices
    deleted since keep what the snapshot says."""
    questions = []
    for question in frozen["questions"]:
        now = current.get(question["id"])
        if now is None:
            questions.append(question)
            continue
        neutralised, correct_ids = now
        choices = [{**c, "correct": c["id"] in correct_ids} for c in question["choices"]]
        questions.append(
            {
                **question,
                "neutralised": question.get("neutralised") or neutralised,
                "choices": choices,
            }
        )
    return {**frozen, "questions": questions}


def counting_attempt(attempts, counting):
    """The submitted attempt that counts: highest (earliest of equals), latest or first."""
    done = sorted((a for a in attempts if a.submitted_at), key=lambda a: a.number)
    if not done:
        return None
    if counting == "latest":
        return done[-1]
    if counting == "first":
        return done[0]
    return max(done, key=lambda a: (Fraction(a.marks, a.total or 1), -a.number))
