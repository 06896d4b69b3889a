"""Passing a place on: the rules of `pass_place_on`, and the two emails it sends.

Scenario: Riverside trust (riverside.nhs.uk) has booked two confirmed places on a cohort that
starts in 30 days; Maya manages the trust's bookings.
"""

import datetime

import pytest
from django.utils import timezone

from bookings import exceptions
from bookings.models import PlaceStatus
from bookings.services.swap import NewAttendee, pass_place_on, why_not_passable
from bookings.signals import place_passed_on
from bookings.tasks import send_passed_on_joining_instructions, send_place_passed_on
from tests.factories import StaffUserFactory, UserFactory
from tests.factories.bookings import OrganisationFactory, book_for
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

TEAM = [("Grace Mensah", "grace@riverside.nhs.uk"), ("Tom Hughes", "tom@riverside.nhs.uk")]
LEAH = NewAttendee(name="Leah Novak", email="Leah.Novak@Riverside.nhs.uk", profession="ahp")


@pytest.fixture
def manager(db):
    return UserFactory(first_name="Maya", last_name="Manager", certificate_name="")


@pytest.fixture
def organisation(manager):
    return OrganisationFactory(name="Riverside NHS Trust", managers=[manager])


@pytest.fixture
def order(site, organisation):
    return book_for(organisation, CohortFactory(), TEAM)


def first_place(order):
    return order.places.order_by("pk").first()


def test_the_place_keeps_its_order_and_price_and_changes_hands(order, manager):
    place = first_place(order)
    place.requirements = "Step-free access"
    place.save()
    totals = (order.status, order.subtotal_pence, order.vat_pence, order.total_pence)
    passed = pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH)
    passed.refresh_from_db()
    assert (passed.pk, passed.order_id, passed.price_pence, passed.price_tier_id) == (
        place.pk,
        order.pk,
        place.price_pence,
        place.price_tier_id,
    )
    assert (passed.attendee_name, passed.attendee_email, passed.profession) == (
        "Leah Novak",
        "leah.novak@riverside.nhs.uk",
        "ahp",
    )
    assert passed.status == PlaceStatus.CONFIRMED
    assert passed.organisation_name == "Riverside NHS Trust"
    assert passed.requirements == ""  # Grace's needs are not Leah's
    order.refresh_from_db()
    assert (order.status, order.subtotal_pence, order.vat_pence, order.total_pence) == totals
    event = order.events.get(kind="place_passed_on")
    assert event.message == "Place passed from Grace Mensah to Leah Novak by manager Maya Manager"
    assert event.actor == manager


def test_the_new_attendee_is_linked_only_to_an_account_they_have_verified(order, manager):
    grace = UserFactory(email="grace@riverside.nhs.uk")
    place = first_place(order)
    place.attendee = grace
    place.save()
    leah = UserFactory(email="leah.novak@riverside.nhs.uk")
    assert pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH).attendee == leah

    UserFactory(email="ben@riverside.nhs.uk", email_address__verified=False)
    ben = NewAttendee(name="Ben Carter", email="ben@riverside.nhs.uk", profession="nurse")
    assert pass_place_on(place_id=place.pk, actor=manager, attendee=ben).attendee is None
    owen = NewAttendee(name="Owen Price", email="owen@riverside.nhs.uk", profession="nurse")
    assert pass_place_on(place_id=place.pk, actor=manager, attendee=owen).attendee is None


def test_a_held_place_can_be_passed_on_but_not_a_lapsed_one(site, organisation, manager):
    order = book_for(organisation, CohortFactory(), TEAM[:1], confirm=False)
    place = first_place(order)
    assert pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH).status == "held"
    later = place.hold_expires_at + datetime.timedelta(minutes=1)
    with pytest.raises(exceptions.PlaceNotPassable, match="confirmed or held"):
        pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH, now=later)


@pytest.mark.parametrize("status", [PlaceStatus.CANCELLED, PlaceStatus.TRANSFERRED])
def test_cancelled_and_transferred_places_stay_put(order, manager, status):
    place = first_place(order)
    place.status = status
    place.save()
    with pytest.raises(exceptions.PlaceNotPassable):
        pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH)


@pytest.mark.parametrize("days", [0, -2])
def test_not_once_the_course_has_started(order, manager, days):
    cohort = order.cohort
    cohort.start_date = timezone.localdate() + datetime.timedelta(days=days)
    cohort.save()
    with pytest.raises(exceptions.CohortStarted, match="has started"):
        pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=LEAH)


def test_only_places_booked_for_an_organisation(site):
    buyer = UserFactory()
    order = book_for(None, CohortFactory(), TEAM[:1], buyer=buyer)
    place = first_place(order)
    assert isinstance(why_not_passable(place), exceptions.NotForOrganisation)
    with pytest.raises(exceptions.NotForOrganisation):
        pass_place_on(place_id=place.pk, actor=buyer, attendee=LEAH)


def test_the_new_attendee_must_work_for_the_organisation(order, manager):
    outsider = NewAttendee(name="Sam", email="sam@gmail.com", profession="nurse")
    with pytest.raises(exceptions.OutsideOrganisation, match="ending in @riverside.nhs.uk"):
        pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=outsider)
    # Only staff may override the domain check.
    with pytest.raises(exceptions.OutsideOrganisation):
        pass_place_on(
            place_id=first_place(order).pk, actor=manager, attendee=outsider, outside_domain=True
        )
    place = pass_place_on(
        place_id=first_place(order).pk,
        actor=StaffUserFactory(),
        attendee=outsider,
        outside_domain=True,
    )
    assert place.attendee_email == "sam@gmail.com"


def test_an_organisation_without_domains_cannot_check_so_refuses(order, manager, organisation):
    organisation.email_domains = ""
    organisation.save()
    with pytest.raises(exceptions.OutsideOrganisation, match="no email domains"):
        pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=LEAH)


def test_someone_already_on_the_cohort_cannot_take_a_second_place(order, manager):
    tom = NewAttendee(name="Tom Hughes", email="TOM@riverside.nhs.uk", profession="ahp")
    with pytest.raises(exceptions.AlreadyAttending):
        pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=tom)
    grace = NewAttendee(name="Grace", email="grace@riverside.nhs.uk", profession="ahp")
    with pytest.raises(exceptions.AlreadyAttending):
        pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=grace)


def test_who_may_pass_a_place_on(order, organisation):
    place = first_place(order)
    with pytest.raises(exceptions.PassOnNotAllowed):
        pass_place_on(place_id=place.pk, actor=UserFactory(), attendee=LEAH)
    other_manager = UserFactory()
    OrganisationFactory(name="Hillside Trust", managers=[other_manager])
    with pytest.raises(exceptions.PassOnNotAllowed):
        pass_place_on(place_id=place.pk, actor=other_manager, attendee=LEAH)
    pass_place_on(place_id=place.pk, actor=order.buyer, attendee=LEAH)
    assert "by booker" in order.events.get(kind="place_passed_on").message


def test_each_person_is_emailed_once(
    order, manager, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()  # the confirmation
    place = first_place(order)
    with django_capture_on_commit_callbacks(execute=True):
        pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH)
    assert sorted(m.to[0] for m in mailoutbox) == ["grace@riverside.nhs.uk", LEAH.email.lower()]
    to_grace = next(m for m in mailoutbox if m.to == ["grace@riverside.nhs.uk"])
    assert "has been passed on" in to_grace.subject
    assert "Maya Manager" in to_grace.body and order.reference in to_grace.body
    to_leah = next(m for m in mailoutbox if m.to == [LEAH.email.lower()])
    assert "Maya Manager has passed a place on" in to_leah.body
    assert "Riverside NHS Trust" in to_leah.body
    assert to_leah.alternatives[0][1] == "text/html"
    assert to_leah.attachments[0][2] == "text/calendar"

    # Queued twice (a retried worker, a replayed message): nothing more is sent.
    event = order.events.get(kind="place_passed_on")
    assert send_place_passed_on.delay(place.pk, event.pk, "Grace", "grace@x").get() is False
    leah = LEAH.email.lower()
    assert send_passed_on_joining_instructions.delay(place.pk, event.pk, leah).get() is False
    assert len(mailoutbox) == 2


def test_a_place_passed_on_again_sends_instructions_only_to_its_holder(
    order, manager, mailoutbox, django_capture_on_commit_callbacks
):
    place = first_place(order)
    pass_place_on(place_id=place.pk, actor=manager, attendee=LEAH)  # tasks not run yet
    event = order.events.get(kind="place_passed_on")
    ben = NewAttendee(name="Ben Carter", email="ben@riverside.nhs.uk", profession="nurse")
    pass_place_on(place_id=place.pk, actor=manager, attendee=ben)
    mailoutbox.clear()
    leah = LEAH.email.lower()
    assert send_passed_on_joining_instructions.delay(place.pk, event.pk, leah).get() is False
    assert mailoutbox == []


def test_a_held_place_sends_nothing_until_confirmed(
    site, organisation, manager, mailoutbox, django_capture_on_commit_callbacks
):
    order = book_for(organisation, CohortFactory(), TEAM[:1], confirm=False)
    with django_capture_on_commit_callbacks(execute=True):
        pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=LEAH)
    assert mailoutbox == []


def test_downstream_apps_hear_once_after_commit(order, manager, django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, place, previous_attendee_id, actor, **kwargs):
        heard.append((place.attendee_name, actor))

    place_passed_on.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            pass_place_on(place_id=first_place(order).pk, actor=manager, attendee=LEAH)
            assert heard == []  # not before the commit
        for callback in callbacks:
            callback()
    finally:
        place_passed_on.disconnect(receiver)
    assert heard == [("Leah Novak", manager)]
