"""Signing at once (the issue task and the learner's first download, a double click): the
version's lock makes one badge, and two certificates drawing the same random status list
index both get one of their own. Without the lock, callers get different badges."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from certificates.badges import credential, status_list
from certificates.models import Certificate, CertificateVersion
from certificates.services import issue_certificate
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def rush(target, arguments):
    """Run target(argument) for each argument at once; returns (results, errors)."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        close_old_connections()
        barrier.wait()
        try:
            results.append(target(argument))
        except Exception as exc:  # noqa: BLE001 - report anything to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


@pytest.fixture
def unsigned(completed):
    """An issued certificate whose badge is not signed yet."""
    certificate = issue_certificate(completed.pk)
    CertificateVersion.objects.update(badge_jwt="")
    Certificate.objects.update(status_list_index=None)
    return certificate.current


def sign(version_id):
    return credential.ensure_badge(CertificateVersion.objects.get(pk=version_id))


def test_signings_at_once_make_one_badge(unsigned):
    tokens, errors = rush(sign, [unsigned.pk] * 4)
    assert not errors, errors
    assert len(set(tokens)) == 1
    assert CertificateVersion.objects.get(pk=unsigned.pk).badge_jwt == tokens[0]
    assert Certificate.objects.get().status_list_index is not None


def test_without_the_lock_callers_get_different_badges(unsigned, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")

    def unlocked(version_id):
        version = CertificateVersion.objects.select_related(
            "certificate__place__cohort__course", "certificate__place__attendee"
        ).get(pk=version_id)
        time.sleep(0.2)  # widen the window between checking and writing
        return version

    monkeypatch.setattr(credential, "locked_version", unlocked)
    tokens, errors = rush(sign, [unsigned.pk] * 4)
    assert not errors, errors
    assert len(set(tokens)) > 1  # each signed its own: the lock is what makes one


def test_the_same_random_index_drawn_at_once_is_drawn_again(cohort, monkeypatch):
    """Every certificate's first draw is index 5: one keeps it, the others draw again."""
    certificates = [
        CertificateFactory(place=place_on(cohort, UserFactory(email=f"l{n}@example.com")))
        for n in range(4)
    ]
    first_draws = set()
    real = status_list.secrets.randbelow

    def draw(limit):
        me = threading.get_ident()
        if me not in first_draws:
            first_draws.add(me)
            return 5
        return real(limit)

    monkeypatch.setattr(status_list.secrets, "randbelow", draw)
    indexes, errors = rush(status_list.allocate_index, [c.pk for c in certificates])
    assert not errors, errors
    assert len(set(indexes)) == 4 and 5 in indexes
    stored = Certificate.objects.values_list("status_list_index", flat=True)
    assert sorted(stored) == sorted(indexes)
