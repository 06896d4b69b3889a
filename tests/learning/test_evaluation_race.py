"""Two submissions of one wave at once (a double click, two tabs): one is stored and the
others are refused with the clear "already answered" message, never a server error. The lock
on the place queues them; with the lock switched off the unique constraint still holds, and
its error becomes the same message."""

import datetime
import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from learning.evaluation import services
from learning.evaluation.models import EvaluationResponse
from learning.exceptions import WAVE_ANSWERED, EvaluationError
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import before_answers, course_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def place(user, course):
    course_evaluation(course)
    start = timezone.localdate() + datetime.timedelta(days=10)
    place = place_on(CohortFactory(course=course, start_date=start), user)
    services.record_consent(user=user, agreed=True)
    return place


def rush(user, place, submitters=4):
    """`submitters` submissions of the wave at once: (stored, refused messages)."""
    barrier = threading.Barrier(submitters)
    stored, refused, errors = [], [], []
    answers = before_answers()

    def run():
        close_old_connections()
        barrier.wait()
        try:
            services.submit_wave(user=user, place_id=place.pk, wave="before", answers=answers)
            stored.append(1)
        except EvaluationError as error:
            refused.append(error.message)
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
    return len(stored), refused


def test_a_wave_is_stored_once(user, place):
    stored, refused = rush(user, place)
    assert stored == 1 and refused == [WAVE_ANSWERED] * 3
    assert EvaluationResponse.objects.count() == 1


def test_without_the_lock_the_constraint_still_stores_one(user, place, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")
    from bookings.models import Place

    def unlocked(user, place_id):
        found = Place.objects.select_related("cohort").get(pk=place_id, attendee=user)
        time.sleep(0.2)  # widen the window between checking and writing
        return found

    monkeypatch.setattr(services, "learners_place", unlocked)
    stored, refused = rush(user, place)
    assert stored == 1 and refused == [WAVE_ANSWERED] * 3
    assert EvaluationResponse.objects.count() == 1
