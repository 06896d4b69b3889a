"""Helpers for the invoice document tests: an NHS trust's booking invoiced through the real
services, with the site's bank details, and a catering line where a test needs two VAT
rates on one invoice."""

import io

from django.db import transaction
from pypdf import PdfReader

from bookings.invoicing.issue import issue_invoice
from bookings.invoicing.money import vat_on
from bookings.invoicing.vat import line_rate
from bookings.models import BillingDetails, InvoiceLine, LineKind
from bookings.services import holds
from bookings.services.confirm import confirm_order
from cms.models.settings import default_site_settings
from tests.factories import UserFactory
from tests.factories.bookings import OrganisationFactory, billing_for, book_for
from tests.factories.courses import CohortFactory

PEOPLE = [("Grace Hopper", "grace@riverside.nhs.uk"), ("Alan Turing", "alan@riverside.nhs.uk")]


def with_bank_details():
    site = default_site_settings()
    site.bank_account_name = "KCL Education Partnership"
    site.bank_sort_code = "20-00-00"
    site.bank_account_number = "12345678"
    site.invoice_payment_instructions = "Send remittance advice to finance@example.org."
    site.save()
    return site


def invoiced_order(
    *, po="4500123456", vat_treatment="", buyer=None, today=None, people=PEOPLE, discount_code=""
):
    """A confirmed invoice booking for Riverside's staff and its invoice (not delivered)."""
    with_bank_details()
    cohort = CohortFactory()
    if vat_treatment:
        cohort.course.vat_treatment = vat_treatment
        cohort.course.save()
    organisation = OrganisationFactory(name="Riverside NHS Foundation Trust", ods_code="RXR")
    if discount_code:
        order = _book_with_code(organisation, cohort, people, discount_code)
    else:
        order = book_for(organisation, cohort, people, buyer=buyer or UserFactory())
    details = billing_for(
        organisation,
        address_line_2="Accounts Payable",
        po_number=po,
        vat_number="GB987654321",
    )
    BillingDetails.objects.create(order=order, **details)
    invoice = issue_invoice(order_id=order.pk, today=today)
    return order, invoice


def _book_with_code(organisation, cohort, people, code):
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    attendees = [
        holds.Attendee(name=name, email=email, price_tier_id=tier.pk, profession="nurse")
        for name, email in people
    ]
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=UserFactory(),
        attendees=attendees,
        payment_method="invoice",
        organisation=organisation,
        discount_code=code,
    )
    return confirm_order(order_id=order.pk, message="Confirmed: to be invoiced")


def add_catering_line(invoice, net_pence=2500):
    """Lunch for one attendee, at the site's catering rate (standard): a second VAT rate."""
    rate = line_rate(LineKind.CATERING, invoice.order.cohort.course)
    vat = vat_on(net_pence, rate.percent)
    with transaction.atomic():
        InvoiceLine.objects.create(
            invoice=invoice,
            kind=LineKind.CATERING,
            description="Lunch on each course day",
            attendee_name="Grace Hopper",
            unit_pence=net_pence,
            net_pence=net_pence,
            vat_category=rate.category,
            vat_percent=rate.percent,
            vat_pence=vat,
        )
        invoice.net_pence += net_pence
        invoice.vat_pence += vat
        invoice.total_pence += net_pence + vat
        invoice.save(update_fields=["net_pence", "vat_pence", "total_pence"])
    return invoice


def receipt_for_card_booking():
    """A booking paid by card at the time, with no billing details: its paid invoice."""
    order = book_for(OrganisationFactory(), CohortFactory(), PEOPLE[:1], buyer=UserFactory())
    return issue_invoice(order_id=order.pk, paid_by_card=True)


def pdf_text(content):
    """The words of every page of a PDF, one space between each (table cells wrap)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
