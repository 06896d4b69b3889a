"""Demo data for bookings: places that fill the small cohorts, the demo learner's place on the
course that is running now (confirmed as an invoice booking would be), card orders in every
state (bookings.demo_card), discount codes of every kind with two orders that used one
(bookings.demo_discounts), and three organisations whose teams have booked. Built through the
services the site uses, so every record is one the site could have made.

The full small cohorts have waiting lists with a history, played through the offer services
over the last few days: someone who declined, someone whose offer lapsed, an open offer and
someone still waiting. The demo learner has the open offer on one course and waits on the
other. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from bookings import demo_card, demo_content, demo_discounts, demo_invoices
from bookings.invoicing.po import pay_by_invoice
from bookings.models import Order, Organisation, Place, WaitingListEntry
from bookings.services.expiry import expire_order
from bookings.services.holds import HOLD_MINUTES, Attendee, hold_places
from bookings.services.offers import decline_offer, lapse_overdue_offers, offer_free_places
from bookings.services.waiting import join_waiting_list
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


# Who is on each small cohort's waiting list, in queue order: (name, places wanted).
# None is the demo learner.
WAITING = {
    "five-day-course": [("Priya Shah", 1), ("Daniel Okoro", 1), (None, 1), ("Hannah Lewis", 2)],
    "three-week-course": [("Sofia Rossi", 1), ("James Walker", 1), ("Chloe Evans", 1), (None, 2)],
}


def seed(scale=1):
    learner = User.objects.get(email="learner@example.com")
    organisations = ensure_organisations()
    made = entries = 0
    now = timezone.now()
    for cohort in Cohort.objects.filter(title="Small group"):
        made += fill(cohort, learner, lapsing_at=now - datetime.timedelta(days=3))
    for cohort in Cohort.objects.filter(title="Current run"):
        if not Place.objects.filter(cohort=cohort, attendee=learner).exists():
            book(cohort, learner, [(learner.display_name, learner.email, "nurse")], now=None)
            made += 1
    made += demo_card.seed(learner)
    for cohort in Cohort.objects.filter(title="Small group").select_related("course"):
        entries += seed_waiting_list(cohort, learner, now)
    codes = demo_discounts.seed_discount_codes()
    made += demo_discounts.book_with_codes(learner)
    made += book_for_teams(organisations)
    made += demo_invoices.seed(organisations)
    return [
        f"Bookings: {made} new orders, {entries} waiting-list entries, {codes} new discount "
        f"codes, {Organisation.objects.count()} organisations."
    ]


def ensure_organisations():
    organisations = {}
    for spec in demo_content.ORGANISATIONS:
        spec = dict(spec)
        name = spec.pop("name")
        organisations[name], _ = Organisation.objects.get_or_create(name=name, defaults=spec)
    return organisations


def book_for_teams(organisations):
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
        po = "" if (name, course) in demo_content.AWAITING_PO else None
        book(cohort, buyer, people, now=None, organisation=organisation, po=po)
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


def fill(cohort, buyer, lapsing_at):
    """Book the places left on `cohort` for a team, so that it shows as full. The last one is
    held by someone who never paid: the hold runs out (`lapsing_at`) and starts the waiting
    list's offers."""
    left = cohort.capacity - Place.objects.live().filter(cohort=cohort).count()
    if left <= 0:
        return 0
    domain = "example.nhs.uk"
    team = [
        (name, f"{name.lower().replace(' ', '.')}.{cohort.pk}@{domain}", profession)
        for name, profession in COLLEAGUES[: left - 1]
    ]
    if team:
        book(cohort, buyer, team, now=None)
    straggler = person("Ravi Patel")
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    me = Attendee(name="Ravi Patel", email=straggler.email, price_tier_id=tier.pk)
    hold_places(
        cohort_id=cohort.pk,
        buyer=straggler,
        attendees=[me],
        payment_method="card",
        now=lapsing_at - datetime.timedelta(minutes=HOLD_MINUTES + 1),
    )
    return 2 if team else 1


def person(name):
    email = f"{name.lower().replace(' ', '.')}@example.org"
    first, last = name.split(" ", 1)
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email=email, first_name=first, last_name=last)


@transaction.atomic  # offers queue emails and more offers: let them see the finished story
def seed_waiting_list(cohort, learner, now):
    """Four people join; a freed place is declined, lapses, then is offered and still open."""
    if WaitingListEntry.objects.filter(cohort=cohort).exists():
        return 0
    joined = now - datetime.timedelta(days=10)
    people = WAITING[cohort.course.slug]
    for i, (name, wanted) in enumerate(people):
        join_waiting_list(
            cohort_id=cohort.pk,
            user=person(name) if name else learner,
            places_wanted=wanted,
            any_cohort=False,
            now=joined + datetime.timedelta(hours=i * 5),
        )
    play_offers(cohort, freed_at=now - datetime.timedelta(days=3))
    return len(people)


def play_offers(cohort, freed_at):
    stale = cohort.orders.filter(status="pending", hold_expires_at__lte=freed_at)
    for order in stale:
        expire_order(order_id=order.pk, reason="Hold expired before payment", now=freed_at)
    first = offer_free_places(cohort_id=cohort.pk, now=freed_at)[0]
    declined_at = freed_at + datetime.timedelta(hours=5)
    decline_offer(entry_id=first.pk, user=first.user, now=declined_at)
    offer_free_places(cohort_id=cohort.pk, now=declined_at)
    lapsed_at = declined_at + datetime.timedelta(hours=48, minutes=1)
    lapse_overdue_offers(now=lapsed_at)
    offer_free_places(cohort_id=cohort.pk, now=lapsed_at)


def book(cohort, buyer, people, now, organisation=None, po=None):
    """Places for `people`, paid by invoice to `organisation` (Riverside when none) with a PO
    in its format, or awaiting its PO when `po` is ""."""
    tier = cohort.course.price_tiers.order_by("-price_pence")[1]  # NHS and public sector
    payer = organisation or Organisation.objects.get(name=demo_content.ORGANISATIONS[0]["name"])
    attendees = [
        Attendee(
            name=name,
            email=email,
            price_tier_id=tier.pk,
            profession=profession,
            organisation_name=payer.name,
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
    details = billing_details(payer, demo_po(payer, order) if po is None else po)
    return pay_by_invoice(order_id=order.pk, details=details, actor=buyer, now=when)


def billing_details(organisation, po):
    return {
        "organisation_name": organisation.name,
        "address_line_1": organisation.address_line_1,
        "address_line_2": organisation.address_line_2,
        "town": organisation.town,
        "postcode": organisation.postcode,
        "ods_code": organisation.ods_code,
        "billing_email": organisation.billing_email,
        "po_number": po,
        "vat_number": organisation.vat_number,
    }


def demo_po(organisation, order):
    """A PO in the organisation's own format (# a digit), made from the order's number."""
    digits = iter(f"{order.pk * 7919:012d}"[::-1])
    pattern = organisation.po_pattern or "DEMO-####"
    return "".join(next(digits) if c == "#" else c for c in pattern)
