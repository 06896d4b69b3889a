"""Invoicing rules: numbers, VAT, lines and totals, credit notes, payments received."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from bookings.exceptions import AwaitingPO, CreditTooLarge, InvoicingError, PaymentRefused
from bookings.invoicing.issue import issue_credit_note, issue_invoice
from bookings.invoicing.money import allocate, split_gross
from bookings.invoicing.numbering import format_number, next_number
from bookings.invoicing.receipts import record_payment
from bookings.invoicing.vat import course_rate
from bookings.models import InvoiceStatus, Organisation
from cms.models.settings import default_site_settings
from cms.validators import validate_vat_number
from tests.factories.bookings import OrganisationFactory, invoiced_order
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_numbers_are_short_enough_for_nhs_shared_services():
    number = format_number("INV", 2026, 123)
    assert number == "INV-2026-000123"
    assert len(format_number("CN", 2026, 999_999)) <= 39


def test_numbers_follow_on_per_prefix_and_year():
    with transaction.atomic():
        assert next_number("INV", 2026) == ("INV-2026-000001", 1)
        assert next_number("INV", 2026) == ("INV-2026-000002", 2)
        assert next_number("CN", 2026) == ("CN-2026-000001", 1)
        assert next_number("INV", 2027) == ("INV-2027-000001", 1)


def test_a_rolled_back_invoice_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number("INV", 2030)
        raise RuntimeError("rendering failed")
    with transaction.atomic():
        assert next_number("INV", 2030)[1] == 1


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (100, [1, 1, 1], [34, 33, 33]),
        (1, [50, 50], [1, 0]),
        (0, [3, 4], [0, 0]),
        (7, [0, 0], [0, 0]),
    ],
)
def test_allocation_adds_up_exactly(total, weights, expected):
    assert allocate(total, weights) == expected


def test_gross_splits_into_net_and_vat():
    assert split_gross(12000, Decimal(20)) == (10000, 2000)
    assert sum(split_gross(999, Decimal(20))) == 999


def test_course_fees_are_exempt_unless_the_course_says_otherwise(site):
    cohort = CohortFactory()
    assert course_rate(cohort.course).category == "E"
    cohort.course.vat_treatment = "standard"
    assert (course_rate(cohort.course).category, course_rate(cohort.course).percent) == (
        "S",
        Decimal(20),
    )


@pytest.mark.parametrize("number", ["GB999999973", "gb 999 9999 73", "GBGD001", "IE6388047V"])
def test_real_vat_numbers_pass(number):
    validate_vat_number(number)


@pytest.mark.parametrize("number", ["GB123456789", "GB12345", "123456789", "XX"])
def test_impossible_vat_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_vat_number(number)


def test_an_exempt_invoice_has_a_line_per_place_and_no_vat(site):
    order = invoiced_order(CohortFactory(), n=3, po_number="4500123456")
    invoice = order.invoices.get()
    lines = list(invoice.lines.all())
    assert [line.attendee_name for line in lines] == ["Colleague 0", "Colleague 1", "Colleague 2"]
    assert {line.vat_category for line in lines} == {"E"}
    assert invoice.total_pence == order.total_pence == sum(line.total_pence for line in lines)
    assert invoice.po_number == "4500123456"
    assert invoice.number.startswith(f"INV-{TODAY.year}-")
    assert invoice.due_date == TODAY + datetime.timedelta(days=30)
    assert invoice.supplier_vat_number == default_site_settings().vat_number


def test_standard_rated_lines_share_the_discount_and_vat_to_the_penny(site):
    cohort = CohortFactory()
    cohort.course.vat_treatment = "standard"
    cohort.course.save()
    order = invoiced_order(cohort, n=3)
    invoice = order.invoices.get()
    assert invoice.vat_pence == order.vat_pence > 0
    assert sum(line.vat_pence for line in invoice.lines.all()) == invoice.vat_pence
    assert invoice.total_pence == order.total_pence


def test_an_order_is_invoiced_once(site):
    order = invoiced_order(CohortFactory())
    again = issue_invoice(order_id=order.pk)
    assert again == order.invoices.get()


def test_no_invoice_while_the_po_is_awaited(site):
    trust = OrganisationFactory(po_required=True)
    order = invoiced_order(CohortFactory(), organisation=trust)
    assert not order.invoices.exists()
    with pytest.raises(AwaitingPO):
        issue_invoice(order_id=order.pk)


def test_credit_notes_have_their_own_sequence_and_never_exceed_the_invoice(site):
    invoice = invoiced_order(CohortFactory(), n=2).invoices.get()
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=10000, reason="one cancelled")
    assert note.number.startswith(f"CN-{TODAY.year}-")
    assert note.total_pence == 10000 == sum(line.total_pence for line in note.lines.all())
    with pytest.raises(CreditTooLarge) as refused:
        issue_credit_note(invoice_id=invoice.pk, amount_pence=invoice.total_pence, reason="x")
    assert refused.value.field == "amount"
    invoice.refresh_from_db()
    assert invoice.credited_pence == 10000
    assert invoice.credit_notes.count() == 1


def test_a_full_credit_closes_the_invoice_and_allows_a_new_one(site):
    order = invoiced_order(CohortFactory())
    first = order.invoices.get()
    issue_credit_note(invoice_id=first.pk, amount_pence=first.total_pence, reason="wrong address")
    first.refresh_from_db()
    assert first.status == InvoiceStatus.CREDITED
    second = issue_invoice(order_id=order.pk)
    assert second.pk != first.pk and second.sequence_number == first.sequence_number + 1


def test_payments_move_the_invoice_to_part_paid_then_paid_and_flag_overpayment(site):
    invoice = invoiced_order(CohortFactory(), n=2).invoices.get()
    half = invoice.total_pence // 2
    record_payment(invoice_id=invoice.pk, amount_pence=half, received_on=TODAY, reference="BACS1")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PART_PAID
    record_payment(
        invoice_id=invoice.pk,
        amount_pence=invoice.balance_pence + 500,
        received_on=TODAY,
        reference="BACS2",
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.overpaid
    assert invoice.balance_pence == -500


@pytest.mark.parametrize(
    ("amount", "reference", "received", "field"),
    [
        (0, "R1", TODAY, "amount"),
        (-5, "R1", TODAY, "amount"),
        (100, " ", TODAY, "reference"),
        (100, "R1", TODAY + datetime.timedelta(days=1), "received_on"),
    ],
)
def test_impossible_payments_are_refused_on_their_field(site, amount, reference, received, field):
    invoice = invoiced_order(CohortFactory()).invoices.get()
    with pytest.raises(PaymentRefused) as refused:
        record_payment(
            invoice_id=invoice.pk, amount_pence=amount, received_on=received, reference=reference
        )
    assert refused.value.field == field
    assert not invoice.payments.exists()


def test_the_same_reference_twice_is_refused(site):
    invoice = invoiced_order(CohortFactory()).invoices.get()
    record_payment(invoice_id=invoice.pk, amount_pence=100, received_on=TODAY, reference="B-77")
    with pytest.raises(PaymentRefused, match="already recorded") as refused:
        record_payment(invoice_id=invoice.pk, amount_pence=100, received_on=TODAY, reference="b-77")
    assert refused.value.field == "reference"
    invoice.refresh_from_db()
    assert invoice.paid_pence == 100


def test_overdue_is_read_from_the_due_date(site):
    invoice = invoiced_order(CohortFactory()).invoices.get()
    later = invoice.due_date + datetime.timedelta(days=1)
    assert not invoice.is_overdue(invoice.due_date)
    assert invoice.is_overdue(later) and invoice.display_status(later) == "Overdue"
    assert invoice in type(invoice).objects.overdue(later)


def test_organisation_po_formats(site):
    trust = Organisation(name="T", kind="nhs_trust", po_required=True, po_pattern="4500######")
    assert trust.po_problem("") == "Enter the purchase order number."
    assert trust.po_problem("4500123456") is None
    assert "format" in trust.po_problem("PO-123")


def test_invoicing_refuses_a_booking_with_nothing_confirmed(site):
    order = invoiced_order(CohortFactory())
    order.places.update(status="cancelled")
    issue_credit_note(
        invoice_id=order.invoices.get().pk, amount_pence=order.total_pence, reason="cancelled"
    )
    with pytest.raises(InvoicingError, match="no confirmed places"):
        issue_invoice(order_id=order.pk)


def test_cancelling_invoiced_places_issues_a_credit_note_by_the_policy(site):
    from bookings.services.cancel import cancel_places

    cohort = CohortFactory(start_date=TODAY + datetime.timedelta(days=20))  # 50% back
    order = invoiced_order(cohort, n=2, po_number="PO1")
    invoice = order.invoices.get()
    place = order.places.first()
    quote = cancel_places(order_id=order.pk, place_ids=[place.pk], actor=order.buyer)
    note = invoice.credit_notes.get()
    assert note.total_pence == quote.amount_pence == place.price_pence // 2
    assert [line.attendee_name for line in note.lines.all()] == [place.attendee_name]
    assert note.po_number == "PO1"


def test_a_card_refund_by_staff_is_matched_by_a_credit_note_on_the_receipt(fake_stripe, site):
    from bookings.services.cancel import cancel_places
    from tests.bookings.stripe import paid_order

    order = paid_order(fake_stripe, CohortFactory(start_date=TODAY + datetime.timedelta(days=60)))
    receipt = order.invoices.get()
    assert receipt.paid_by_card and receipt.status == InvoiceStatus.PAID
    cancel_places(order_id=order.pk, place_ids=[order.places.get().pk], actor=order.buyer)
    receipt.refresh_from_db()
    assert receipt.credited_pence == receipt.total_pence == order.refunds.get().amount_pence
