"""A manager books three colleagues and pays by invoice (the trust needs a PO, given with
the booking); finance signs in with their authenticator and records the bank payment in
the Wagtail admin. In Chromium, with axe-core on every page."""

import pytest
from django.contrib.auth.models import Group

from bookings.models import InvoiceStatus, Order, OrderStatus
from cms.groups import sync_groups
from tests.conftest import current_totp_code
from tests.factories import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COLLEAGUES = [("Grace Mensah", "nurse"), ("Tom Hughes", "ahp"), ("Aisha Rahman", "doctor")]


@pytest.fixture
def trust(site):
    return OrganisationFactory(
        name="Riverside NHS Trust",
        email_domains="riverside.nhs.uk",
        po_required=True,
        po_pattern="4500######",
        po_format_hint="10 digits starting 4500",
    )


@pytest.fixture
def cohort(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return CohortFactory(course=course, capacity=10)


def sign_in(visitor, email):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def book_three(visitor, cohort, trust):
    page = visitor.page
    visitor.visit(f"/book/cohorts/{cohort.pk}/?places=3")
    for i, (name, profession) in enumerate(COLLEAGUES):
        page.fill(f"[name='attendee-{i}-name']", name)
        page.fill(
            f"[name='attendee-{i}-email']", name.lower().replace(" ", ".") + "@riverside.nhs.uk"
        )
        page.select_option(f"[name='attendee-{i}-profession']", profession)
        page.locator(f"[name='attendee-{i}-price_tier']").first.check()
    page.select_option("[name='organisation']", str(trust.pk))
    page.check("[name='terms']")
    visitor.submit(page.get_by_role("button", name="Continue to payment"))


def pay_by_invoice(visitor):
    page = visitor.page
    visitor.submit(page.get_by_role("link", name="Pay by invoice to your employer instead"))
    page.fill("[name='po_number']", "PO-77")
    visitor.submit(page.get_by_role("button", name="Confirm and request the invoice"))
    summary = page.locator(".nhsuk-error-summary")
    assert "10 digits starting 4500" in summary.inner_text()
    assert summary.locator("a").first.get_attribute("href") == "#id_po_number"
    page.fill("[name='po_number']", "4500123456")
    visitor.submit(page.get_by_role("button", name="Confirm and request the invoice"))
    assert page.get_by_role("heading", name="Booking confirmed").is_visible()


def record_bank_payment(visitor, invoice):
    page = visitor.page
    finance = StaffUserFactory(email="finance@example.org")
    sync_groups()
    finance.groups.add(Group.objects.get(name="Finance"))
    secret = TOTPAuthenticatorFactory(user=finance).secret
    sign_in(visitor, finance.email)
    page.fill("[name='code']", current_totp_code(secret))
    visitor.submit(page.locator("main form [type='submit']").first)
    visitor.visit(f"/admin/finance/invoices/?q={invoice.po_number}")
    assert invoice.number in page.inner_text("main")
    visitor.visit(f"/admin/finance/invoices/inspect/{invoice.pk}/")
    visitor.submit(page.get_by_role("link", name="Record a payment"))
    page.fill("[name='amount']", f"{invoice.total_pence / 100:.2f}")
    page.fill("[name='reference']", f"BACS {invoice.number}")
    visitor.submit(page.get_by_role("button", name="Record the payment"))


def test_a_manager_books_three_colleagues_by_invoice_and_finance_records_the_payment(
    visitor, trust, cohort
):
    manager = UserFactory(email="maya.manager@riverside.nhs.uk", first_name="Maya")
    sign_in(visitor, manager.email)
    book_three(visitor, cohort, trust)
    pay_by_invoice(visitor)
    order = Order.objects.get(buyer=manager)
    assert order.status == OrderStatus.CONFIRMED and order.places.count() == 3
    invoice = order.invoices.get()
    assert invoice.po_number == "4500123456" and invoice.lines.count() == 3
    assert invoice.number in visitor.page.inner_text("main")

    visitor.page.context.clear_cookies()
    record_bank_payment(visitor, invoice)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.payments.count() == 1
