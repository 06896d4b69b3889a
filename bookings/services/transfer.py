"""Moving a confirmed place to another cohort of the same course.

A transfer is a new order for the new cohort, holding one place, with what was paid for the
old place as a credit. If the new date costs more, the buyer pays the difference by card and
the old place is released when that payment confirms (confirm_order calls
`complete_transfer`); if it costs the same or less, it confirms at once and any difference
is refunded.
"""

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import BookingError, PolicyRefused
from bookings.invoicing.issue import credit_order
from bookings.invoicing.vat import course_rate
from bookings.models import Order, OrderEvent, PaymentMethod, Place, PlaceStatus
from bookings.policy import paid_for, transfer_refusal
from bookings.pricing import order_totals, place_price
from bookings.services.holds import Attendee, hold_places
from bookings.services.refunds import refund_order
from bookings.signals import places_released


def transfer_options(place, today=None):
    """Other cohorts of the course this place could move to, each with its new price."""
    from courses.availability import with_availability

    today = today or timezone.localdate()
    cohorts = (
        place.cohort.course.cohorts.published()
        .upcoming(today)
        .exclude(pk=place.cohort_id)
        .select_related("course")
    )
    return [
        (cohort, place_price(place.price_tier, cohort, today))
        for cohort in with_availability(cohorts.for_listing())
        if cohort.availability.bookable
    ]


def transfer_place(
    *, place_id, to_cohort_id, actor, staff=False, waive_difference=False, today=None, now=None
):
    """The transfer order (confirmed already, or awaiting the difference by card). Staff may
    waive the difference: the place moves at the price already paid."""
    from bookings.services.confirm import confirm_order

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    with transaction.atomic():
        place = (
            Place.objects.select_for_update()
            .select_related("order", "cohort__course")
            .get(pk=place_id)
        )
        _check(place, to_cohort_id, staff, today)
        old = place.order
        credit_gross = paid_for(old, [place])
        credit_net = credit_gross * old.subtotal_pence // old.total_pence if old.total_pence else 0
        order = hold_places(
            cohort_id=to_cohort_id,
            buyer=old.buyer or actor,
            attendees=[_attendee(place)],
            payment_method=old.payment_method,
            now=now,
        )
        if waive_difference:
            credit_gross = credit_net = order.subtotal_pence
        _apply_credit(order, place, credit_net, actor)
        if order.total_pence == 0:
            order.payment_method = PaymentMethod.FREE if not credit_net else old.payment_method
            order.save(update_fields=["payment_method"])
            confirm_order(order_id=order.pk, message="Transferred with no difference to pay")
            back = max(0, credit_gross - _gross(order.subtotal_pence, order.cohort.course))
            refund_order(
                order=old,
                amount_pence=back,
                key=f"transfer-{place.pk}-{order.reference}",
                reason="the new date costs less",
                actor=actor,
            )
            credit_order(
                order=old,
                amount_pence=back,
                reason=f"{place.attendee_name} moved to a date that costs less",
                actor=actor,
                place_ids=[place.pk],
            )
    order.refresh_from_db()
    return order


def complete_transfer(order, actor=None):
    """Called by confirm_order: the old place goes, in the same transaction."""
    if not order.transfer_of_id:
        return
    moved = Place.objects.filter(pk=order.transfer_of_id, status=PlaceStatus.CONFIRMED).update(
        status=PlaceStatus.TRANSFERRED
    )
    if moved:
        old = Place.objects.select_related("order", "cohort").get(pk=order.transfer_of_id)
        OrderEvent.objects.create(
            order=old.order,
            kind="transferred",
            actor=actor,
            message=f"{old.attendee_name} moved to {order.cohort} (booking {order.reference})",
        )
        transaction.on_commit(
            lambda: places_released.send(sender=Order, cohort_id=old.cohort_id, count=1)
        )


def _check(place, to_cohort_id, staff, today):
    if place.status != PlaceStatus.CONFIRMED:
        raise BookingError("Only a confirmed place can move to another date.")
    if place.transfers.exclude(status__in=["expired", "cancelled"]).exists():
        raise BookingError("This place is already moving to another date: see your bookings.")
    target = place.cohort.course.cohorts.filter(pk=to_cohort_id).first()
    if target is None or target.pk == place.cohort_id:
        raise BookingError("Choose another date of the same course.")
    refusal = None if staff else transfer_refusal(place, today)
    if refusal:
        raise PolicyRefused(refusal)


def _attendee(place):
    return Attendee(
        name=place.attendee_name,
        email=place.attendee_email,
        price_tier_id=place.price_tier_id,
        profession=place.profession,
        organisation_name=place.organisation_name,
        requirements=place.requirements,
    )


def _apply_credit(order, place, credit_net, actor):
    new_place = order.places.get()
    new_place.attendee_id = place.attendee_id
    new_place.save(update_fields=["attendee"])
    totals = order_totals(
        [new_place.price_pence],
        vat_rate_percent=course_rate(order.cohort.course).percent,
        discount_pence=credit_net,
    )
    order.transfer_of = place
    order.subtotal_pence, order.discount_pence = totals.subtotal_pence, totals.discount_pence
    order.vat_pence, order.total_pence = totals.vat_pence, totals.total_pence
    order.save()
    OrderEvent.objects.create(
        order=order,
        kind="transfer",
        actor=actor,
        message=f"Moving {place.attendee_name} from {place.cohort} (booking {place.order})",
    )


def _gross(net_pence, course):
    rate = course_rate(course).percent
    return order_totals([net_pence], vat_rate_percent=rate).total_pence
