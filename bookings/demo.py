"""Demo data for bookings: places that fill the small cohorts, the demo learner's place on the
course that is running now, and card orders in every state (paid, awaiting payment, expired,
cancelled and refunded, moved to another date). Built through the same services the site uses
— `hold_places`, Stripe Checkout on the project's fake Stripe, `cancel_places`,
`transfer_place` — so every record is one the site could have made. Idempotent."""

import datetime

from django.utils import timezone

from bookings import demo_card
from bookings.models import Place
from bookings.services.confirm import confirm_order
from bookings.services.holds import Attendee, hold_places
from cms.models import User
from courses.models import Cohort

COLLEAGUES = [
    ("Grace Mensah", "nurse"),
    ("Tom Hughes", "ahp"),
    ("Aisha Rahman", "doctor"),
    ("Ben Carter", "pharmacist"),
    ("Leah Novak", "nurse"),
    ("Owen Price", "manager"),
]


def seed(scale=1):
    learner = User.objects.get(email="learner@example.com")
    made = 0
    for cohort in Cohort.objects.filter(title="Small group"):
        made += fill(cohort, learner)
    for cohort in Cohort.objects.filter(title="Current run"):
        if not Place.objects.filter(cohort=cohort, attendee=learner).exists():
            book(cohort, learner, [(learner.display_name, learner.email, "nurse")], now=None)
            made += 1
    made += demo_card.seed(learner)
    return [f"Bookings: {made} new orders."]


def fill(cohort, buyer):
    """Book every place left on `cohort` for a team, so that it shows as full."""
    left = cohort.capacity - Place.objects.live().filter(cohort=cohort).count()
    if left <= 0:
        return 0
    domain = "example.nhs.uk"
    team = [
        (name, f"{name.lower().replace(' ', '.')}.{cohort.pk}@{domain}", profession)
        for name, profession in COLLEAGUES[:left]
    ]
    book(cohort, buyer, team, now=None)
    return 1


def book(cohort, buyer, people, now):
    tier = cohort.course.price_tiers.order_by("-price_pence")[1]  # NHS and public sector
    attendees = [
        Attendee(
            name=name,
            email=email,
            price_tier_id=tier.pk,
            profession=profession,
            organisation_name="Riverside University Hospitals NHS Foundation Trust",
        )
        for name, email, profession in people
    ]
    # The running cohort has started, so it is no longer bookable: hold as of its booking window.
    when = now or min(timezone.now(), cohort.closes_at - datetime.timedelta(days=14))
    order = hold_places(
        cohort_id=cohort.pk, buyer=buyer, attendees=attendees, payment_method="invoice", now=when
    )
    return confirm_order(
        order_id=order.pk, now=when, message="Confirmed: to be invoiced to the employer"
    )
