"""Demo discount codes — one of each kind staff meet: current, fixed-amount, expired, used
up, and free — and two orders that used one, made through `hold_places` and, for the invoiced
one, `pay_by_invoice` (so it has its invoice, as every invoiced booking on the site does).
Idempotent."""

import datetime

from django.utils import timezone

from bookings import demo_content
from bookings.invoicing.po import pay_by_invoice
from bookings.models import DiscountCode, DiscountKind, Order, OrderStatus, Organisation
from bookings.services.holds import Attendee, hold_places
from courses.models import Cohort, CoursePage, PriceTier


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
        (
            "five-day-course",
            "PARTNER10",
            "Partner organisations",
            "invoice",
            [("Grace Mensah", "nurse"), ("Tom Hughes", "ahp")],
        ),
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
        if order.status == OrderStatus.PENDING:  # the sponsored one is free: confirmed already
            invoice_to_riverside(order, buyer)
        made += 1
    return made


def invoice_to_riverside(order, buyer):
    from bookings.demo import billing_details  # bookings.demo imports this module

    riverside = Organisation.objects.get(name=demo_content.ORGANISATIONS[0]["name"])
    pay_by_invoice(order_id=order.pk, details=billing_details(riverside, po=""), actor=buyer)
