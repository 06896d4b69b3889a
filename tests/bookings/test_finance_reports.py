"""Aged debt (buckets at their boundaries, totals per customer and per bucket, the CSV) and
the reports with charts (revenue net of credit notes, places, fill rate)."""

import csv
import io

import pytest
from django.utils import timezone

from bookings.finance.aged_debt import BUCKETS, aged_debt, bucket_for
from bookings.finance.reports import last_months
from bookings.invoicing.issue import issue_credit_note
from bookings.invoicing.receipts import record_payment
from tests.bookings.finance import invoiced, staff_in
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

TERMS = 30  # SiteSettingsFactory's payment terms: due 30 days after issue


@pytest.fixture
def finance(client, site):
    staff_in(client, "Finance")
    return client


@pytest.mark.parametrize(
    "days, column",
    [(-5, 0), (0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (400, 4)],
)
def test_bucket_boundaries(days, column):
    assert bucket_for(days) == column


def overdue_by(days, organisation):
    return invoiced(days_ago=TERMS + days, organisation=organisation)


def test_aged_debt_puts_each_invoice_in_its_bucket(site):
    organisation = OrganisationFactory(name="Boundary Trust")
    placed = {days: overdue_by(days, organisation) for days in (0, 1, 30, 31, 60, 61, 90, 91)}
    each = placed[0].total_pence
    debtors, totals = aged_debt()
    [debtor] = debtors
    assert debtor.customer == "Boundary Trust" and debtor.invoices == 8
    # current: 0; 1–30: 1, 30; 31–60: 31, 60; 61–90: 61, 90; over 90: 91
    assert debtor.amounts == [each, 2 * each, 2 * each, 2 * each, each]
    assert debtor.total == 8 * each and totals.amounts == debtor.amounts


def test_aged_debt_counts_what_is_left_and_groups_by_customer(site):
    north, south = OrganisationFactory(name="North Trust"), OrganisationFactory(name="South Trust")
    part = overdue_by(10, north)
    record_payment(
        invoice_id=part.pk, amount_pence=1000, received_on=timezone.localdate(), reference="R1"
    )
    paid = overdue_by(10, north)
    record_payment(
        invoice_id=paid.pk,
        amount_pence=paid.total_pence,
        received_on=timezone.localdate(),
        reference="R2",
    )
    later = overdue_by(-3, south)
    debtors, totals = aged_debt()
    assert [d.customer for d in debtors] == ["North Trust", "South Trust"]
    assert debtors[0].amounts == [0, part.total_pence - 1000, 0, 0, 0]
    assert debtors[1].amounts == [later.total_pence, 0, 0, 0, 0]
    assert totals.total == part.total_pence - 1000 + later.total_pence


def test_aged_debt_page_and_csv(finance):
    organisation = OrganisationFactory(name="Csv Trust")
    invoice = overdue_by(45, organisation)
    html = finance.get("/admin/finance/aged-debt/").content.decode()
    assert "Csv Trust" in html and "31–60 days" in html
    response = finance.get("/admin/finance/aged-debt/csv/")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    amount = f"{invoice.total_pence / 100:.2f}"
    assert rows == [
        ["Customer", "Open invoices", *BUCKETS, "Total"],
        ["Csv Trust", "1", "0.00", "0.00", amount, "0.00", "0.00", amount],
        ["Total", "1", "0.00", "0.00", amount, "0.00", "0.00", amount],
    ]


def test_last_months_are_twelve_ending_this_month():
    months = last_months(timezone.localdate())
    assert len(months) == 12 and months[-1] == timezone.localdate().replace(day=1)
    assert all(a < b for a, b in zip(months, months[1:], strict=False))


def test_reports_show_revenue_less_credit_places_and_fill_rate(finance):
    cohort = CohortFactory(capacity=10)
    invoice = invoiced(cohort=cohort, people=4)
    issue_credit_note(invoice_id=invoice.pk, amount_pence=invoice.total_pence // 4, reason="x")
    response = finance.get("/admin/finance/reports/")
    html = response.content.decode()
    assert (
        "<svg" in html and 'role="img"' in html and "<script" not in html.split("nice-padding")[-1]
    )
    revenue = response.context["revenue"]
    [(course, values, total)] = revenue["rows"]
    assert course == cohort.course.title
    assert total == invoice.net_pence - invoice.net_pence // 4 and values[-1] == total
    [(_, places, count)] = response.context["places"]["rows"]
    assert count == 4 and places[-1] == 4
    [fill] = response.context["fill_rates"]
    assert (fill["confirmed"], fill["capacity"], fill["percent"]) == (4, 10, 40)
    assert "40%" in html


def test_trainers_cannot_see_aged_debt_or_reports(client, site):
    staff_in(client, "Trainers")
    for url in (
        "/admin/finance/aged-debt/",
        "/admin/finance/aged-debt/csv/",
        "/admin/finance/reports/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert not response.get("Content-Type", "").startswith("text/csv")
