"""The demo's card orders, one in each state, paid on an in-process fake Stripe that saves
its state where `make run`'s fake Stripe will find it (so refunds on them work there too)."""

import datetime

from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from bookings.models import Order
from bookings.payments import stripe_gateway
from bookings.payments.fake_stripe import FakeStripe
from bookings.services.cancel import cancel_places
from bookings.services.card import settle_checkout_session, start_card_payment
from bookings.services.expiry import expire_order
from bookings.services.holds import Attendee, hold_places
from bookings.services.transfer import transfer_place
from courses.models import Cohort

COLLEAGUE = ("Ben Carter", "ben.carter@example.nhs.uk", "ahp")


def seed(learner):
    if Order.objects.filter(submission_key__startswith="demo-card-").exists():
        return 0
    with (
        FakeStripe(state_file=settings.FAKE_STRIPE_STATE) as fake,
        override_settings(STRIPE_API_BASE=fake.url),
    ):
        return build(fake, learner)


def cohort(course_slug, title):
    return Cohort.objects.get(course__slug=course_slug, title=title)


def build(fake, learner):
    me = (learner.display_name, learner.email, "nurse")
    paid(fake, learner, cohort("three-week-course", "Next run"), [me, COLLEAGUE], "paid")
    hold(learner, cohort("five-day-course", "Live online"), [me], "pending")
    lapsed = hold(
        learner,
        cohort("three-week-course", "Live online"),
        [me],
        "expired",
        now=timezone.now() - datetime.timedelta(hours=2),
    )
    expire_order(order_id=lapsed.pk, reason="Hold expired before payment")
    cancelled = paid(fake, learner, cohort("five-day-course", "Next run"), [COLLEAGUE], "cancel")
    cancel_places(
        order_id=cancelled.pk,
        place_ids=list(cancelled.places.values_list("pk", flat=True)),
        actor=None,
        reason="Ben could not be released from the ward.",
    )
    moving = paid(fake, learner, cohort("five-day-course", "Next run"), [me], "moved")
    transfer_place(
        place_id=moving.places.get().pk,
        to_cohort_id=cohort("five-day-course", "Live online").pk,
        actor=learner,
        staff=True,
    )
    return 5


def hold(learner, on, people, key, now=None):
    tier = on.course.price_tiers.order_by("price_pence")[1]  # NHS and public sector
    attendees = [
        Attendee(name=n, email=e, price_tier_id=tier.pk, profession=p, organisation_name="")
        for n, e, p in people
    ]
    return hold_places(
        cohort_id=on.pk,
        buyer=learner,
        attendees=attendees,
        payment_method="card",
        submission_key=f"demo-card-{key}",
        now=now,
    )


def paid(fake, learner, on, people, key):
    order = hold(learner, on, people, key)
    url = start_card_payment(
        order_id=order.pk,
        success_url=settings.SITE_URL + "/account/bookings/",
        cancel_url=settings.SITE_URL + "/account/bookings/",
    )
    session_id = url.rsplit("/", 1)[-1]
    with fake.store.lock:
        fake.store.pay(session_id)
    session = stripe_gateway.retrieve_checkout_session(session_id)
    settle_checkout_session(session, source="Stripe webhook")
    order.refresh_from_db()
    return order
