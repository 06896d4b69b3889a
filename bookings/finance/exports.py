"""Invoices, credit notes and payments received as CSV for a date range, one row per line,
in columns an accounting package can import (see `csvs` for the format). Each export reads
its rows with `.iterator()` while the response streams them."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput

from bookings.finance import VIEW
from bookings.finance.csvs import iso, pounds, stream_csv, text
from bookings.models import CreditNoteLine, InvoiceLine, InvoicePayment

CHUNK = 1000

INVOICE_HEADER = [
    "Invoice number",
    "Issue date",
    "Tax point",
    "Due date",
    "Customer",
    "ODS code",
    "Customer VAT number",
    "PO number",
    "Attendee",
    "Description",
    "Line kind",
    "Net",
    "VAT rate",
    "VAT category",
    "VAT amount",
    "Gross",
    "Status",
]
CREDIT_NOTE_HEADER = [
    "Credit note number",
    "Invoice number",
    "Issue date",
    "Customer",
    "ODS code",
    "Customer VAT number",
    "PO number",
    "Attendee",
    "Description",
    "Line kind",
    "Net",
    "VAT rate",
    "VAT category",
    "VAT amount",
    "Gross",
    "Reason",
]
PAYMENT_HEADER = ["Date received", "Invoice number", "Customer", "Amount", "Method", "Reference"]


def line_amounts(line):
    return [
        text(line.attendee_name),
        text(line.description),
        line.kind,
        pounds(line.net_pence),
        f"{line.vat_percent:.2f}",
        line.vat_category,
        pounds(line.vat_pence),
        pounds(line.total_pence),
    ]


def invoice_rows(start, end, today):
    lines = (
        InvoiceLine.objects.filter(invoice__issue_date__range=(start, end))
        .select_related("invoice")
        .order_by("invoice__issue_date", "invoice__sequence_number", "pk")
    )
    for line in lines.iterator(chunk_size=CHUNK):
        doc = line.invoice
        yield [
            doc.number,
            iso(doc.issue_date),
            iso(doc.tax_point),
            iso(doc.due_date),
            text(doc.customer_name),
            doc.customer_ods_code,
            text(doc.customer_vat_number),
            text(doc.po_number),
            *line_amounts(line),
            doc.display_status(today),
        ]


def credit_note_rows(start, end, today):
    lines = (
        CreditNoteLine.objects.filter(credit_note__issue_date__range=(start, end))
        .select_related("credit_note__invoice")
        .order_by("credit_note__issue_date", "credit_note__sequence_number", "pk")
    )
    for line in lines.iterator(chunk_size=CHUNK):
        doc = line.credit_note
        yield [
            doc.number,
            doc.invoice.number,
            iso(doc.issue_date),
            text(doc.customer_name),
            doc.customer_ods_code,
            text(doc.customer_vat_number),
            text(doc.po_number),
            *line_amounts(line),
            text(doc.reason),
        ]


def payment_rows(start, end, today):
    payments = (
        InvoicePayment.objects.filter(received_on__range=(start, end))
        .select_related("invoice")
        .order_by("received_on", "pk")
    )
    for payment in payments.iterator(chunk_size=CHUNK):
        yield [
            iso(payment.received_on),
            payment.invoice.number,
            text(payment.invoice.customer_name),
            pounds(payment.amount_pence),
            payment.get_method_display(),
            text(payment.reference),
        ]


EXPORTS = {
    "invoices": ("Invoices, one row per line", INVOICE_HEADER, invoice_rows),
    "credit_notes": ("Credit notes, one row per line", CREDIT_NOTE_HEADER, credit_note_rows),
    "payments": ("Payments received", PAYMENT_HEADER, payment_rows),
}


class ExportForm(forms.Form):
    export = forms.ChoiceField(
        label="What to export",
        choices=[(key, label) for key, (label, _, _) in EXPORTS.items()],
        widget=forms.RadioSelect,
        initial="invoices",
    )
    date_from = forms.DateField(label="From", widget=AdminDateInput)
    date_to = forms.DateField(
        label="To", widget=AdminDateInput, help_text="Both dates are included."
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return data


def exports_view(request):
    """The form; once it is valid, the CSV itself (a GET, so an export can be bookmarked)."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    form = ExportForm(request.GET if "export" in request.GET else None, initial=default_range())
    if form.is_valid():
        return export_csv(**form.cleaned_data)
    return TemplateResponse(
        request,
        "bookings/admin/finance/exports.html",
        {"title": "Exports", "icon": "download", "form": form},
    )


def default_range():
    today = timezone.localdate()
    first_of_last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return {"date_from": first_of_last_month, "date_to": today}


def export_csv(*, export, date_from, date_to):
    _, header, rows = EXPORTS[export]
    filename = f"{export.replace('_', '-')}-{date_from.isoformat()}-to-{date_to.isoformat()}.csv"
    return stream_csv(filename, header, rows(date_from, date_to, timezone.localdate()))
