"""An issued invoice or credit note is stored as a PDF and emailed once to the billing
contact and the booker, with the PDF and the UBL e-invoice attached — however many times
the delivery task runs. Finance can send it again on request."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection

from bookings.invoicing.delivery import deliver, resend
from bookings.invoicing.issue import issue_credit_note, issue_invoice
from bookings.models import BillingDetails, Invoice
from tests.bookings.invoices import invoiced_order, pdf_text, receipt_for_card_booking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoiced(site):
    return invoiced_order(buyer=UserFactory(email="booker@riverside.nhs.uk"))


def attachments_of(message):
    return {name: (content, mimetype) for name, content, mimetype in message.attachments}


def test_the_invoice_is_emailed_to_the_billing_contact_and_the_booker_once(invoiced):
    order, invoice = invoiced
    assert deliver(invoice.pk, "invoice") is True
    assert deliver(invoice.pk, "invoice") is False  # the task again: nothing more is sent
    assert sorted(m.to[0] for m in mail.outbox) == [
        "accounts@riverside.nhs.uk",
        "booker@riverside.nhs.uk",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith(f"Invoice {invoice.number}: £700.00 due by ")
    files = attachments_of(message)
    pdf, pdf_type = files[f"{invoice.number}.pdf"]
    assert pdf_type == "application/pdf" and invoice.number in pdf_text(pdf)
    xml, xml_type = files[f"{invoice.number}.xml"]
    assert xml_type == "application/xml" and b"<cbc:InvoiceTypeCode>380" in xml
    for expected in [
        "PO number: 4500123456",
        "Sort code: 20-00-00",
        "Reference: " + invoice.number,
    ]:
        assert expected in message.body
    assert "/invoices/pay/" in message.body and "&amp;" not in message.body
    html = message.alternatives[0][0]
    assert f"Invoice {invoice.number}" in html and "Pay £700.00 by card" in html
    invoice.refresh_from_db()
    assert invoice.emailed_at is not None and invoice.pdf
    assert order.events.filter(kind="document_emailed").count() == 1


def test_one_email_when_the_booker_is_the_billing_contact(site):
    _, invoice = invoiced_order(buyer=UserFactory(email="accounts@riverside.nhs.uk"))
    deliver(invoice.pk, "invoice")
    assert [m.to for m in mail.outbox] == [["accounts@riverside.nhs.uk"]]


def test_issuing_delivers_after_commit(site, django_capture_on_commit_callbacks):
    order, _ = invoiced_order()
    Invoice.objects.all().delete()  # issue again, this time watching what is queued
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue_invoice(order_id=order.pk)
    invoice.refresh_from_db()
    assert invoice.emailed_at and invoice.pdf
    assert len(mail.outbox) == 2


def test_a_card_receipt_is_stored_but_not_emailed_here(site, django_capture_on_commit_callbacks):
    receipt = receipt_for_card_booking()
    assert deliver(receipt.pk, "invoice", email=False) is False
    receipt.refresh_from_db()
    assert receipt.pdf and receipt.emailed_at is None and mail.outbox == []


def test_a_credit_note_is_emailed_once_with_its_files(invoiced):
    _, invoice = invoiced
    note = issue_credit_note(invoice_id=invoice.pk, amount_pence=35000, reason="Cancelled")
    assert deliver(note.pk, "credit_note") is True
    assert deliver(note.pk, "credit_note") is False
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject == f"Credit note {note.number} against invoice {invoice.number}"
    assert "Reason: Cancelled" in message.body
    files = attachments_of(message)
    assert b"<cbc:CreditNoteTypeCode>381" in files[f"{note.number}.xml"][0]
    assert "Credit note" in pdf_text(files[f"{note.number}.pdf"][0])
    note.refresh_from_db()
    assert note.emailed_at is not None


def test_finance_resends_on_request(invoiced, staff_user):
    order, invoice = invoiced
    deliver(invoice.pk, "invoice")
    BillingDetails.objects.filter(order=order).update(billing_email="new-ap@riverside.nhs.uk")
    assert resend(invoice, actor=staff_user) == [
        "accounts@riverside.nhs.uk",  # the address the invoice states, frozen at issue
        "booker@riverside.nhs.uk",
    ]
    assert len(mail.outbox) == 4
    event = order.events.filter(kind="document_emailed").last()
    assert event.actor == staff_user and "again" in event.message


def test_a_failed_render_loses_nothing_and_is_retried(invoiced, monkeypatch):
    """WeasyPrint fails once: the invoice stays as issued, the task tries again, and the
    invoice goes out once with its PDF."""
    from bookings.invoicing import documents
    from bookings.tasks import deliver_document

    _, invoice = invoiced
    real_render, calls = documents.render_pdf, []

    def flaky_render(document):
        calls.append(document.number)
        if len(calls) == 1:
            raise ValueError("WeasyPrint could not lay out the page")
        return real_render(document)

    monkeypatch.setattr(documents, "render_pdf", flaky_render)
    # As a worker runs it: the failure is not raised to the caller but retried.
    deliver_document.apply((invoice.pk, "invoice", True), throw=False)
    assert calls == [invoice.number, invoice.number]
    invoice.refresh_from_db()
    assert invoice.pdf and invoice.emailed_at and invoice.number.endswith("000001")
    assert len(mail.outbox) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [False, True])
def test_two_deliveries_at_once_email_once(site, monkeypatch, locked):
    """The task delivered twice at the same moment (a requeue while the first still runs).
    Without the row lock both read "not emailed" and both send (the guard can be seen to
    fail); with it, the second waits for the first and finds it emailed."""
    from bookings.invoicing import delivery

    _, invoice = invoiced_order()
    Invoice.objects.filter(pk=invoice.pk).update(emailed_at=None)  # as just issued
    mail.outbox.clear()
    both_read = threading.Barrier(2, timeout=5)
    real_send = delivery.send_document

    def slow_send(document):
        if locked:
            time.sleep(0.3)  # the second delivery is waiting on the lock meanwhile
        else:
            both_read.wait()  # both deliveries are past the check before either writes
        return real_send(document)

    monkeypatch.setattr(delivery, "send_document", slow_send)
    if not locked:
        monkeypatch.setattr(
            Invoice.objects, "select_for_update", lambda **lock: Invoice.objects.all()
        )
    results = []

    def run():
        try:
            results.append(deliver(invoice.pk, "invoice"))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ([False, True] if locked else [True, True])
    assert len(mail.outbox) == (2 if locked else 4)  # billing contact and booker, per send
