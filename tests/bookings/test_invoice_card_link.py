"""Paying an issued invoice by card through its signed link: the Checkout session for the
balance, the webhook recording the money once (replays change nothing), the return page,
and links that are forged or have nothing left to pay."""

import pytest
from django.core import signing

from bookings.invoicing.links import invoice_pay_url
from bookings.invoicing.receipts import record_payment
from bookings.models import InvoiceStatus, PaymentStatus, ReceiptMethod
from tests.bookings.stripe import events_for, post_event
from tests.factories.bookings import invoiced_order
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(site):
    return invoiced_order(CohortFactory(), n=2, po_number="4500111222").invoices.get()


def path_of(invoice):
    return invoice_pay_url(invoice).split("testserver", 1)[-1].split(":8000", 1)[-1]


def start(client, invoice):
    response = client.post(path_of(invoice) + "start/")
    assert response.status_code == 303
    return response["Location"].rsplit("/", 1)[-1]


def test_anyone_with_the_link_sees_the_invoice_and_its_balance(client, invoice):
    page = client.get(path_of(invoice)).content.decode()
    assert invoice.number in page and "Pay £700 by card" in page and "4500111222" in page


def test_paying_the_balance_records_the_payment_once(
    client, fake_stripe, invoice, django_capture_on_commit_callbacks
):
    session_id = start(client, invoice)
    session = fake_stripe.store.sessions[session_id]
    assert session["amount_total"] == invoice.balance_pence
    assert session["metadata"]["invoice_number"] == invoice.number
    assert start(client, invoice) == session_id  # a double click reuses the open session
    with fake_stripe.store.lock:
        fake_stripe.store.pay(session_id)
    (event,) = events_for(fake_stripe, session_id, "checkout.session.completed")
    with django_capture_on_commit_callbacks(execute=False):
        assert post_event(client, event).status_code == 200
        assert post_event(client, event).status_code == 200  # a replay
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.balance_pence == 0
    (received,) = invoice.payments.all()
    assert received.method == ReceiptMethod.CARD and received.stripe_payment.status == "paid"
    page = client.get(path_of(invoice) + "?returned=1").content.decode()
    assert "nothing left to pay" in page and "by card</button>" not in page


def test_the_return_page_settles_before_the_webhook(client, fake_stripe, invoice):
    session_id = start(client, invoice)
    with fake_stripe.store.lock:
        fake_stripe.store.pay(session_id)
    client.get(path_of(invoice) + "?returned=1")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert invoice.order.status == "confirmed"  # the booking itself is untouched


def test_a_part_paid_invoice_is_charged_only_what_is_left(client, fake_stripe, invoice):
    record_payment(
        invoice_id=invoice.pk,
        amount_pence=20000,
        received_on=invoice.issue_date,
        reference="BACS 1",
    )
    session_id = start(client, invoice)
    assert fake_stripe.store.sessions[session_id]["amount_total"] == invoice.total_pence - 20000


def test_a_paid_invoice_offers_nothing_to_pay(client, fake_stripe, invoice):
    record_payment(
        invoice_id=invoice.pk,
        amount_pence=invoice.total_pence,
        received_on=invoice.issue_date,
        reference="BACS 1",
    )
    response = client.post(path_of(invoice) + "start/")
    assert response.status_code == 302
    assert not invoice.card_payments.filter(status=PaymentStatus.OPEN).exists()


def test_a_forged_link_is_not_found(client, invoice):
    forged = signing.dumps(invoice.pk, salt="something-else")
    assert client.get(f"/invoices/pay/{forged}/").status_code == 404
    assert client.get("/invoices/pay/nonsense/").status_code == 404
    assert client.post(f"/invoices/pay/{forged}/start/").status_code == 404


def test_stripe_down_says_so_and_charges_nothing(client, fake_stripe, invoice):
    with fake_stripe.store.lock:
        fake_stripe.store.next_error = {"status": 500, "times": 3}  # and its retry
    response = client.post(path_of(invoice) + "start/", follow=True)
    assert "could not reach the card payment service" in response.content.decode()
    assert not invoice.card_payments.exists()
