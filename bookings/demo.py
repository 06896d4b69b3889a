"""Demo data for bookings: places that fill the small cohorts and give the demo learner a
confirmed place on the course that is running now; discount codes of every kind, two orders
that used one, and the Finance group's right to manage codes. Built through `hold_places`,
the service that guards capacity and code usage, then confirmed as an invoice booking would
be. Idempotent."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from bookings.models import DiscountCode, DiscountKind, Order, Place
from bookings.services.confirm import confirm_order
from bookings.services.holds import Attendee, hold_places
from cms.models import User
from courses.models import Cohort, CoursePage, PriceTier

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
    grant_finance_discount_codes()
    codes = seed_discount_codes()
    made += book_with_codes(learner)
    return [f"Bookings: {made} new orders, {codes} new discount codes."]


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


def grant_finance_discount_codes():
    """Finance staff manage discount codes; trainers get no such permission, so never see them."""
    group, _ = Group.objects.get_or_create(name="Finance")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="bookings",
            codename__in=[
                f"{action}_discountcode" for action in ("add", "change", "delete", "view")
            ],
        )
    )


def seed_discount_codes():
    """One code of each kind staff meet: current, fixed-amount, expired, used up, and free."""
    today = timezone.localdate()
    five_day = CoursePage.objects.get(slug="five-day-course")
    three_week = CoursePage.objects.get(slug="three-week-course")
    specs = [
        dict(
            code="PARTNER10",
            description="Staff of the partner trusts and university, on either course",
            kind=DiscountKind.PERCENT,
            value=10,
            valid_from=today - datetime.timedelta(days=60),
            tiers=PriceTier.objects.filter(name="Partner organisations"),
        ),
        dict(
            code="RIVERSIDE50",
            description="£50 off a team booking for the Riverside diabetes service",
            kind=DiscountKind.AMOUNT,
            value=5000,
            valid_to=today + datetime.timedelta(days=180),
            usage_limit=20,
            courses=[five_day],
        ),
        dict(
            code="WINTER25",
            description="Last winter's offer, kept so that old orders still show it",
            kind=DiscountKind.PERCENT,
            value=25,
            valid_from=today - datetime.timedelta(days=150),
            valid_to=today - datetime.timedelta(days=30),
        ),
        dict(
            code="LAUNCH20",
            description="Launch offer for the first ten orders (all taken)",
            kind=DiscountKind.PERCENT,
            value=20,
            usage_limit=10,
            times_used=10,  # the demo has no launch orders to count: say they were all taken
        ),
        dict(
            code="HOSPICE-SPONSOR",
            description="Places paid for by the hospice charity: nothing to pay",
            kind=DiscountKind.PERCENT,
            value=100,
            usage_limit=3,
            courses=[three_week],
        ),
    ]
    made = 0
    for spec in specs:
        courses, tiers = spec.pop("courses", []), spec.pop("tiers", [])
        code, created = DiscountCode.objects.get_or_create(code=spec.pop("code"), defaults=spec)
        if created:
            code.courses.set(courses)
            code.price_tiers.set(tiers)
            made += 1
    return made


def book_with_codes(buyer):
    """A manager books two partner colleagues with PARTNER10 (invoiced), and one hospice
    nurse takes a sponsored place with HOSPICE-SPONSOR (confirmed at once, nothing to pay)."""
    made = 0
    plans = [
        ("five-day-course", "PARTNER10", "Partner organisations", "invoice", COLLEAGUES[:2]),
        (
            "three-week-course",
            "HOSPICE-SPONSOR",
            "NHS and public sector",
            "invoice",
            [("Nia Okoro", "nurse")],
        ),
    ]
    for slug, code, tier_name, method, people in plans:
        if Order.objects.filter(discount_code__code=code).exists():
            continue
        cohort = Cohort.objects.get(course__slug=slug, title="Next run")
        tier = cohort.course.price_tiers.get(name=tier_name)
        attendees = [
            Attendee(
                name=name,
                email=f"{name.lower().replace(' ', '.')}.{code.lower()}@example.nhs.uk",
                price_tier_id=tier.pk,
                profession=profession,
                organisation_name="Riverside University Hospitals NHS Foundation Trust",
            )
            for name, profession in people
        ]
        order = hold_places(
            cohort_id=cohort.pk,
            buyer=buyer,
            attendees=attendees,
            payment_method=method,
            discount_code=code,
        )
        confirm_order(order_id=order.pk, message="Confirmed: to be invoiced to the employer")
        made += 1
    return made
