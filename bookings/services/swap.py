"""Passing a place on: a colleague from the same organisation takes an attendee's place.

The place keeps its id, order, price and any invoice or purchase order; only who attends
changes. The old attendee hears that it was passed on and the new one gets their own joining
instructions, both once and after commit.
"""

from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone

from bookings.exceptions import (
    AlreadyAttending,
    Busy,
    CohortStarted,
    NotForOrganisation,
    OutsideOrganisation,
    PassOnNotAllowed,
    PlaceNotPassable,
)
from bookings.models import OrderEvent, Place, PlaceStatus
from bookings.policy import substitution_refusal
from bookings.signals import place_passed_on
from bookings.tasks import send_passed_on_joining_instructions, send_place_passed_on
from cms.accounts import has_verified_email
from cms.models import User

ROLE_NAMES = {"manager": "manager", "booker": "booker", "staff": "staff member"}


@dataclass(frozen=True)
class NewAttendee:
    name: str
    email: str
    profession: str


def role_in(user, order):
    """Why `user` may pass on the order's places ("manager", "booker", "staff"), or None."""
    if order.organisation_id and order.organisation.managers.filter(pk=user.pk).exists():
        return "manager"
    if order.buyer_id == user.pk:
        return "booker"
    staff = user.is_staff and user.has_perm("bookings.manage_order")  # Finance, admins
    return "staff" if staff else None


def why_not_passable(place, now=None):
    """The exception that forbids passing `place` on now, or None if it may be."""
    now = now or timezone.now()
    if place.order.organisation_id is None:
        return NotForOrganisation()
    held = place.status == PlaceStatus.HELD and (place.hold_expires_at or now) > now
    if not (held or place.status == PlaceStatus.CONFIRMED):
        return PlaceNotPassable()
    if place.cohort.start_date <= timezone.localdate(now):
        return CohortStarted()
    too_late = substitution_refusal(place, timezone.localdate(now))
    return PlaceNotPassable(too_late) if too_late else None


def pass_place_on(*, place_id, actor, attendee, outside_domain=False, now=None):
    """Give the place to `attendee` (a NewAttendee). Staff may set `outside_domain` to allow
    an address outside the organisation's domains (a bank nurse's own address, say)."""
    now = now or timezone.now()
    email = attendee.email.strip().lower()
    with transaction.atomic():
        place = lock_place(place_id)
        role = role_in(actor, place.order)
        if role is None:
            raise PassOnNotAllowed()
        check_passable(place, email, actor, outside_domain, now)
        before = (place.attendee_name, place.attendee_email, place.attendee_id)
        give_place(place, attendee.name.strip(), email, attendee.profession)
        event = OrderEvent.objects.create(
            order=place.order,
            kind="place_passed_on",
            actor=actor,
            created_at=now,
            message=f"Place passed from {before[0]} to {place.attendee_name} by "
            f"{ROLE_NAMES[role]} {actor.display_name}"[:300],
        )
        announce(place, event, *before)
    return place


def lock_place(place_id):
    """Lock the place row, so two hand-overs of one place happen one after the other."""
    try:
        return (
            Place.objects.select_for_update(of=("self",))
            .select_related("order__organisation", "cohort__course")
            .get(pk=place_id)
        )
    except DatabaseError as exc:  # lock timeout: a polite "busy", not a hang
        raise Busy() from exc


def check_passable(place, email, actor, outside_domain, now):
    blocker = why_not_passable(place, now)
    if blocker:
        raise blocker
    others = Place.objects.live(now).filter(cohort=place.cohort_id).exclude(pk=place.pk)
    if email == place.attendee_email or others.filter(attendee_email=email).exists():
        raise AlreadyAttending()
    organisation = place.order.organisation
    staff_override = outside_domain and actor.is_staff and actor.has_perm("bookings.manage_order")
    if not organisation.owns_email(email) and not staff_override:
        raise OutsideOrganisation(organisation)


def give_place(place, name, email, profession):
    place.attendee_name = name
    place.attendee_email = email
    place.profession = profession
    place.organisation_name = place.order.organisation.name
    # The access or dietary needs were the previous attendee's, and theirs to keep private.
    place.requirements = ""
    # Only an address its owner has verified opens the course materials; anyone else claims
    # the place when they sign up.
    user = User.objects.filter(email=email).first()
    place.attendee = user if user and has_verified_email(user) else None
    place.save(
        update_fields=[
            "attendee_name",
            "attendee_email",
            "profession",
            "organisation_name",
            "requirements",
            "attendee",
        ]
    )


def announce(place, event, old_name, old_email, old_attendee_id):
    def after_commit():
        place_passed_on.send(
            sender=Place, place=place, previous_attendee_id=old_attendee_id, actor=event.actor
        )
        # A held place is not confirmed yet: its confirmation will carry the news.
        if place.status == PlaceStatus.CONFIRMED:
            send_place_passed_on.delay(place.pk, event.pk, old_name, old_email)
            send_passed_on_joining_instructions.delay(place.pk, event.pk, place.attendee_email)

    transaction.on_commit(after_commit)
