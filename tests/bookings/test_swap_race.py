"""Two managers pass the same place on at the same moment: the place row's lock makes the
second hand-over see the first, so the timeline and the emails follow who really held it."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from bookings.models import Place
from bookings.services import swap
from tests.factories import UserFactory
from tests.factories.bookings import OrganisationFactory, book_for
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _no_emails_from_threads(monkeypatch):
    """The emails are tested elsewhere. Eager Celery tasks running in two threads at once can
    leave Celery's process-wide "joining would block" flag set, failing later tests."""
    monkeypatch.setattr(swap, "announce", lambda *args: None)


def rush(place, managers):
    """Each manager gives the place to a different colleague at once."""
    barrier = threading.Barrier(len(managers))

    def pass_on(i, manager):
        close_old_connections()
        barrier.wait()
        try:
            swap.pass_place_on(
                place_id=place.pk,
                actor=manager,
                attendee=swap.NewAttendee(
                    name=f"Colleague {i}", email=f"c{i}@riverside.nhs.uk", profession="nurse"
                ),
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=pass_on, args=(i, m)) for i, m in enumerate(managers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return sorted(
        place.order.events.filter(kind="place_passed_on").values_list("message", flat=True)
    )


def riverside_place(site):
    managers = [UserFactory(), UserFactory()]
    organisation = OrganisationFactory(email_domains="riverside.nhs.uk", managers=managers)
    order = book_for(organisation, CohortFactory(), [("Grace Mensah", "grace@riverside.nhs.uk")])
    return order.places.get(), managers


def test_the_second_hand_over_starts_from_the_first(site):
    place, managers = riverside_place(site)
    messages = rush(place, managers)
    assert sum("from Grace Mensah to" in m for m in messages) == 1
    assert sum("from Colleague" in m for m in messages) == 1


def test_without_the_lock_both_think_they_took_it_from_grace(site, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's BEGIN IMMEDIATE serialises every writer; the race needs PostgreSQL")

    def unlocked(place_id):
        place = Place.objects.select_related("order__organisation", "cohort__course").get(
            pk=place_id
        )
        time.sleep(0.2)  # widen the window between reading and writing
        return place

    monkeypatch.setattr(swap, "lock_place", unlocked)
    place, managers = riverside_place(site)
    messages = rush(place, managers)
    assert sum("from Grace Mensah to" in m for m in messages) == 2
