"""The finance workspace in the Wagtail admin: Finance finds invoices (every filter, and
search by number, PO and organisation), records payments and issues credit notes through
the services, with each refusal on its field; trainers and learners are kept out."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bookings.invoicing.issue import issue_credit_note
from bookings.models import InvoiceStatus
from tests.bookings.finance import billed_order, invoiced, staff_in
from tests.factories import UserFactory
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db

INVOICES = "/admin/finance/invoices/"


@pytest.fixture
def finance(client, site):
    staff_in(client, "Finance")
    return client


def listed(client, **params):
    """The invoice numbers on the listing for these query parameters."""
    html = client.get(INVOICES, params).content.decode()
    return html


def test_finance_lists_invoices_with_their_columns(finance):
    invoice = invoiced(po="PO-7788")
    html = listed(finance)
    for text in (invoice.number, invoice.customer_name, "PO-7788", "Issued", "£"):
        assert text in html
    assert invoice.order.cohort.course.title in html


def test_overdue_is_shown_and_filtered(finance):
    late = invoiced(days_ago=31)
    current = invoiced()
    html = listed(finance, status="overdue")
    assert late.number in html and current.number not in html and "Overdue" in html
    html = listed(finance, overdue_only="true")
    assert late.number in html and current.number not in html
    html = listed(finance, overdue_only="false")
    assert current.number in html and late.number not in html


def test_status_filter(finance):
    paid = invoiced()
    open_ = invoiced()
    paid.status = InvoiceStatus.PAID
    paid.save()
    html = listed(finance, status="paid")
    assert paid.number in html and open_.number not in html
    html = listed(finance, status="issued")
    assert open_.number in html and paid.number not in html


def test_course_and_organisation_filters(finance):
    one = invoiced(organisation=OrganisationFactory(name="North Trust"))
    other = invoiced(organisation=OrganisationFactory(name="South Trust"))
    html = listed(finance, course=one.order.cohort.course_id)
    assert one.number in html and other.number not in html
    html = listed(finance, organisation=other.order.organisation_id)
    assert other.number in html and one.number not in html


def test_issue_date_range_filter(finance):
    old = invoiced(days_ago=40)
    new = invoiced()
    since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    html = listed(finance, issue_date_from=since)
    assert new.number in html and old.number not in html
    html = listed(finance, issue_date_to=since)
    assert old.number in html and new.number not in html


def test_search_by_number_po_and_organisation(finance):
    one = invoiced(po="PO-ALPHA", organisation=OrganisationFactory(name="Lakeside Trust"))
    two = invoiced(po="PO-BETA", organisation=OrganisationFactory(name="Hillside Trust"))
    for query, found, hidden in (
        (one.number, one, two),
        ("PO-BETA", two, one),
        ("lakeside", one, two),
    ):
        html = listed(finance, q=query)
        assert found.number in html and hidden.number not in html


def test_inspect_shows_lines_payments_and_actions(finance):
    invoice = invoiced(people=2)
    html = finance.get(f"{INVOICES}inspect/{invoice.pk}/").content.decode()
    assert "Attendee 0" in html and "Attendee 1" in html
    for text in ("Record a payment", "Issue a credit note", "Resend", "Download PDF"):
        assert text in html
    assert f"/admin/bookings/orders/inspect/{invoice.order_id}/" in html


def pay(client, invoice, amount, reference="BACS 1"):
    return client.post(
        f"{INVOICES}{invoice.pk}/payment/",
        {
            "amount": amount,
            "received_on": timezone.localdate().isoformat(),
            "reference": reference,
            "method": "bank_transfer",
        },
    )


def test_a_part_payment_then_the_rest(finance):
    invoice = invoiced()
    half = f"{invoice.total_pence / 200:.2f}"
    assert pay(finance, invoice, half, "BACS 1").status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PART_PAID
    rest = f"{invoice.balance_pence / 100:.2f}"
    assert pay(finance, invoice, rest, "BACS 2").status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.balance_pence == 0


def test_an_overpayment_is_saved_with_a_warning(finance):
    invoice = invoiced()
    response = pay(finance, invoice, f"{invoice.total_pence / 100 + 5:.2f}")
    html = finance.get(response["Location"]).content.decode()
    assert "overpaid by £5.00" in html
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.overpaid


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_the_same_reference_twice_is_refused_on_its_field(finance):
    invoice = invoiced()
    pay(finance, invoice, "10.00", "BACS 9")
    response = pay(finance, invoice, "10.00", "bacs 9")
    assert response.status_code == 200
    assert "already recorded" in field_errors(response, "reference")[0]
    assert invoice.payments.count() == 1


def test_a_zero_payment_is_refused_on_the_amount(finance):
    invoice = invoiced()
    response = pay(finance, invoice, "0")
    assert "more than £0" in field_errors(response, "amount")[0]
    assert not invoice.payments.exists()


def credit(client, invoice, **data):
    return client.post(f"{INVOICES}{invoice.pk}/credit/", {"reason": "Place cancelled", **data})


def test_a_credit_note_for_part_and_then_the_whole_balance(finance):
    invoice = invoiced(people=2)
    assert credit(finance, invoice, amount="10.00").status_code == 302
    invoice.refresh_from_db()
    assert invoice.credited_pence == 1000
    assert credit(finance, invoice, whole_balance="on").status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED and invoice.credit_notes.count() == 2
    html = finance.get("/admin/finance/credit-notes/").content.decode()
    assert invoice.number in html and "Place cancelled" in html


def test_a_credit_note_too_large_is_refused_on_the_amount(finance):
    invoice = invoiced()
    response = credit(finance, invoice, amount=f"{invoice.total_pence / 100 + 1:.2f}")
    assert "cannot be for more than" in field_errors(response, "amount")[0]
    assert not invoice.credit_notes.exists()


def test_resend_emails_the_invoice_again(finance, mailoutbox):
    invoice = invoiced()
    mailoutbox.clear()
    response = finance.post(f"{INVOICES}{invoice.pk}/resend/", follow=True)
    assert f"on its way to {invoice.customer_email}" in response.content.decode()
    assert [m.to for m in mailoutbox][0] == [invoice.customer_email]
    assert invoice.order.events.filter(kind="document_emailed").exists()


def test_invoices_cannot_be_added_edited_or_deleted(finance):
    invoice = invoiced()
    assert finance.get(f"{INVOICES}new/").status_code in (302, 403)
    assert finance.get(f"{INVOICES}edit/{invoice.pk}/").status_code in (302, 403)
    assert finance.post(f"{INVOICES}delete/{invoice.pk}/").status_code in (302, 403)
    invoice.refresh_from_db()


FINANCE_URLS = [
    INVOICES,
    "/admin/finance/credit-notes/",
    "/admin/finance/payments/",
    "/admin/finance/awaiting-po/",
]


def finance_urls(invoice):
    return FINANCE_URLS + [
        f"{INVOICES}inspect/{invoice.pk}/",
        f"{INVOICES}{invoice.pk}/payment/",
        f"{INVOICES}{invoice.pk}/credit/",
        f"{INVOICES}{invoice.pk}/pdf/",
    ]


def test_trainers_are_kept_out_of_every_finance_page(client, site):
    invoice = invoiced()
    staff_in(client, "Trainers")
    for url in finance_urls(invoice):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "finance" not in response["Location"], url
    assert client.post(f"{INVOICES}{invoice.pk}/payment/", {}).status_code in (302, 403)
    assert "/admin/finance/" not in client.get("/admin/").content.decode()


def test_learners_are_kept_out_of_every_finance_page(client, site):
    invoice = invoiced()
    client.force_login(UserFactory())
    for url in finance_urls(invoice):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url


def test_finance_sees_the_finance_menu(finance):
    html = finance.get("/admin/").content.decode()
    assert "/admin/finance/invoices/" in html and "/admin/finance/awaiting-po/" in html


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INVOICES).status_code == 200
    return len(queries)


def test_the_listing_query_count_does_not_grow_with_invoices(finance):
    cohort = CohortFactory(capacity=200)
    for _ in range(3):
        invoiced(cohort=cohort)
    few = count_queries(finance)
    for _ in range(27):
        invoiced(cohort=cohort)
    assert count_queries(finance) == few


def test_awaiting_po_lists_bookings_without_their_po(finance):
    waiting = billed_order(organisation=OrganisationFactory(po_required=True), po="")
    with_po = billed_order(po="PO-1")
    invoiced_already = invoiced()
    html = finance.get("/admin/finance/awaiting-po/").content.decode()
    assert waiting.reference in html
    assert with_po.reference not in html and invoiced_already.order.reference not in html
    assert "Days waiting" in html and 'name="po_number"' in html


def test_recording_a_po_issues_the_invoice(finance):
    waiting = billed_order(organisation=OrganisationFactory(po_required=True), po="")
    url = f"/admin/finance/awaiting-po/{waiting.pk}/"
    assert finance.post(url, {"po_number": ""}).context["form"].errors["po_number"]
    response = finance.post(url, {"po_number": "4500123456"})
    assert response.status_code == 302
    assert waiting.invoices.get().po_number == "4500123456"


def test_superusers_see_every_finance_page(client, site):
    invoice = invoiced()
    issue_credit_note(invoice_id=invoice.pk, amount_pence=100, reason="Goodwill")
    staff_in(client, None)
    note = invoice.credit_notes.get()
    for url in FINANCE_URLS + [
        f"{INVOICES}inspect/{invoice.pk}/",
        f"/admin/finance/credit-notes/inspect/{note.pk}/",
        "/admin/finance/aged-debt/",
        "/admin/finance/exports/",
        "/admin/finance/reports/",
    ]:
        assert client.get(url).status_code == 200, url


def test_finance_downloads_the_pdf_and_the_xml(finance):
    invoice = invoiced()
    pdf = finance.get(f"{INVOICES}{invoice.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert f"{invoice.number}.pdf" in pdf["Content-Disposition"]
    xml = finance.get(f"{INVOICES}{invoice.pk}/xml/")
    assert xml.status_code == 200 and invoice.number.encode() in xml.content


def test_awaiting_po_counts_the_days_since_the_po_was_asked_for(finance):
    waiting = billed_order(organisation=OrganisationFactory(po_required=True), po="")
    asked = timezone.now() - datetime.timedelta(days=5)
    waiting.billing.po_requested_at = asked
    waiting.billing.save()
    response = finance.get("/admin/finance/awaiting-po/")
    [row] = response.context["orders"]
    assert row.days_waiting == 5 and row.place_count == 1


def test_payments_received_list(finance):
    invoice = invoiced()
    pay(finance, invoice, "12.34", "BACS 55")
    html = finance.get("/admin/finance/payments/").content.decode()
    for text in (invoice.number, invoice.customer_name, "£12.34", "Bank transfer", "BACS 55"):
        assert text in html


def test_correcting_the_address_credits_and_reissues(finance):
    invoice = invoiced()
    url = f"{INVOICES}{invoice.pk}/correct/"
    page = finance.get(url).content.decode()
    assert "Riverside Hospital" in page  # the form starts from what was given
    data = {
        "organisation_name": invoice.customer_name,
        "address_line_1": "Finance Office, Block C",
        "address_line_2": "",
        "town": "Riverton",
        "postcode": "rv1 9zz",
        "ods_code": "",
        "billing_email": "ap@riverside.nhs.uk",
        "po_number": "PO-1002",
        "vat_number": "",
    }
    bad = finance.post(url, {**data, "postcode": "nowhere"})
    assert field_errors(bad, "postcode") and invoice.order.invoices.count() == 1
    response = finance.post(url, data)
    assert response.status_code == 302
    invoice.refresh_from_db()
    new = invoice.order.invoices.exclude(pk=invoice.pk).get()
    assert invoice.status == InvoiceStatus.CREDITED
    assert invoice.credit_notes.get().total_pence == invoice.total_pence
    assert new.customer_address.startswith("Finance Office, Block C")
    assert (new.po_number, new.customer_email, new.total_pence) == (
        "PO-1002",
        "ap@riverside.nhs.uk",
        invoice.total_pence,
    )


def test_an_invoice_with_money_against_it_is_not_reissued(finance):
    invoice = invoiced()
    pay(finance, invoice, "10.00", "BACS 9")
    response = finance.post(
        f"{INVOICES}{invoice.pk}/correct/",
        {
            "organisation_name": "X",
            "address_line_1": "1 Road",
            "town": "T",
            "postcode": "RV1 4QT",
            "billing_email": "a@b.nhs.uk",
        },
    )
    assert "cannot be re-issued" in response.content.decode()
    assert invoice.order.invoices.count() == 1
