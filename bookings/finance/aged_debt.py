"""Aged debt: what each customer still owes on open invoices, by how long it is overdue
(current, 1–30, 31–60, 61–90 and over 90 days past the due date)."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.finance import VIEW
from bookings.finance.csvs import pounds, stream_csv, text
from bookings.models import Invoice

BUCKETS = ["Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days"]


def bucket_for(days_overdue):
    """The column for an invoice `days_overdue` past its due date (0 or less is current)."""
    if days_overdue <= 0:
        return 0
    if days_overdue > 90:
        return 4
    return (days_overdue - 1) // 30 + 1


@dataclass
class Debtor:
    customer: str
    amounts: list = field(default_factory=lambda: [0] * len(BUCKETS))
    invoices: int = 0

    @property
    def total(self):
        return sum(self.amounts)


def aged_debt(today=None):
    """(debtors by name, a Debtor of the column totals) for every open invoice with a
    balance left, in one query."""
    today = today or timezone.localdate()
    rows = (
        Invoice.objects.open()
        .values_list("customer_name", "due_date", "total_pence", "credited_pence", "paid_pence")
        .order_by("customer_name")
    )
    debtors, totals = {}, Debtor("Total")
    for customer, due_date, total, credited, paid in rows:
        balance = total - credited - paid
        if balance <= 0:
            continue
        column = bucket_for((today - due_date).days)
        debtor = debtors.setdefault(customer, Debtor(customer))
        debtor.amounts[column] += balance
        debtor.invoices += 1
        totals.amounts[column] += balance
        totals.invoices += 1
    return list(debtors.values()), totals


def aged_debt_view(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    today = timezone.localdate()
    debtors, totals = aged_debt(today)
    return TemplateResponse(
        request,
        "bookings/admin/finance/aged_debt.html",
        {
            "title": "Aged debt",
            "subtitle": f"at {today:%-d %B %Y}",
            "icon": "warning",
            "buckets": BUCKETS,
            "debtors": debtors,
            "totals": totals,
        },
    )


def aged_debt_csv(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    today = timezone.localdate()
    debtors, totals = aged_debt(today)
    rows = [
        [text(d.customer), d.invoices, *map(pounds, d.amounts), pounds(d.total)] for d in debtors
    ]
    rows.append(
        [totals.customer, totals.invoices, *map(pounds, totals.amounts), pounds(totals.total)]
    )
    header = ["Customer", "Open invoices", *BUCKETS, "Total"]
    return stream_csv(f"aged-debt-{today.isoformat()}.csv", header, rows)
