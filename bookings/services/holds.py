"""Holding places: the one place where a cohort's capacity is guarded."""

import datetime
import logging
from dataclasses import dataclass
from functools import partial

from django.db import DatabaseError, transaction
from django.utils import timezone

from bookings.exceptions import (
    Busy,
    CohortFull,
    CohortNotBookable,
    InvalidPriceTier,
    NotSaved,
    QueueFirst,
)
from bookings.invoicing.vat import course_rate
from bookings.models import (
    Order,
    OrderEvent,
    PaymentMethod,
    Place,
    PlaceStatus,
    WaitingListEntry,
)
from bookings.pricing import code_discount, order_totals, place_price
from bookings.services.discounts import claim_code
from bookings.tasks import offer_freed_places
from courses.availability import availability
from courses.models import Cohort

logger = logging.getLogger(__name__)

HOLD_MINUTES = 30


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str
    price_tier_id: int
    profession: str = ""
    organisation_name: str = ""
    requirements: str = ""


def lock_cohort(cohort_id):
    """Lock the cohort row for the rest of the transaction.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite ignores FOR UPDATE, but every transaction there
    is BEGIN IMMEDIATE (settings), which takes the database's write lock at once.
    """
    try:
        return (
            Cohort.objects.select_for_update(of=("self",))
            .select_related("course")
            .get(pk=cohort_id)
        )
    except DatabaseError as exc:  # lock timeout: a polite "busy", not a hang
        raise Busy() from exc


def verified_owners(emails):
    """Accounts that have proved they own these addresses: the place is theirs at once."""
    from allauth.account.models import EmailAddress

    wanted = [e.lower() for e in emails if e]
    rows = EmailAddress.objects.filter(email__in=wanted, verified=True)
    return {email.lower(): user_id for email, user_id in rows.values_list("email", "user_id")}


def hold_places(
    *,
    cohort_id,
    buyer,
    attendees,
    payment_method,
    discount_code="",
    organisation=None,
    submission_key=None,
    now=None,
    hold_minutes=HOLD_MINUTES,
    waiting_entry=None,
):
    """Hold one place per attendee for `hold_minutes`, or raise CohortFull (or, for a
    discount code that cannot be used, one of the CodeNotValid errors: nothing is held).

    Free places go to the waiting list first: an ordinary booking may take only what the
    queue cannot use. An offer to a waiting-list entry passes `waiting_entry`, and the order
    holding its places is attached to it. An order with nothing to pay (a 100% code) is
    confirmed at once. Places booked for an `organisation` carry its name, whatever each
    attendee's own field said.

    With a discount code, one use of it is claimed in the same transaction, or CodeNotValid
    is raised and nothing is held. An order with nothing to pay is confirmed at once.
    Idempotent per `submission_key`: a double click returns the order the first click made.
    """
    now = now or timezone.now()
    if submission_key:
        existing = Order.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            cohort = lock_cohort(cohort_id)
            tiers = price_tiers(cohort, attendees)
            owed = check_room(cohort, len(attendees), now, queue_first=waiting_entry is None)
            code, covered = claim(discount_code, cohort, attendees, now)
            expires = now + datetime.timedelta(minutes=hold_minutes)
            order = create_order(
                cohort, buyer, payment_method, submission_key, expires, code, organisation
            )
            places = create_places(order, attendees, tiers, now)
            price_order(order, places, code, covered)
            OrderEvent.objects.create(
                order=order,
                kind="held",
                actor=buyer,
                created_at=now,
                message=held_message(places, expires, now)
                + (f" for {organisation.name}" if organisation else "")
                + (f", with discount code {code}" if code else ""),
            )
            if waiting_entry is not None:
                waiting_entry.order = order
                waiting_entry.save(update_fields=["order"])
            if owed:
                transaction.on_commit(partial(offer_freed_places.delay, cohort.pk))
            if order.total_pence == 0 and waiting_entry is None:
                confirm_free(order, now)
    except QueueFirst:
        # The places are the waiting list's: offer them now rather than at the next sweep.
        transaction.on_commit(partial(offer_freed_places.delay, cohort_id))
        raise
    except DatabaseError as exc:
        # A double click that raced past the check above: the first click's order stands.
        existing = submission_key and Order.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
        # A write refused half way (a full disk, a failover, a constraint): the transaction
        # rolled all of it back, so the buyer is told nothing is held, not shown an error page.
        logger.exception("Booking on cohort %s not saved", cohort_id)
        raise NotSaved() from exc
    return order


def claim(discount_code, cohort, attendees, now):
    """The code and the price tiers it covers, its use counted under the cohort's lock."""
    if not discount_code:
        return None, set()
    return claim_code(
        text=discount_code,
        course=cohort.course,
        tier_ids={a.price_tier_id for a in attendees},
        today=timezone.localdate(now),
    )


def held_message(places, expires, now):
    until = timezone.localtime(expires)
    day = "" if until.date() == timezone.localtime(now).date() else f" on {until:%-d %b}"
    return f"{len(places)} place{'s' if len(places) != 1 else ''} held until {until:%H:%M}{day}"


def price_tiers(cohort, attendees):
    tiers = {t.pk: t for t in cohort.course.price_tiers.all()}
    if not attendees or any(a.price_tier_id not in tiers for a in attendees):
        raise InvalidPriceTier()
    return tiers


def cohort_state(cohort, now):
    """The cohort's availability, counted from live places: the one measure of what is free."""
    return availability(cohort, Place.objects.live(now).filter(cohort=cohort).count(), now)


def free_places(cohort, now):
    """Places that can be held on `cohort` now (none once it is closed, cancelled or past)."""
    state = cohort_state(cohort, now)
    return state.left if state.bookable else 0


def check_room(cohort, wanted, now, *, queue_first):
    """Raise unless `wanted` places are free; returns how many free places the queue is owed."""
    state = cohort_state(cohort, now)
    if not state.bookable:
        raise CohortFull() if state.reason == "full" else CohortNotBookable(state.label)
    if state.left < wanted:
        raise CohortFull(
            f"Only {state.left} place{'s' if state.left != 1 else ''} left on this cohort: "
            "book fewer places, or join the waiting list."
        )
    owed = WaitingListEntry.objects.places_owed(cohort, state.left) if queue_first else 0
    if state.left - owed < wanted:
        raise QueueFirst()
    return owed


def create_order(cohort, buyer, payment_method, submission_key, expires, code, organisation):
    return Order.objects.create(
        organisation=organisation,
        buyer=buyer,
        buyer_name=buyer.display_name,
        buyer_email=buyer.email,
        cohort=cohort,
        payment_method=payment_method,
        hold_expires_at=expires,
        submission_key=submission_key,
        discount_code=code,
        discount_use_held=code is not None,
    )


def create_places(order, attendees, tiers, now):
    owners = verified_owners([a.email for a in attendees])
    places = [
        Place(
            order=order,
            cohort=order.cohort,
            hold_expires_at=order.hold_expires_at,
            status=PlaceStatus.HELD,
            attendee_id=owners.get(a.email.lower()),
            **place_fields(order, a, tiers, now),
        )
        for a in attendees
    ]
    return Place.objects.bulk_create(places)


def place_fields(order, attendee, tiers, now):
    """Who holds a place and what it costs (a waiting-list offer names its people later)."""
    email = attendee.email.lower()
    tier = tiers[attendee.price_tier_id]
    return {
        "attendee_name": attendee.name,
        "attendee_email": email,
        "profession": attendee.profession,
        "organisation_name": (
            order.organisation.name if order.organisation else attendee.organisation_name
        ),
        "requirements": attendee.requirements,
        "price_tier": tier,
        "price_pence": place_price(tier, order.cohort, timezone.localdate(now)),
    }


def price_order(order, places, code, covered):
    """Totals from the places' prices; a code takes money off only the places it covers."""
    discount = 0
    if code:
        eligible = [p.price_pence for p in places if p.price_tier_id in covered]
        discount = code_discount(code.kind, code.value, eligible)
    totals = order_totals(
        [p.price_pence for p in places],
        vat_rate_percent=course_rate(order.cohort.course).percent,
        discount_pence=discount,
    )
    order.subtotal_pence = totals.subtotal_pence
    order.discount_pence = totals.discount_pence
    order.vat_pence = totals.vat_pence
    order.total_pence = totals.total_pence
    order.save(update_fields=["subtotal_pence", "discount_pence", "vat_pence", "total_pence"])


def confirm_free(order, now):
    """Nothing to pay (a 100% code, say): no card, no invoice, so nothing to wait for."""
    from bookings.services.confirm import confirm_order  # confirm -> transfer -> holds

    order.payment_method = PaymentMethod.FREE
    order.save(update_fields=["payment_method"])
    reason = f"with discount code {order.discount_code}" if order.discount_code_id else "free"
    confirm_order(order_id=order.pk, now=now, message=f"Nothing to pay ({reason}): confirmed")
    order.refresh_from_db()
