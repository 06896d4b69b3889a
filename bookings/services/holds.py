"""Holding places: the one place where a cohort's capacity is guarded."""

import datetime
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone

from bookings.exceptions import Busy, CohortFull, CohortNotBookable, InvalidPriceTier
from bookings.models import Order, OrderEvent, Place, PlaceStatus
from bookings.pricing import order_totals, place_price
from cms.models.settings import default_site_settings
from courses.availability import availability
from courses.models import Cohort

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
        return Cohort.objects.select_for_update().select_related("course").get(pk=cohort_id)
    except DatabaseError as exc:  # lock timeout: a polite "busy", not a hang
        raise Busy() from exc


def hold_places(
    *,
    cohort_id,
    buyer,
    attendees,
    payment_method,
    organisation=None,
    submission_key=None,
    now=None,
):
    """Hold one place per attendee for HOLD_MINUTES, or raise CohortFull. Places booked for
    an `organisation` carry its name, whatever each attendee's own field said.

    Idempotent per `submission_key`: a double click returns the order the first click made.
    """
    now = now or timezone.now()
    if submission_key:
        existing = Order.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
    with transaction.atomic():
        cohort = lock_cohort(cohort_id)
        tiers = {t.pk: t for t in cohort.course.price_tiers.all()}
        if not attendees or any(a.price_tier_id not in tiers for a in attendees):
            raise InvalidPriceTier()
        taken = Place.objects.live(now).filter(cohort=cohort).count()
        state = availability(cohort, taken, now)
        if not state.bookable:
            raise CohortFull() if state.reason == "full" else CohortNotBookable(state.label)
        if state.left < len(attendees):
            raise CohortFull(
                f"Only {state.left} place{'s' if state.left != 1 else ''} left on this cohort: "
                "book fewer places, or join the waiting list."
            )
        expires = now + datetime.timedelta(minutes=HOLD_MINUTES)
        order = Order.objects.create(
            buyer=buyer,
            buyer_name=buyer.display_name,
            buyer_email=buyer.email,
            cohort=cohort,
            organisation=organisation,
            payment_method=payment_method,
            hold_expires_at=expires,
            submission_key=submission_key,
        )
        places = [
            Place(
                order=order,
                cohort=cohort,
                attendee=buyer if a.email.lower() == buyer.email.lower() else None,
                attendee_name=a.name,
                attendee_email=a.email.lower(),
                profession=a.profession,
                organisation_name=organisation.name if organisation else a.organisation_name,
                requirements=a.requirements,
                price_tier=tiers[a.price_tier_id],
                price_pence=place_price(tiers[a.price_tier_id], cohort, timezone.localdate(now)),
                hold_expires_at=expires,
                status=PlaceStatus.HELD,
            )
            for a in attendees
        ]
        Place.objects.bulk_create(places)
        totals = order_totals(
            [p.price_pence for p in places],
            vat_rate_percent=default_site_settings().vat_rate_percent,
        )
        order.subtotal_pence = totals.subtotal_pence
        order.discount_pence = totals.discount_pence
        order.vat_pence = totals.vat_pence
        order.total_pence = totals.total_pence
        order.save(update_fields=["subtotal_pence", "discount_pence", "vat_pence", "total_pence"])
        OrderEvent.objects.create(
            order=order,
            kind="held",
            actor=buyer,
            message=f"{len(places)} place{'s' if len(places) != 1 else ''} held until "
            f"{timezone.localtime(expires):%H:%M}"
            + (f" for {organisation.name}" if organisation else ""),
        )
    return order
