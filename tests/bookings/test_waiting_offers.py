"""Offer rules: freed places go to the first entry they fit, are held 48 hours, and pass on
when declined or left to lapse; never more places than are free, never the same ones twice."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from bookings.exceptions import NotEnoughFreePlaces, OfferLinkUsed, OfferNotOpen, QueueFirst
from bookings.models import OrderStatus, Place, PlaceStatus, WaitingStatus
from bookings.services import offers
from bookings.services.confirm import confirm_order
from bookings.services.holds import Attendee
from bookings.tasks import send_waiting_list_offer, serve_waiting_lists
from courses.availability import places_taken
from tests.bookings.waiting import book, free, full, waiting
from tests.factories import StaffUserFactory
from tests.factories.bookings import WaitingListEntryFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what services queue after commit (offers, emails), as the real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def refreshed(*entries):
    for entry in entries:
        entry.refresh_from_db()
    return entries


def test_the_factory_builds_a_waiting_entry(site):
    entry = WaitingListEntryFactory()
    entry.full_clean()
    assert entry.status == WaitingStatus.WAITING and entry.email == entry.user.email


def test_freed_places_go_to_the_first_entry_they_fit(site, run_on_commit, mailoutbox):
    """Two places free: the team of three is skipped, the pair gets them, the single waits."""
    cohort = CohortFactory(capacity=4)
    hold = full(cohort, freeable=2)
    three = waiting(cohort, 3, minute=0)
    pair = waiting(cohort, 2, minute=1)
    single = waiting(cohort, 1, minute=2)
    run_on_commit(free, hold)
    refreshed(three, pair, single)
    assert [three.status, pair.status, single.status] == ["waiting", "offered", "waiting"]
    assert pair.order.places.filter(status=PlaceStatus.HELD).count() == 2
    assert pair.offered_cohort == cohort
    held_for = pair.order.hold_expires_at - timezone.now()
    assert datetime.timedelta(hours=47, minutes=59) < held_for <= datetime.timedelta(hours=48)
    assert pair.offer_expires_at == pair.order.hold_expires_at
    assert places_taken([cohort.pk])[cohort.pk] == 4
    assert [m.to for m in mailoutbox] == [[pair.email]]


def test_an_offer_never_outlives_booking(site, run_on_commit):
    closes = timezone.now() + datetime.timedelta(hours=10)
    cohort = CohortFactory(capacity=1, booking_closes=closes)
    hold = full(cohort, freeable=1)
    entry = waiting(cohort, minute=0)
    run_on_commit(free, hold)
    entry.refresh_from_db()
    assert entry.order.hold_expires_at == entry.offer_expires_at == closes


def test_first_come_first_served(site, run_on_commit):
    cohort = CohortFactory(capacity=2)
    hold = full(cohort, freeable=1)
    later = waiting(cohort, minute=5)
    earlier = waiting(cohort, minute=1)
    run_on_commit(free, hold)
    refreshed(later, earlier)
    assert (earlier.status, later.status) == ("offered", "waiting")


def test_never_more_places_offered_than_are_free(site, run_on_commit):
    """Three free: 1 to the first, the team of three skipped, 2 to the next; the last waits."""
    cohort = CohortFactory(capacity=4)
    hold = full(cohort, freeable=3)
    entries = [waiting(cohort, n, minute=i) for i, n in enumerate([1, 3, 2, 1])]
    run_on_commit(free, hold)
    statuses = [e.status for e in refreshed(*entries)]
    assert statuses == ["offered", "waiting", "offered", "waiting"]
    assert Place.objects.live().filter(cohort=cohort).count() == cohort.capacity
    assert offers.offer_free_places(cohort_id=cohort.pk) == []  # nothing left to offer


def test_another_date_for_those_who_said_it_would_do(site, run_on_commit):
    """A place frees on the autumn run: the spring entry who would take any date (and joined
    first) gets it ahead of autumn's own list; the spring entry who would not is passed over."""
    spring = CohortFactory(capacity=1)
    autumn = CohortFactory(course=spring.course, capacity=1)
    full(spring)
    hold = full(autumn, freeable=1)
    spring_only = waiting(spring, minute=0)
    any_date = waiting(spring, minute=1, any_cohort=True)
    autumn_own = waiting(autumn, minute=2)
    other_course = waiting(CohortFactory(capacity=1), minute=0, any_cohort=True)
    run_on_commit(free, hold)
    refreshed(spring_only, any_date, autumn_own, other_course)
    assert any_date.status == WaitingStatus.OFFERED and any_date.offered_cohort == autumn
    assert any_date.order.cohort == autumn
    assert [spring_only.status, autumn_own.status, other_course.status] == ["waiting"] * 3


def test_the_link_works_once(site, run_on_commit):
    cohort = CohortFactory(capacity=1)
    hold = full(cohort, freeable=1)
    entry = waiting(cohort, minute=0)
    run_on_commit(free, hold)
    entry.refresh_from_db()
    token = offers.offer_token(entry)
    order = offers.take_up_offer(token=token, user=entry.user)
    assert order == entry.order
    with pytest.raises(OfferLinkUsed):
        offers.take_up_offer(token=token, user=entry.user)
    with pytest.raises(OfferLinkUsed):
        offers.decline_offer(entry_id=entry.pk, user=entry.user, token=token)


def test_a_link_is_useless_to_anyone_else_or_when_tampered(site, run_on_commit):
    cohort = CohortFactory(capacity=1)
    hold = full(cohort, freeable=1)
    entry = waiting(cohort, minute=0)
    someone_else = waiting(cohort, minute=1).user
    run_on_commit(free, hold)
    entry.refresh_from_db()
    token = offers.offer_token(entry)
    assert offers.entry_for_token(token, someone_else) is None
    assert offers.entry_for_token(token[:-2] + "xx", entry.user) is None
    with pytest.raises(OfferNotOpen):
        offers.take_up_offer(token=token, user=someone_else)


def test_declining_passes_the_places_to_the_next(site, run_on_commit, mailoutbox):
    cohort = CohortFactory(capacity=2)
    hold = full(cohort, freeable=1)
    first, second = waiting(cohort, minute=0), waiting(cohort, minute=1)
    run_on_commit(free, hold)
    first.refresh_from_db()
    run_on_commit(offers.decline_offer, entry_id=first.pk, user=first.user)
    refreshed(first, second)
    assert first.status == WaitingStatus.DECLINED and first.closed_at
    assert first.order.status == OrderStatus.EXPIRED
    assert second.status == WaitingStatus.OFFERED
    assert Place.objects.live().filter(cohort=cohort).count() == 2
    assert [m.to[0] for m in mailoutbox] == [first.email, second.email]
    with pytest.raises(OfferNotOpen):
        offers.decline_offer(entry_id=first.pk, user=first.user)


def test_an_unused_offer_lapses_after_48_hours_and_passes_on(site, run_on_commit):
    cohort = CohortFactory(capacity=2)
    hold = full(cohort, freeable=1)
    first, second = waiting(cohort, minute=0), waiting(cohort, minute=1)
    run_on_commit(free, hold)
    assert run_on_commit(serve_waiting_lists.delay).get() == {"lapsed": 0, "offered": 0}
    later = timezone.now() + datetime.timedelta(hours=48, minutes=1)
    assert run_on_commit(offers.lapse_overdue_offers, now=later) == 1
    refreshed(first, second)
    assert first.status == WaitingStatus.LAPSED
    assert second.status == WaitingStatus.OFFERED


def test_the_lapse_sweep_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["serve-waiting-lists"]
    assert entry["task"] == serve_waiting_lists.name and entry["schedule"] <= 300


def test_taking_up_naming_and_paying_books_the_entry(site, run_on_commit):
    cohort = CohortFactory(capacity=2)
    hold = full(cohort, freeable=2)
    entry = waiting(cohort, 2, minute=0)
    run_on_commit(free, hold)
    entry.refresh_from_db()
    tier = cohort.course.price_tiers.order_by("-price_pence").first()
    people = [
        Attendee(name="Grace Mensah", email="grace@example.nhs.uk", price_tier_id=tier.pk),
        Attendee(name="Tom Hughes", email="tom@example.nhs.uk", price_tier_id=tier.pk),
    ]
    order = offers.name_offer_places(order_id=entry.order_id, user=entry.user, attendees=people)
    assert order.subtotal_pence == 2 * tier.price_pence
    assert sorted(order.places.values_list("attendee_name", flat=True)) == [
        "Grace Mensah",
        "Tom Hughes",
    ]
    confirm_order(order_id=order.pk, message="Paid by card")
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.BOOKED


def test_places_not_needed_go_to_the_next(site, run_on_commit):
    cohort = CohortFactory(capacity=3)
    hold = full(cohort, freeable=2)
    pair, single = waiting(cohort, 2, minute=0), waiting(cohort, 1, minute=1)
    run_on_commit(free, hold)
    pair.refresh_from_db()
    tier = cohort.course.price_tiers.first()
    only_me = [Attendee(name="Amara Okafor", email=pair.email, price_tier_id=tier.pk)]
    run_on_commit(
        offers.name_offer_places, order_id=pair.order_id, user=pair.user, attendees=only_me
    )
    refreshed(pair, single)
    assert pair.order.places.filter(status=PlaceStatus.HELD).count() == 1
    assert single.status == WaitingStatus.OFFERED
    assert Place.objects.live().filter(cohort=cohort).count() == 3


def test_raising_the_capacity_offers_the_new_places(site, run_on_commit):
    cohort = CohortFactory(capacity=2)
    full(cohort)
    entry = waiting(cohort, 2, minute=0)
    cohort.capacity = 4

    def edit():
        cohort.save()

    run_on_commit(edit)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED


def test_the_sweep_finds_places_freed_any_other_way(site, run_on_commit):
    """A place freed without an event (say, a cancellation made elsewhere) is offered by the
    beat task within the minute."""
    cohort = CohortFactory(capacity=2)
    order = full(cohort, freeable=1)
    entry = waiting(cohort, minute=0)
    order.places.update(status=PlaceStatus.CANCELLED)
    result = run_on_commit(serve_waiting_lists.delay).get()
    entry.refresh_from_db()
    assert result["offered"] == 1 and entry.status == WaitingStatus.OFFERED


def test_ordinary_bookings_cannot_take_places_the_queue_is_owed(site, run_on_commit):
    """A hold ran out a moment ago and the sweep has not run: the place is the queue's."""
    cohort = CohortFactory(capacity=3)
    book(cohort, 2)
    book(cohort, 1, confirm=False, now=timezone.now() - datetime.timedelta(hours=1))
    entry = waiting(cohort, minute=0)
    with pytest.raises(QueueFirst):
        run_on_commit(book, cohort, 1, confirm=False)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED  # offered at once, not at the next sweep


def test_ordinary_bookings_may_take_what_the_queue_cannot_use(site, run_on_commit):
    cohort = CohortFactory(capacity=5)
    book(cohort, 2)
    team = waiting(cohort, 4, minute=0)  # wants more than the 3 free
    single = waiting(cohort, 1, minute=1)
    run_on_commit(book, cohort, 2, confirm=False)  # 3 free, 1 owed: 2 may be booked
    refreshed(team, single)
    assert (team.status, single.status) == ("waiting", "offered")  # and the 1 is offered
    assert Place.objects.live().filter(cohort=cohort).count() == 5


def test_offer_by_hand_skips_the_queue_but_not_the_capacity(site, run_on_commit):
    cohort = CohortFactory(capacity=3)
    hold = full(cohort, freeable=2)
    first = waiting(cohort, minute=0)
    chosen = waiting(cohort, 2, minute=1)
    staff = StaffUserFactory()
    with pytest.raises(NotEnoughFreePlaces, match="wants 2 and 0 are free"):
        offers.offer_by_hand(entry_id=chosen.pk, actor=staff)
    hold.places.update(status=PlaceStatus.CANCELLED)  # two places free, not yet swept
    run_on_commit(offers.offer_by_hand, entry_id=chosen.pk, actor=staff)
    refreshed(first, chosen)
    assert (first.status, chosen.status) == ("waiting", "offered")
    assert chosen.order.events.filter(kind="offered", actor=staff).exists()
    with pytest.raises(OfferNotOpen):
        offers.offer_by_hand(entry_id=chosen.pk, actor=staff)


def test_the_offer_email_is_sent_once(site, run_on_commit, mailoutbox):
    cohort = CohortFactory(capacity=1)
    hold = full(cohort, freeable=1)
    entry = waiting(cohort, minute=0)
    run_on_commit(free, hold)
    entry.refresh_from_db()
    assert send_waiting_list_offer.delay(entry.pk).get() is False  # a replay sends nothing
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert cohort.course.title in message.subject
    assert f"/book/offers/{offers.offer_token(entry)}/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "48 hours" not in message.subject and "until" in message.body
