"""Paying by invoice from the booking flow: the form, "no PO, no pay", and the PO sent in
later — through the test client, with the emails that go out."""

import pytest
from django.core import mail

from bookings.invoicing.po import remind_awaiting_po
from bookings.models import OrderStatus, PaymentMethod, PlaceStatus
from tests.bookings.stripe import held_order
from tests.factories import UserFactory
from tests.factories.bookings import OrganisationFactory, billing_for, invoiced_order
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def form_data(organisation=None, **overrides):
    return billing_for(organisation, **overrides)


def held_for(organisation, n=2):
    order = held_order(CohortFactory(), n=n)
    order.organisation = organisation
    order.save(update_fields=["organisation"])
    return order


def test_form_is_filled_from_the_organisation(client, site):
    trust = OrganisationFactory(po_required=True, po_format_hint="10 digits starting 4500")
    order = held_for(trust)
    client.force_login(order.buyer)
    page = client.get(f"/book/orders/{order.reference}/invoice/").content.decode()
    assert trust.name in page and "accounts@riverside.nhs.uk" in page
    assert "10 digits starting 4500" in page


def test_with_a_po_the_places_are_confirmed_and_the_invoice_issued(
    client, site, django_capture_on_commit_callbacks
):
    trust = OrganisationFactory(po_required=True, po_pattern="4500######")
    order = held_for(trust)
    client.force_login(order.buyer)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            f"/book/orders/{order.reference}/invoice/", form_data(trust, po_number="4500123456")
        )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert order.payment_method == PaymentMethod.INVOICE
    assert set(order.places.values_list("status", flat=True)) == {PlaceStatus.CONFIRMED}
    invoice = order.invoices.get()
    assert invoice.po_number == "4500123456" and invoice.customer_name == trust.name
    page = client.get(response["Location"]).content.decode()
    assert "We have sent the invoice to accounts@riverside.nhs.uk" in page


def test_without_the_po_the_places_are_kept_and_the_booker_is_asked_for_it(
    client, site, django_capture_on_commit_callbacks
):
    trust = OrganisationFactory(po_required=True)
    order = held_for(trust)
    client.force_login(order.buyer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/book/orders/{order.reference}/invoice/", form_data(trust))
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and not order.invoices.exists()
    assert [m.subject for m in mail.outbox if "Purchase order" in m.subject] == [
        f"Purchase order number needed: booking {order.reference}"
    ]
    page = client.get(f"/book/orders/{order.reference}/").content.decode()
    assert "Purchase order number needed" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("po_number", "PO-1", "in your organisation&#x27;s format"),
        ("vat_number", "GB123456789", "not a valid UK VAT number"),
        ("postcode", "12345", "Enter a real postcode"),
        ("billing_email", "accounts", "Enter an email address"),
        ("ods_code", "R!", "Enter an ODS code"),
        ("address_line_1", "", "Enter the first line of the billing address"),
    ],
)
def test_bad_details_are_refused_on_their_field(client, site, field, value, message):
    trust = OrganisationFactory(po_required=True, po_pattern="4500######")
    order = held_for(trust)
    client.force_login(order.buyer)
    response = client.post(
        f"/book/orders/{order.reference}/invoice/", form_data(trust, **{field: value})
    )
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_someone_elses_booking_cannot_be_invoiced(client, site, other_user):
    order = held_for(OrganisationFactory())
    client.force_login(other_user)
    assert client.get(f"/book/orders/{order.reference}/invoice/").status_code == 404
    response = client.post(f"/book/orders/{order.reference}/invoice/", form_data())
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_an_expired_hold_is_not_invoiced(client, site):
    from bookings.services.expiry import expire_order

    order = held_for(OrganisationFactory())
    expire_order(order_id=order.pk, reason="test")
    client.force_login(order.buyer)
    response = client.post(f"/book/orders/{order.reference}/invoice/", form_data())
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED and not order.invoices.exists()


def test_a_manager_adds_the_po_later_and_the_invoice_goes(
    client, site, django_capture_on_commit_callbacks
):
    manager = UserFactory()
    trust = OrganisationFactory(po_required=True, po_pattern="4500######", managers=[manager])
    order = invoiced_order(CohortFactory(), n=2, organisation=trust)
    client.force_login(manager)
    bad = client.post(f"/book/orders/{order.reference}/po/", {"po_number": "123"})
    assert "in your organisation" in bad.content.decode() and not order.invoices.exists()
    with django_capture_on_commit_callbacks(execute=False):
        good = client.post(f"/book/orders/{order.reference}/po/", {"po_number": "4500765432"})
    assert good.status_code == 302
    assert order.invoices.get().po_number == "4500765432"
    # Once invoiced, the PO page only sends people back to the booking.
    assert client.get(f"/book/orders/{order.reference}/po/").status_code == 302


def test_strangers_cannot_add_a_po(client, site, other_user):
    order = invoiced_order(CohortFactory(), organisation=OrganisationFactory(po_required=True))
    client.force_login(other_user)
    assert client.post(f"/book/orders/{order.reference}/po/", {"po_number": "1"}).status_code == 404


def test_po_reminders_go_at_3_7_and_14_days_once_each(site, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    order = invoiced_order(CohortFactory(), organisation=OrganisationFactory(po_required=True))
    start = timezone.now()
    sent = []
    for day in [1, 3, 3, 5, 7, 8, 14, 15, 30]:
        with django_capture_on_commit_callbacks(execute=True):
            sent.append(remind_awaiting_po(now=start + datetime.timedelta(days=day, minutes=1)))
    assert sent == [0, 1, 0, 0, 1, 0, 1, 0, 0]
    reminders = [m for m in mail.outbox if m.subject.startswith("Purchase order number needed")]
    assert len(reminders) == 3 and order.billing.po_reminders_sent == 0  # stale object
