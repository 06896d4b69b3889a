"""The bookings invariants (bookings/invariants.py), which the load soak checks after its run:
each passes on bookings the services made, and each names the record that breaks it — a
paid order whose places lapsed, a confirmed place nobody paid for, an oversold cohort, a
gap in the invoice numbers."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bookings import invariants
from bookings.invoicing.issue import credit_order
from bookings.models import Invoice, InvoiceSequence, Order, Payment
from bookings.services.confirm import confirm_order
from cms.invariant_checks import check_invariants
from tests.bookings.stripe import held_order, paid_order
from tests.factories import UserFactory
from tests.factories.bookings import OrganisationFactory, invoiced_order
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(capacity=4)


def test_bookings_the_services_made_hold_every_invariant(fake_stripe, cohort):
    """Paid by card, invoiced (one then credited in part), awaiting its PO, and a hold."""
    paid_order(fake_stripe, cohort)
    invoice = invoiced_order(cohort).invoices.get()
    credit_order(
        order=invoice.order, amount_pence=1000, reason="Goodwill", actor=None, place_ids=[]
    )
    fussy = OrganisationFactory(po_required=True)
    assert invoiced_order(cohort, organisation=fussy).invoices.count() == 0  # awaits its PO
    held_order(cohort)

    results = check_invariants()

    assert set(results) >= set(invariants.CHECKS) | {"no_certificate_twice"}
    assert results == {name: [] for name in results}


def test_a_paid_order_whose_places_lapsed(fake_stripe, cohort):
    order = paid_order(fake_stripe, cohort, n=2)
    order.places.update(status="expired")
    Order.objects.filter(pk=order.pk).update(status="expired")

    assert invariants.paid_orders_have_places() == [
        f"Order {order.reference} was paid by card but is expired, with 0 places confirmed "
        "and 2 held or lapsed."
    ]


def test_a_payment_taken_while_the_order_still_waits(fake_stripe, cohort):
    order = held_order(cohort)
    paid = paid_order(fake_stripe, cohort)
    Payment.objects.filter(order=paid).update(order=order)

    [violation] = invariants.paid_orders_have_places()
    assert violation.startswith(f"Order {order.reference} was paid by card but is awaiting")


def test_an_order_that_kept_two_card_payments(fake_stripe, cohort):
    order = paid_order(fake_stripe, cohort)
    other = paid_order(fake_stripe, cohort)
    Payment.objects.filter(order=other).update(order=order)

    assert invariants.orders_paid_once() == [f"Order {order.reference} kept 2 card payments."]


def test_confirmed_places_nobody_paid_for(cohort):
    card = held_order(cohort)
    confirm_order(order_id=card.pk, message="Confirmed by a bug")
    invoice = invoiced_order(cohort)
    Invoice.objects.filter(order=invoice).update(status="credited")

    assert invariants.confirmed_places_paid_for() == [
        f"Order {card.reference} has confirmed places but no card payment.",
        f"Order {invoice.reference} has confirmed places but no invoice, and awaits no "
        "purchase order.",
    ]


def test_an_oversold_cohort(fake_stripe, cohort):
    order = paid_order(fake_stripe, cohort, n=4)
    extra = order.places.first()
    extra.pk = None  # a fifth place written past the lock, as the naive hold does
    extra.save()

    assert invariants.no_cohort_over_capacity() == [
        f"Cohort {cohort.pk} ({cohort.title}) has 5 live places for a capacity of 4."
    ]


def test_lapsed_holds_do_not_count_against_capacity(cohort):
    order = held_order(cohort, n=4)
    order.places.update(hold_expires_at=order.created_at)
    held_order(cohort, n=4)

    assert invariants.no_cohort_over_capacity() == []


def test_a_gap_in_the_invoice_numbers(cohort):
    first, second, third = (invoiced_order(cohort).invoices.get() for _ in range(3))
    year = second.issue_date.year
    second.lines.all().delete()
    second.delete()  # as if its transaction had kept the number but lost the invoice
    InvoiceSequence.objects.filter(prefix="INV").update(last_number=4)  # a number lost at the end

    assert invariants.invoice_numbers_gapless() == [f"INV-{year} is missing number(s) 2, 4."]
    assert first.sequence_number == 1 and third.sequence_number == 3


def test_a_misprinted_number(cohort):
    first, second = (invoiced_order(cohort).invoices.get() for _ in range(2))
    year = first.issue_date.year
    Invoice.objects.filter(pk=second.pk).update(sequence_number=1)

    assert invariants.invoice_numbers_gapless() == [
        f"INV-{year}-000002 does not match its sequence number 1.",
        f"INV-{year} is missing number(s) 2.",
    ]


def test_a_number_beyond_the_sequence(cohort):
    invoice = invoiced_order(cohort).invoices.get()
    InvoiceSequence.objects.filter(prefix="INV").update(last_number=0)

    assert invariants.invoice_numbers_gapless() == [
        f"INV-{invoice.issue_date.year} has number 1 beyond its last number 0."
    ]


def test_the_command_names_what_does_not_hold(cohort, capsys):
    card = held_order(cohort, buyer=UserFactory())
    confirm_order(order_id=card.pk, message="Confirmed by a bug")

    with pytest.raises(CommandError, match="confirmed_places_paid_for"):
        call_command("check_invariants")

    out = capsys.readouterr().out
    assert "paid_orders_have_places: ok" in out
    assert "confirmed_places_paid_for: FAILED" in out
    assert f"Order {card.reference} has confirmed places but no card payment." in out


def test_the_command_passes_on_a_clean_database(cohort, capsys):
    invoiced_order(cohort)

    call_command("check_invariants", "--json")

    assert '"violations": []' in capsys.readouterr().out
