"""Demo invoices in every state, played through the invoicing services at the dates they
would have happened: paid by bank transfer (as are all the Summer runs' teams), part paid,
overdue, credited in full and issued again, credited for a cancelled place, and a booking
still waiting for its PO (made by bookings.demo's team bookings). Card bookings get their
paid receipts in bookings.demo_card. Idempotent: a step is skipped when its order exists."""

import contextlib
import datetime

from django.utils import timezone

from bookings import demo, demo_content
from bookings.invoicing.issue import issue_credit_note, issue_invoice
from bookings.invoicing.receipts import record_payment
from bookings.models import Order
from bookings.services.cancel import cancel_places
from courses.models import Cohort, CohortStatus

RIVERSIDE, MEADOWBANK, NORTHSHIRE = (o["name"] for o in demo_content.ORGANISATIONS)

# (organisation, course, cohort, days ago booked, team, what happened next)
STORIES = [
    (RIVERSIDE, "five-day-course", "Autumn", 100, demo_content.AUTUMN_TEAMS[0], "paid"),
    (MEADOWBANK, "three-week-course", "Autumn", 95, demo_content.AUTUMN_TEAMS[1], "part_paid"),
    (NORTHSHIRE, "five-day-course", "Autumn", 110, demo_content.AUTUMN_TEAMS[2], "overdue"),
    (MEADOWBANK, "five-day-course", "Current run", 20, demo_content.AUTUMN_TEAMS[3], "reissued"),
    (RIVERSIDE, "three-week-course", "Current run", 25, demo_content.AUTUMN_TEAMS[4], "part_paid"),
] + [
    # The Summer runs' teams, booked a month or more before those began and paid long since.
    (name, course, "Summer", 170 + 5 * n, team, "paid")
    for n, ((name, course), team) in enumerate(demo_content.SUMMER_TEAMS.items())
]


def seed(organisations):
    made = 0
    today = timezone.localdate()
    for name, course, title, days_ago, team, story in STORIES:
        cohort = Cohort.objects.filter(course__slug=course, title=title).first()
        organisation = organisations[name]
        if cohort is None or Order.objects.filter(organisation=organisation, cohort=cohort):
            continue
        buyer = demo.demo_manager(demo_content.BILLING_MANAGERS[name])
        organisation.managers.add(buyer)
        booked = timezone.now() - datetime.timedelta(days=days_ago)
        people = [(n, f"{local}@{organisation.domains[0]}", job) for n, local, job in team]
        with reopened(cohort):
            order = demo.book(cohort, buyer, people, now=booked, organisation=organisation)
        if story in STEPS:  # an overdue invoice is one nobody paid: nothing more happens
            STEPS[story](order, buyer, today)
        made += 1
    return made + credit_a_cancelled_place(organisations[NORTHSHIRE])


@contextlib.contextmanager
def reopened(cohort):
    """A finished cohort was open when it was booked: book it as it was then."""
    status = cohort.status
    Cohort.objects.filter(pk=cohort.pk).update(status=CohortStatus.OPEN)
    try:
        yield
    finally:
        Cohort.objects.filter(pk=cohort.pk).update(status=status)


def paid(order, buyer, today):
    invoice = order.invoices.get()
    record_payment(
        invoice_id=invoice.pk,
        amount_pence=invoice.total_pence,
        received_on=invoice.due_date - datetime.timedelta(days=4),
        reference=f"BACS {invoice.number}",
    )


def part_paid(order, buyer, today):
    """One of two places paid for (the other on a second budget line, still to come)."""
    invoice = order.invoices.get()
    record_payment(
        invoice_id=invoice.pk,
        amount_pence=invoice.total_pence // 2,
        received_on=min(today, invoice.due_date + datetime.timedelta(days=3)),
        reference=f"BACS {invoice.number} part",
    )


def reissued(order, buyer, today):
    """The practice moved its accounts office after the invoice went: credit and issue again."""
    invoice = order.invoices.get()
    issue_credit_note(
        invoice_id=invoice.pk,
        amount_pence=invoice.total_pence,
        reason="Billing address corrected: the practice's accounts office has moved",
        today=invoice.issue_date + datetime.timedelta(days=2),
    )
    order.billing.address_line_1 = "Unit 4, Riverside Business Park"
    order.billing.save(update_fields=["address_line_1"])
    issue_invoice(order_id=order.pk, today=invoice.issue_date + datetime.timedelta(days=2))


STEPS = {"paid": paid, "part_paid": part_paid, "reissued": reissued}


def credit_a_cancelled_place(council):
    """One of the council's team on the live online run cannot come: a credit note."""
    order = Order.objects.filter(organisation=council, cohort__title="Live online").first()
    if order is None or order.invoices.filter(credit_notes__isnull=False).exists():
        return 0
    place = order.places.filter(status="confirmed").last()
    if place is None:
        return 0
    cancel_places(order_id=order.pk, place_ids=[place.pk], actor=order.buyer, reason="Rota")
    return 1
