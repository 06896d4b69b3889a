"""Holding places: the one place where a cohort's capacity is guarded."""

import datetime
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone

from bookings.exceptions import Busy, CohortFull, CohortNotBookable, InvalidPriceTier
from bookings.models import Order, OrderEvent, PaymentMethod, Place, PlaceStatus
from bookings.pricing import code_discount, order_totals, place_price
from bookings.services.confirm import confirm_order
from bookings.services.discounts import claim_code
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
    discount_code="",
    submission_key=None,
    now=None,
):
    """Hold one place per attendee for HOLD_MINUTES, or raise CohortFull.

    With a discount code, one use of it is claimed in the same transaction, or CodeNotValid
    is raised and nothing is held. An order with nothing to pay is confirmed at once.
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
        check_room(cohort, len(attendees), now)
        code, covered = None, set()
        if discount_code:
            code, covered = claim_code(
                text=discount_code,
                course=cohort.course,
                tier_ids={a.price_tier_id for a in attendees},
                today=timezone.localdate(now),
            )
        expires = now + datetime.timedelta(minutes=HOLD_MINUTES)
        order = Order.objects.create(
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
        places = [new_place(order, a, tiers[a.price_tier_id], expires, now) for a in attendees]
        Place.objects.bulk_create(places)
        price_order(order, places, code, covered)
        OrderEvent.objects.create(
            order=order,
            kind="held",
            actor=buyer,
            created_at=now,
            message=f"{len(places)} place{'s' if len(places) != 1 else ''} held until "
            f"{timezone.localtime(expires):%H:%M}"
            + (f", with discount code {code}" if code else ""),
        )
        if order.total_pence == 0:
            confirm_free(order, now)
    return order


def check_room(cohort, wanted, now):
    taken = Place.objects.live(now).filter(cohort=cohort).count()
    state = availability(cohort, taken, now)
    if not state.bookable:
        raise CohortFull() if state.reason == "full" else CohortNotBookable(state.label)
    if state.left < wanted:
        raise CohortFull(
            f"Only {state.left} place{'s' if state.left != 1 else ''} left on this cohort: "
            "book fewer places, or join the waiting list."
        )


def new_place(order, attendee, tier, expires, now):
    buyer = order.buyer
    return Place(
        order=order,
        cohort=order.cohort,
        attendee=buyer if attendee.email.lower() == buyer.email.lower() else None,
        attendee_name=attendee.name,
        attendee_email=attendee.email.lower(),
        profession=attendee.profession,
        organisation_name=attendee.organisation_name,
        requirements=attendee.requirements,
        price_tier=tier,
        price_pence=place_price(tier, order.cohort, timezone.localdate(now)),
        hold_expires_at=expires,
        status=PlaceStatus.HELD,
    )


def price_order(order, places, code, covered):
    """Totals from the places' prices; a code takes money off only the places it covers."""
    discount = 0
    if code:
        eligible = [p.price_pence for p in places if p.price_tier_id in covered]
        discount = code_discount(code.kind, code.value, eligible)
    totals = order_totals(
        [p.price_pence for p in places],
        vat_rate_percent=default_site_settings().vat_rate_percent,
        discount_pence=discount,
    )
    order.subtotal_pence = totals.subtotal_pence
    order.discount_pence = totals.discount_pence
    order.vat_pence = totals.vat_pence
    order.total_pence = totals.total_pence
    order.save(update_fields=["subtotal_pence", "discount_pence", "vat_pence", "total_pence"])


def confirm_free(order, now):
    """Nothing to pay (a 100% code, say): no card, no invoice, so nothing to wait for."""
    order.payment_method = PaymentMethod.FREE
    order.save(update_fields=["payment_method"])
    reason = f"with discount code {order.discount_code}" if order.discount_code_id else "free"
    confirm_order(order_id=order.pk, now=now, message=f"Nothing to pay ({reason}): confirmed")
    order.refresh_from_db()
