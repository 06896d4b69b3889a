"""The buyer downloads their invoices and credit notes, as PDF and as UBL XML, from the
order page; so do the organisation's managers and Finance. Another learner, and a trainer
(staff, but not money), get the 404 of a document that does not exist."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from bookings.invoicing.issue import issue_credit_note
from bookings.invoicing.links import document_path, invoice_from_token, invoice_pay_url
from bookings.models import Invoice
from cms.groups import sync_groups
from tests.bookings.invoices import invoiced_order, pdf_text
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoiced(site, user):
    order, invoice = invoiced_order(buyer=user)
    return order, invoice


def staff_in(group):
    sync_groups()
    staff = StaffUserFactory(is_superuser=False)
    staff.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=staff)
    return staff


def test_the_buyer_downloads_the_pdf_and_the_xml(client, invoiced, user):
    order, invoice = invoiced
    client.force_login(user)
    response = client.get(document_path(invoice, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number}.pdf"'
    assert invoice.number in pdf_text(b"".join(response.streaming_content))
    response = client.get(document_path(invoice, "xml"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert f"<cbc:ID>{invoice.number}</cbc:ID>".encode() in response.content
    assert "attachment" in response["Content-Disposition"]


def test_the_paths_read_as_finance_expects(invoiced):
    order, invoice = invoiced
    assert document_path(invoice, "pdf") == (
        f"/book/orders/{order.reference}/invoices/{invoice.number}.pdf"
    )


def test_another_learner_gets_404_and_anyone_signed_out_is_asked_to_sign_in(
    client, invoiced, other_user
):
    _, invoice = invoiced
    url = document_path(invoice, "pdf")
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.get(document_path(invoice, "xml")).status_code == 404


def test_a_number_under_another_booking_is_not_found(client, invoiced, user):
    _, invoice = invoiced
    other_order, other_invoice = invoiced_order()
    client.force_login(user)
    url = reverse(
        "bookings:invoice_download", args=[invoiced[0].reference, other_invoice.number, "pdf"]
    )
    assert client.get(url).status_code == 404


def test_the_organisations_manager_downloads(client, invoiced):
    order, invoice = invoiced
    manager = UserFactory()
    order.organisation.managers.add(manager)
    client.force_login(manager)
    assert client.get(document_path(invoice, "pdf")).status_code == 200


def test_finance_downloads_and_a_trainer_does_not(client, invoiced):
    _, invoice = invoiced
    client.force_login(staff_in("Finance"))
    assert client.get(document_path(invoice, "xml")).status_code == 200
    client.force_login(staff_in("Trainers"))
    assert client.get(document_path(invoice, "xml")).status_code == 404


def test_a_credit_note_downloads_too(client, invoiced, user, other_user):
    _, invoice = invoiced
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=35000, reason="Cancelled")
    client.force_login(user)
    response = client.get(document_path(note, "pdf"))
    assert response.status_code == 200
    assert "Credit note" in pdf_text(b"".join(response.streaming_content))
    assert b"<cbc:CreditNoteTypeCode>381" in client.get(document_path(note, "xml")).content
    client.force_login(other_user)
    assert client.get(document_path(note, "pdf")).status_code == 404


def test_a_pdf_whose_file_was_deleted_is_rendered_again(client, invoiced, user):
    _, invoice = invoiced
    client.force_login(user)
    client.get(document_path(invoice, "pdf"))
    invoice.refresh_from_db()
    invoice.pdf.storage.delete(invoice.pdf.name)
    response = client.get(document_path(invoice, "pdf"))
    assert response.status_code == 200
    assert invoice.number in pdf_text(b"".join(response.streaming_content))
    invoice.refresh_from_db()
    assert invoice.pdf.storage.exists(invoice.pdf.name)


def test_the_order_page_lists_invoices_with_overdue_and_links(client, invoiced, user):
    order, invoice = invoiced
    Invoice.objects.filter(pk=invoice.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=35000, reason="One cancelled")
    client.force_login(user)
    page = client.get(reverse("bookings:order", args=[order.reference])).content.decode()
    assert "Invoices and credit notes" in page
    assert f"Invoice {invoice.number}" in page and "Overdue" in page
    assert document_path(invoice, "pdf") in page and document_path(invoice, "xml") in page
    assert f"Credit note {note.number}" in page and document_path(note, "pdf") in page
    assert "£700.00" in page and "-£350.00" in page


def test_the_pay_link_carries_a_signed_token(invoiced):
    _, invoice = invoiced
    url = invoice_pay_url(invoice)
    assert url.startswith("http") and "/invoices/pay/" in url
    token = url.rstrip("/").rpartition("/")[2]
    assert invoice_from_token(token) == invoice
    assert invoice_from_token(token[:-2] + "xx") is None
    assert invoice_from_token(str(invoice.pk)) is None
