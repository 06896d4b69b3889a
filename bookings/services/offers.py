"""Offers from the waiting list.

When places come free on a cohort, the first entry in queue order whose count fits gets
them: `hold_places` holds them for that person for 48 hours in a pending order (so the one
capacity count, `Place.objects.live()`, already treats them as taken), and an email carries a
single-use link. Taking the offer up means naming the attendees and paying for that order;
declining it, or letting it lapse, frees the places and they pass to the next entry.

Locks are always taken in the same order: cohort, then order, then entry.
"""

import datetime
from functools import partial

from django.core import signing
from django.db import transaction
from django.utils import timezone

from bookings.exceptions import (
    BookingError,
    NotEnoughFreePlaces,
    OfferLinkUsed,
    OfferNotOpen,
)
from bookings.models import (
    Order,
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
    PlaceStatus,
    WaitingListEntry,
    WaitingStatus,
)
from bookings.services.expiry import expire_order
from bookings.services.holds import (
    Attendee,
    free_places,
    hold_places,
    lock_cohort,
    place_fields,
    price_order,
    price_tiers,
)
from bookings.tasks import offer_freed_places, send_waiting_list_offer
from courses.availability import with_availability
from courses.models import Cohort

OFFER_HOURS = 48
TOKEN_SALT = "bookings.waiting-list-offer"


def offer_free_places(*, cohort_id, now=None):
    """Offer a cohort's free places down its queue until none fits. Returns the entries."""
    now = now or timezone.now()
    offered = []
    with transaction.atomic():
        cohort = lock_cohort(cohort_id)
        while entry := next_that_fits(cohort, free_places(cohort, now)):
            make_offer(entry, cohort, now)
            offered.append(entry)
    return offered


def next_that_fits(cohort, free):
    """The first waiting entry (locked) that wants no more than `free` places, or None.

    An entry that wants more is skipped, not blocked on: a team of four waits for four."""
    if free <= 0:
        return None
    queue = WaitingListEntry.objects.queue_for(cohort).filter(places_wanted__lte=free)
    for entry_id in queue.values_list("pk", flat=True):
        # Lock and look again: another cohort's run may have offered an any-date entry.
        entry = (
            WaitingListEntry.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=entry_id)
        )
        if entry.status == WaitingStatus.WAITING:
            return entry
    return None


def offer_by_hand(*, entry_id, actor, now=None):
    """Staff offer places on the entry's own cohort now, whatever its place in the queue."""
    now = now or timezone.now()
    cohort_id = WaitingListEntry.objects.values_list("cohort_id", flat=True).get(pk=entry_id)
    with transaction.atomic():
        cohort = lock_cohort(cohort_id)
        entry = (
            WaitingListEntry.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=entry_id)
        )
        if entry.status != WaitingStatus.WAITING:
            raise OfferNotOpen(f"{entry.name} is not waiting: {entry.get_status_display()}.")
        free = free_places(cohort, now)
        if entry.places_wanted > free:
            raise NotEnoughFreePlaces(
                f"{entry.name} wants {entry.places_wanted} and {free} "
                f"{'is' if free == 1 else 'are'} free: no offer made."
            )
        return make_offer(entry, cohort, now, actor=actor)


def make_offer(entry, cohort, now, actor=None):
    """Hold the entry's places for OFFER_HOURS and queue the email. Caller holds the locks."""
    # Nobody is named yet: the person offered says who attends when they take the places up.
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    unnamed = Attendee(name="", email="", price_tier_id=getattr(tier, "pk", None))
    # 48 hours, or until booking closes if that is sooner: an offer never outlives booking.
    until = min(now + datetime.timedelta(hours=OFFER_HOURS), cohort.closes_at)
    order = hold_places(
        cohort_id=cohort.pk,
        buyer=entry.user,
        attendees=[unnamed] * entry.places_wanted,
        payment_method=PaymentMethod.CARD,
        now=now,
        hold_minutes=(until - now).total_seconds() / 60,
        waiting_entry=entry,
    )
    entry.status = WaitingStatus.OFFERED
    entry.offered_at = now
    entry.offer_expires_at = order.hold_expires_at
    entry.offered_cohort = cohort
    entry.offer_link_used_at = entry.offer_emailed_at = None
    entry.save()
    how = "by hand" if actor else "automatically, first in the queue that fits"
    OrderEvent.objects.create(
        order=order,
        kind="offered",
        actor=actor,
        created_at=now,
        message=f"Offered to {entry.name} from the waiting list ({how})",
    )
    transaction.on_commit(partial(send_waiting_list_offer.delay, entry.pk))
    return entry


# The link in the email. A signed token names the entry and this offer; `offer_link_used_at`
# makes it work once, so a forwarded or replayed email cannot act on the offer again.


def offer_token(entry):
    # Signer, not signing.dumps: the same offer always has the same link.
    return signing.Signer(salt=TOKEN_SALT).sign_object([entry.pk, entry.offered_at.timestamp()])


def entry_for_token(token, user):
    """The offered entry the token names, if it is `user`'s; otherwise None (not found)."""
    try:
        entry_id, stamp = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    entry = (
        WaitingListEntry.objects.select_related("offered_cohort__course", "order")
        .filter(pk=entry_id, user=user)
        .first()
    )
    if entry is None or entry.offered_at is None or entry.offered_at.timestamp() != stamp:
        return None
    return entry


def check_offer_open(entry, now):
    order = entry.order
    if (
        entry.status != WaitingStatus.OFFERED
        or order is None
        or order.status != OrderStatus.PENDING
        or order.hold_expires_at <= now
    ):
        raise OfferNotOpen()


def take_up_offer(*, token, user, now=None):
    """Use the link to take the places: returns the order to name attendees on and pay."""
    now = now or timezone.now()
    entry = entry_for_token(token, user)
    if entry is None:
        raise OfferNotOpen()
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=entry.order_id).first()
        entry = WaitingListEntry.objects.select_for_update().get(pk=entry.pk)
        entry.order = order
        check_offer_open(entry, now)
        if entry.offer_link_used_at:
            raise OfferLinkUsed()
        entry.offer_link_used_at = now
        entry.save(update_fields=["offer_link_used_at"])
        OrderEvent.objects.create(
            order=order, kind="offer_taken_up", actor=user, message="Offer taken up by its link"
        )
    return order


def decline_offer(*, entry_id, user, now=None, token=None):
    """Give the places back; they pass to the next entry. From the link (`token`, once) or
    from Your bookings."""
    now = now or timezone.now()
    if token is not None:
        named = entry_for_token(token, user)
        if named is None or named.pk != entry_id:
            raise OfferNotOpen()
    return close_entry(
        entry_id=entry_id,
        user=user,
        status=WaitingStatus.DECLINED,
        reason="Offer declined: the places pass to the next person on the waiting list",
        now=now,
        via_link=token is not None,
    )


def close_entry(*, entry_id, user, status, reason, now, via_link=False):
    """End an entry (declined, or left the list); an open offer's places are released."""
    order_id = (
        WaitingListEntry.objects.filter(pk=entry_id, user=user)
        .values_list("order_id", flat=True)
        .first()
    )
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first() if order_id else None
        entry = WaitingListEntry.objects.select_for_update().get(pk=entry_id, user=user)
        entry.order = order
        if status == WaitingStatus.DECLINED:
            check_offer_open(entry, now)
        elif not entry.is_active:
            raise OfferNotOpen("You are no longer on this waiting list.")
        if via_link and entry.offer_link_used_at:
            raise OfferLinkUsed()
        was_offered = entry.status == WaitingStatus.OFFERED
        entry.status = status
        entry.closed_at = now
        entry.offer_link_used_at = entry.offer_link_used_at or (now if via_link else None)
        entry.save(update_fields=["status", "closed_at", "offer_link_used_at"])
        if was_offered:
            expire_order(order_id=order.pk, reason=reason, now=now)
    return entry


def name_offer_places(*, order_id, user, attendees, now=None):
    """Name the people taking up an offer's places; places not needed go back to the queue."""
    now = now or timezone.now()
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("cohort__course")
            .get(pk=order_id, buyer=user)
        )
        entry = WaitingListEntry.objects.select_for_update().filter(order=order).first()
        if entry is None:
            raise OfferNotOpen()
        entry.order = order
        check_offer_open(entry, now)
        if order.payments.filter(status=PaymentStatus.OPEN).exists():
            raise BookingError(
                "You have started paying for these places: finish on the payment page, or "
                "come back when it has timed out."
            )
        held = list(order.places.filter(status=PlaceStatus.HELD))
        if not 1 <= len(attendees) <= len(held):
            raise BookingError(f"Name between 1 and {len(held)} people for these places.")
        tiers = price_tiers(order.cohort, attendees)
        for place, attendee in zip(held, attendees, strict=False):
            for field, value in place_fields(order, attendee, tiers, now).items():
                setattr(place, field, value)
            place.save()
        release_unneeded(order, held[len(attendees) :], user, now)
        price_order(order, held[: len(attendees)], None, set())
        OrderEvent.objects.create(
            order=order, kind="named", actor=user, message=f"{len(attendees)} attendees named"
        )
    return order


def release_unneeded(order, places, user, now):
    if not places:
        return
    order.places.filter(pk__in=[p.pk for p in places]).update(status=PlaceStatus.CANCELLED)
    OrderEvent.objects.create(
        order=order,
        kind="released",
        actor=user,
        created_at=now,
        message=f"{len(places)} place{'s' if len(places) != 1 else ''} not needed: released",
    )
    transaction.on_commit(partial(offer_freed_places.delay, order.cohort_id))


def lapse_overdue_offers(now=None):
    """Offers whose hold has run out: release the places (the next entry gets them)."""
    now = now or timezone.now()
    overdue = WaitingListEntry.objects.filter(
        status=WaitingStatus.OFFERED, order__hold_expires_at__lt=now
    ).values_list("order_id", flat=True)
    order_ids = list(overdue)
    for order_id in order_ids:
        expire_order(order_id=order_id, reason="Offer not taken up in time", now=now)
    return len(order_ids)


def serve_all_waiting_lists(now=None):
    """Offer free places on every cohort someone is waiting for. Returns offers made."""
    now = now or timezone.now()
    waiting = WaitingListEntry.objects.filter(status=WaitingStatus.WAITING)
    any_date_courses = waiting.filter(any_cohort=True).values("cohort__course_id")
    cohorts = Cohort.objects.filter(pk__in=waiting.values("cohort_id")) | Cohort.objects.filter(
        course_id__in=any_date_courses
    ).upcoming(timezone.localdate(now))
    cohorts = with_availability(cohorts.distinct(), now)
    with_room = [c.pk for c in cohorts if c.availability.bookable]
    return sum(len(offer_free_places(cohort_id=pk, now=now)) for pk in with_room)


def email_offer(*, entry_id, now=None):
    """Send the offer email once per offer; False when already sent or no longer open."""
    from bookings import emails

    now = now or timezone.now()
    with transaction.atomic():
        entry = (
            WaitingListEntry.objects.select_for_update(of=("self",))
            .select_related("offered_cohort__course", "order")
            .get(pk=entry_id)
        )
        if entry.status != WaitingStatus.OFFERED or entry.offer_emailed_at:
            return False
        emails.send_waiting_list_offer(entry, offer_token(entry))
        entry.offer_emailed_at = now
        entry.save(update_fields=["offer_emailed_at"])
        OrderEvent.objects.create(order=entry.order, kind="offer_sent", message="Offer emailed")
    return True
