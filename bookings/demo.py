"""Demo data for bookings: places that fill the small cohorts, a confirmed place for the
demo learner on the course that is running now, and three organisations whose teams have
booked. Built through `hold_places`, the service that guards capacity, then confirmed as an
invoice booking would be. Idempotent."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from bookings import demo_content
from bookings.models import Order, Organisation, Place
from bookings.services.confirm import confirm_order
from bookings.services.holds import Attendee, hold_places
from cms.models import User
from courses.models import Cohort

MANAGER_LOGIN = "manager@example.com"

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
    grant_finance_organisations()
    made += seed_organisations()
    return [f"Bookings: {made} new orders, {Organisation.objects.count()} organisations."]


def grant_finance_organisations():
    """Finance keeps the organisations' billing details; trainers have no need to see them."""
    group, _ = Group.objects.get_or_create(name="Finance")
    for action in ("view", "add", "change"):
        group.permissions.add(Permission.objects.get(codename=f"{action}_organisation"))


def seed_organisations():
    organisations = {}
    for spec in demo_content.ORGANISATIONS:
        spec = dict(spec)
        name = spec.pop("name")
        organisations[name], _ = Organisation.objects.get_or_create(name=name, defaults=spec)
    made = 0
    for name, manager, course, title, team in demo_content.TEAM_BOOKINGS:
        organisation = organisations[name]
        buyer = demo_manager(manager)
        organisation.managers.add(buyer)
        cohort = Cohort.objects.filter(course__slug=course, title=title).first()
        if (
            cohort is None
            or Order.objects.filter(organisation=organisation, cohort=cohort).exists()
        ):
            continue
        domain = organisation.domains[0]
        people = [(n, f"{local}@{domain}", job) for n, local, job in team]
        book(cohort, buyer, people, now=None, organisation=organisation)
        made += 1
    return made


def demo_manager(manager):
    """The demo login, or a booker who never signs in (an unusable password)."""
    if manager is None:
        return User.objects.get(email=MANAGER_LOGIN)
    email, first, last = manager
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(
        email=email, first_name=first, last_name=last, profession="manager"
    )


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


def book(cohort, buyer, people, now, organisation=None):
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
        cohort_id=cohort.pk,
        buyer=buyer,
        attendees=attendees,
        payment_method="invoice",
        organisation=organisation,
        now=when,
    )
    return confirm_order(
        order_id=order.pk, now=when, message="Confirmed: to be invoiced to the employer"
    )
