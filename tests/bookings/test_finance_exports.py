"""Finance exports as CSV for a date range: the header and every row exactly as an
accounting package reads them (ISO dates, pounds with two decimals), one row per line;
the form's errors on its fields; trainers kept out."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from bookings.finance.exports import CREDIT_NOTE_HEADER, INVOICE_HEADER, PAYMENT_HEADER
from bookings.invoicing.issue import issue_credit_note
from bookings.invoicing.receipts import record_payment
from tests.bookings.finance import invoiced, staff_in
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CohortFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

URL = "/admin/finance/exports/"
TODAY = timezone.localdate()
ISO = TODAY.isoformat()


@pytest.fixture
def finance(client, site):
    staff_in(client, "Finance")
    return client


@pytest.fixture
def invoice(site):
    """Two places at £350 on a course charged at the standard rate (20%), PO-55."""
    course = CoursePageFactory(parent=site, vat_treatment="standard")
    organisation = OrganisationFactory(name="Riverside NHS Trust", ods_code="RJ1")
    return invoiced(
        organisation=organisation, cohort=CohortFactory(course=course), people=2, po="PO-55"
    )


def export(client, kind, start=TODAY, end=TODAY):
    response = client.get(
        URL, {"export": kind, "date_from": start.isoformat(), "date_to": end.isoformat()}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_invoices_one_row_per_line(finance, invoice):
    rows = export(finance, "invoices")
    assert rows[0] == INVOICE_HEADER
    assert rows[0][:4] == ["Invoice number", "Issue date", "Tax point", "Due date"]
    due = (TODAY + datetime.timedelta(days=30)).isoformat()
    description = invoice.lines.first().description
    common = [invoice.number, ISO, ISO, due, "Riverside NHS Trust", "RJ1", "", "PO-55"]
    amounts = ["350.00", "20.00", "S", "70.00", "420.00", "Issued"]
    assert rows[1:] == [
        [*common, "Attendee 0", description, "course", *amounts],
        [*common, "Attendee 1", description, "course", *amounts],
    ]


def test_credit_notes_one_row_per_line_with_the_invoice_number(finance, invoice):
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=42000, reason="One cancelled")
    rows = export(finance, "credit_notes")
    assert rows[0] == CREDIT_NOTE_HEADER
    description = invoice.lines.first().description
    common = [note.number, invoice.number, ISO, "Riverside NHS Trust", "RJ1", "", "PO-55"]
    assert rows[1:] == [
        [*common, "Attendee 0", description, "course", "175.00", "20.00", "S", "35.00",
         "210.00", "One cancelled"],
        [*common, "Attendee 1", description, "course", "175.00", "20.00", "S", "35.00",
         "210.00", "One cancelled"],
    ]  # fmt: skip


def test_payments(finance, invoice):
    record_payment(
        invoice_id=invoice.pk, amount_pence=12345, received_on=TODAY, reference="BACS 77"
    )
    rows = export(finance, "payments")
    assert rows == [
        PAYMENT_HEADER,
        [ISO, invoice.number, "Riverside NHS Trust", "123.45", "Bank transfer", "BACS 77"],
    ]
    assert PAYMENT_HEADER == [
        "Date received",
        "Invoice number",
        "Customer",
        "Amount",
        "Method",
        "Reference",
    ]


def test_the_range_includes_both_ends_and_nothing_outside(finance, site):
    old = invoiced(days_ago=10)
    new = invoiced()
    day = TODAY - datetime.timedelta(days=10)
    numbers = {row[0] for row in export(finance, "invoices", day, day)[1:]}
    assert numbers == {old.number}
    numbers = {row[0] for row in export(finance, "invoices", day, TODAY)[1:]}
    assert numbers == {old.number, new.number}


def test_the_form_shows_errors_on_its_fields(finance):
    response = finance.get(URL, {"export": "invoices", "date_from": "", "date_to": "31/02/2026"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "date_from" in errors and "date_to" in errors
    response = finance.get(URL, {"export": "invoices", "date_from": ISO, "date_to": "2000-01-01"})
    assert "on or after the start date" in response.context["form"].errors["date_to"][0]
    assert "Download CSV" in finance.get(URL).content.decode()


def test_trainers_cannot_export(client, site):
    staff_in(client, "Trainers")
    response = client.get(URL, {"export": "payments", "date_from": ISO, "date_to": ISO})
    # Wagtail turns a refusal inside the admin into a redirect home with a message.
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")


def test_text_that_a_spreadsheet_would_run_is_quoted(finance, site):
    organisation = OrganisationFactory(name="=HYPERLINK(evil)")
    invoice = invoiced(organisation=organisation)
    record_payment(invoice_id=invoice.pk, amount_pence=500, received_on=TODAY, reference="+SUM")
    [_, row] = export(finance, "payments")
    assert row[2:] == ["'=HYPERLINK(evil)", "5.00", "Bank transfer", "'+SUM"]
