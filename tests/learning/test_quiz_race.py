"""Two submissions of one attempt at once (a double click, two tabs): the lock on the
attempt row grades it once and refuses the other; without the lock both are graded."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from learning.exceptions import QuizError
from learning.models import QuizAttempt
from learning.quizzes import services
from tests.learning.factories import module_with_quiz, quiz_with, right_answers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def started(learner, course):
    quiz = quiz_with(3)
    module = module_with_quiz(course, quiz)
    return services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)


def rush(learner, attempt, submitters=4):
    """`submitters` submissions of the attempt at once; returns how many were graded."""
    barrier = threading.Barrier(submitters)
    graded, errors = [], []
    answers = right_answers(attempt)

    def run():
        close_old_connections()
        barrier.wait()
        try:
            services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=answers)
            graded.append(1)
        except QuizError:
            pass  # refused politely: already submitted
        except Exception as exc:  # noqa: BLE001 - report anything else to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(submitters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return len(graded)


def test_an_attempt_is_graded_once(learner, course):
    attempt = started(learner, course)
    assert rush(learner, attempt) == 1
    assert QuizAttempt.objects.get(pk=attempt.pk).marks == 3


def test_without_the_lock_an_attempt_is_graded_twice(learner, course, monkeypatch):
    """The guard matters: reading the attempt unlocked lets every submission through."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")

    def unlocked(user, attempt_id):
        attempt = QuizAttempt.objects.select_related("quiz", "cohort", "module").get(
            pk=attempt_id, user=user
        )
        time.sleep(0.2)  # widen the window between checking and writing
        return attempt

    monkeypatch.setattr(services, "locked_attempt", unlocked)
    # A race is timing: try a few fresh rushes and expect one to grade twice.
    for _ in range(5):
        if rush(learner, started(learner, course)) > 1:
            return
    pytest.fail("without the lock, no rush graded an attempt twice")
