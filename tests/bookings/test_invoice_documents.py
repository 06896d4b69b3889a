"""Invoice and credit-note PDFs: everything a UK finance team checks before it pays is in
the text, exempt VAT says so, a receipt says there is nothing to pay, and a stored PDF is
rendered again only when its file has gone — never with a new number."""

import io

import pytest
from django.utils.dateformat import format as date_format
from pypdf import PdfReader

from bookings.invoicing.documents import ensure_pdf, render_pdf
from bookings.invoicing.issue import issue_credit_note
from bookings.models import InvoiceSequence
from tests.bookings.invoices import (
    add_catering_line,
    invoiced_order,
    pdf_text,
    receipt_for_card_booking,
)

pytestmark = pytest.mark.django_db


def day(date):
    return date_format(date, "j F Y")


def test_an_invoice_pdf_states_everything_finance_needs(site):
    order, invoice = invoiced_order()
    text = pdf_text(render_pdf(invoice))
    cohort = order.cohort
    for expected in [
        "Invoice",
        f"Invoice number {invoice.number}",
        f"Issue date {day(invoice.issue_date)}",
        f"Tax point {day(invoice.tax_point)}",
        f"Due date {day(invoice.due_date)}",
        "Psychological Medicine Education Partnership",
        "Weston Education Centre",
        "VAT number: GB999999973",
        "Bill to Riverside NHS Foundation Trust Riverside Hospital Accounts Payable Riverton "
        "RV1 4QT",
        "ODS code: RXR",
        "VAT number: GB987654321",
        "PO number: 4500123456",
        "Grace Hopper",
        "Alan Turing",
        cohort.course.title,
        f"{cohort.end_date:%-d} {cohort.end_date:%B %Y}",
        "£350.00 – £350.00 Exempt £0.00 £350.00",
        "Total net £700.00",
        "VAT exempt on £700.00 £0.00",
        "Total due £700.00",
        "Exempt: education supplied by an eligible body",
        "Payment terms: 30 days",
        "Bank account name KCL Education Partnership",
        "Sort code 20-00-00",
        "Account number 12345678",
        f"Payment reference {invoice.number}",
        "Send remittance advice to finance@example.org.",
        "Or pay by card: http://",
        "/invoices/pay/",
        f"{invoice.number} · page 1 of 1",  # every page's footer
    ]:
        assert expected in text, expected


def test_a_standard_rated_line_shows_its_rate_and_vat(site):
    _, invoice = invoiced_order()
    add_catering_line(invoice, net_pence=2500)
    text = pdf_text(render_pdf(invoice))
    assert "£25.00 – £25.00 20% £5.00 £30.00" in text
    assert "VAT at 20% on £25.00 £5.00" in text
    assert "Total VAT £5.00" in text and "Total due £730.00" in text


def test_a_course_at_the_standard_rate(site):
    _, invoice = invoiced_order(vat_treatment="standard")
    text = pdf_text(render_pdf(invoice))
    assert "£350.00 – £350.00 20% £70.00 £420.00" in text
    assert "Total due £840.00" in text and "Exempt" not in text


def test_no_po_is_said_plainly(site):
    _, invoice = invoiced_order(po="")
    assert "PO: not required" in pdf_text(render_pdf(invoice))


def test_a_card_receipt_has_nothing_to_pay(site):
    receipt = receipt_for_card_booking()
    text = pdf_text(render_pdf(receipt))
    assert "Invoice (receipt)" in text and receipt.number in text
    assert f"Paid by card on {day(receipt.issue_date)}: nothing to pay." in text
    assert "How to pay" not in text and "Total paid" in text


def test_a_credit_note_refers_to_its_invoice_with_its_reason(site):
    order, invoice = invoiced_order()
    grace = order.places.get(attendee_name="Grace Hopper")
    note = issue_credit_note(
        invoice_id=invoice.pk,
        amount_pence=35000,
        reason="Grace Hopper cannot attend",
        place_ids=[grace.pk],
    )
    text = pdf_text(render_pdf(note))
    for expected in [
        "Credit note",
        f"Credit note number {note.number}",
        f"Against invoice {invoice.number} of {day(invoice.issue_date)}",
        "Reason Grace Hopper cannot attend",
        "PO number: 4500123456",
        "Credit to Riverside NHS Foundation Trust",
        "Grace Hopper",
        "Total credited £350.00",
    ]:
        assert expected in text, expected
    assert "Alan Turing" not in text


def test_the_pdf_is_tagged_titled_and_in_english(site):
    _, invoice = invoiced_order()
    reader = PdfReader(io.BytesIO(render_pdf(invoice)))
    assert reader.metadata.title == f"Invoice {invoice.number}"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog


def test_ensure_pdf_stores_once_and_renders_again_when_the_file_is_gone(site):
    _, invoice = invoiced_order()
    stored = ensure_pdf(invoice)
    name = stored.name
    assert invoice.number in name  # a file left by an earlier test run gets a suffix
    invoice.refresh_from_db()
    assert invoice.pdf.name == name
    assert ensure_pdf(invoice).name == name  # twice: the same file, not a second one

    invoice.pdf.storage.delete(name)
    again = ensure_pdf(invoice)
    assert again.storage.exists(again.name)
    assert invoice.number in pdf_text(again.open("rb").read())
    invoice.refresh_from_db()
    assert invoice.pdf.name == again.name
    assert InvoiceSequence.objects.get(prefix="INV").last_number == invoice.sequence_number


def test_ensure_pdf_on_a_stale_copy_keeps_the_stored_file(site):
    """Two workers that both loaded the invoice before either stored its PDF: the second
    finds the first one's file under the row lock and keeps it."""
    _, invoice = invoiced_order()
    stale = type(invoice).objects.get(pk=invoice.pk)
    first = ensure_pdf(invoice).name
    assert ensure_pdf(stale).name == first
