"""Two issues for one place at once (a task retried while the first still runs, a double
click): the lock on the place makes one certificate; without it the race is real and only
the unique constraint stops a second valid certificate."""

import threading
import time

import pytest
from django.db import IntegrityError, close_old_connections, connection

from bookings.models import Place
from certificates import services
from certificates.models import Certificate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def rush(place_id, issuers=4):
    """`issuers` issues at once; returns (certificate ids returned, IntegrityErrors)."""
    barrier = threading.Barrier(issuers)
    issued, clashes, errors = [], [], []

    def run():
        close_old_connections()
        barrier.wait()
        try:
            issued.append(services.issue_certificate(place_id).pk)
        except IntegrityError:
            clashes.append(1)
        except Exception as exc:  # noqa: BLE001 - report anything else to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(issuers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return issued, len(clashes)


def test_two_issues_at_once_make_one_certificate(completed):
    issued, clashes = rush(completed.pk)
    assert clashes == 0 and len(set(issued)) == 1
    assert Certificate.objects.count() == 1


def test_without_the_lock_the_issues_race(completed, monkeypatch):
    """The guard matters: read unlocked, several issues pass the "has none yet" check."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")

    def unlocked(place_id):
        place = Place.objects.select_related("cohort__course").get(pk=place_id)
        time.sleep(0.2)  # widen the window between checking and writing
        return place

    monkeypatch.setattr(services, "locked_place", unlocked)
    for _ in range(5):
        Certificate.objects.all().delete()
        issued, clashes = rush(completed.pk)
        if clashes:
            assert Certificate.objects.count() == 1  # the constraint held
            return
    pytest.fail("without the lock, no rush reached the unique constraint")
