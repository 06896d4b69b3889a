"""Listing columns that read what the listing's queryset already selected, so the page's
query count does not grow with its rows."""

from wagtail.admin.ui.tables import Column

from bookings.templatetags.finance_tags import gbp


def course_title(invoice):
    return invoice.order.cohort.course.title


def money(name, label, attribute):
    return Column(name, label=label, accessor=lambda obj: gbp(getattr(obj, attribute)))


INVOICE_COLUMNS = [
    "number",
    Column("customer_name", label="Customer"),
    Column("po_number", label="PO"),
    Column("course", label="Course", accessor=course_title),
    "issue_date",
    "due_date",
    money("total", "Total", "total_pence"),
    money("balance", "Balance", "balance_pence"),
    Column("status", label="Status", accessor=lambda invoice: invoice.display_status()),
]

CREDIT_NOTE_COLUMNS = [
    "number",
    Column("invoice", label="Invoice"),
    Column("customer_name", label="Customer"),
    Column("issue_date", label="Date"),
    money("total", "Total", "total_pence"),
    "reason",
]

PAYMENT_COLUMNS = [
    Column("received_on", label="Received"),
    Column("invoice", label="Invoice"),
    Column("customer", label="Customer", accessor=lambda p: p.invoice.customer_name),
    money("amount", "Amount", "amount_pence"),
    Column("method", label="Method", accessor="get_method_display"),
    "reference",
]
