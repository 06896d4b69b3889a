"""The demo's organisations: three employers, a manager among the demo logins, and team
bookings made for them through the real services. Seeding twice changes nothing."""

import pytest
from django.contrib.auth.models import Group

from bookings import demo as bookings_demo
from bookings.models import Order, Organisation

pytestmark = pytest.mark.django_db


def test_demo_organisations_and_their_team_bookings(demo):
    orders = Order.objects.filter(organisation__isnull=False).count()
    assert sorted(Organisation.objects.values_list("kind", flat=True)) == [
        "gp_practice",
        "local_authority",
        "nhs_trust",
    ]
    for organisation in Organisation.objects.all():
        organisation.full_clean()
        assert organisation.orders.exists()
    trust = Organisation.objects.get(kind="nhs_trust")
    assert trust.managers.filter(email="manager@example.com").exists()
    assert all(o.places.count() > 1 for o in Order.objects.filter(organisation__isnull=False))
    finance = Group.objects.get(name="Finance")
    assert finance.permissions.filter(codename="change_organisation").exists()

    bookings_demo.seed()
    assert Order.objects.filter(organisation__isnull=False).count() == orders
    assert Organisation.objects.count() == 3


def test_demo_invoices_in_every_state_with_their_pdfs(demo):
    from bookings.invoicing.po import awaiting_po_orders
    from bookings.models import CreditNote, Invoice

    invoices = list(Invoice.objects.all())
    states = {invoice.display_status() for invoice in invoices}
    assert {"Issued", "Part paid", "Paid", "Overdue", "Credited"} <= states
    assert any(invoice.paid_by_card for invoice in invoices)  # card bookings' receipts
    assert all(invoice.pdf for invoice in invoices)
    assert CreditNote.objects.count() >= 2 and all(n.pdf for n in CreditNote.objects.all())
    assert awaiting_po_orders().count() == 1
    numbers = sorted(i.sequence_number for i in invoices)
    assert numbers == list(range(1, len(invoices) + 1))  # no gap, whatever the seed did
