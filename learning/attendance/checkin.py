"""Self check-in from a code shown in the room. The code is a signed link naming the session
(and its start time, so moving the session retires the old code); it is honoured only from
`EARLY` before the session starts until it ends. A learner with a confirmed place who uses it
leaves a pending check-in; the trainer confirms them on the register
(`services.confirm_check_ins`), which is what records attendance."""

import datetime

import segno
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bookings.models import Place, PlaceStatus
from courses.models import CohortSession
from learning import exceptions
from learning.attendance.models import SessionCheckIn

SALT = "learning.attendance.checkin"
EARLY = datetime.timedelta(minutes=30)  # people arrive and register before the start


def check_in_token(session):
    return signing.dumps({"s": session.pk, "t": int(session.starts_at.timestamp())}, salt=SALT)


def check_in_url(session):
    return settings.SITE_URL + reverse("learning:check_in", args=[check_in_token(session)])


def window(session):
    """When the code is honoured: (opens, closes)."""
    return session.starts_at - EARLY, session.ends_at


def session_for_token(token):
    """The session a token names, or CheckInError: a bad signature, or a session since
    removed or moved, are the same to the learner."""
    try:
        data = signing.loads(token, salt=SALT)
        session = CohortSession.objects.select_related("cohort__course").get(pk=data["s"])
    except (signing.BadSignature, CohortSession.DoesNotExist, KeyError, TypeError):
        raise exceptions.CheckInError(exceptions.CHECK_IN_BAD_CODE) from None
    if data.get("t") != int(session.starts_at.timestamp()):
        raise exceptions.CheckInError(exceptions.CHECK_IN_BAD_CODE)
    return session


def check_window(session, now):
    opens, closes = window(session)
    if now < opens:
        local = timezone.localtime(opens)
        raise exceptions.CheckInError(
            exceptions.CHECK_IN_NOT_YET.format(
                session=session, time=f"{local:%H:%M}", date=f"{local:%A %-d %B %Y}"
            )
        )
    if now > closes:
        raise exceptions.CheckInError(exceptions.CHECK_IN_CLOSED.format(session=session))


def learner_place(user, session):
    place = (
        Place.objects.filter(
            cohort_id=session.cohort_id, attendee=user, status=PlaceStatus.CONFIRMED
        )
        .order_by("pk")
        .first()
    )
    if place is None:
        raise exceptions.CheckInError(exceptions.CHECK_IN_NO_PLACE.format(cohort=session.cohort))
    return place


def checkable_session(*, token, user, now=None):
    """The session `user` may check in to with `token` now, or CheckInError."""
    session = session_for_token(token)
    check_window(session, now or timezone.now())
    learner_place(user, session)
    return session


def check_in(*, token, user, now=None):
    """Record `user`'s check-in; a second scan keeps the first. Returns the check-in."""
    now = now or timezone.now()
    session = checkable_session(token=token, user=user, now=now)
    place = learner_place(user, session)
    try:
        with transaction.atomic():
            check_in, _ = SessionCheckIn.objects.get_or_create(
                place=place, session=session, defaults={"checked_in_at": now}
            )
    except IntegrityError:  # two scans at once: the other one stored it
        check_in = SessionCheckIn.objects.get(place=place, session=session)
    return check_in


def qr_data_uri(url):
    """The link as a QR code (an SVG data URI), large and with a quiet zone for a projector."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=4, dark="#000", light="#fff")
