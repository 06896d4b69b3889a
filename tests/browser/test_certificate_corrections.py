"""A learner opens their certificate as a page (with its QR code), asks for a name
correction, is told what is missing, then sends it; staff approve it; a stranger checks the
code and sees the corrected current version, and the earlier one as superseded. Each page
axe-clean."""

import pytest

from certificates import corrections
from certificates.models import NameCorrection
from tests.browser.test_certificates import certificate  # noqa: F401  (the fixture)
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(visitor):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "amara@example.com")
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def test_a_name_correction_from_request_to_verification(visitor, certificate):  # noqa: F811
    page = visitor.page
    sign_in(visitor)
    visitor.visit("/account/learning/")
    visitor.submit(page.get_by_role("link", name="See your certificate").first)
    assert visitor.path == f"/certificates/{certificate.code}/"
    assert page.get_by_role("img", name="QR code linking to").is_visible()

    visitor.submit(page.get_by_role("link", name="Ask for a name correction"))
    visitor.submit(page.get_by_role("button", name="Send the request"))
    summary = page.locator(".nhsuk-error-summary")
    assert "Enter your name as it is on your professional register" in summary.inner_text()

    page.get_by_label("Your name as it is on your professional register").fill("Amara N. Okafor")
    visitor.submit(page.get_by_role("button", name="Send the request"))
    assert "Staff are checking it" in page.inner_text("main")

    corrections.approve_correction(NameCorrection.objects.get().pk, actor=None)

    visitor.visit(f"/certificates/verify/{certificate.code}/")
    main = page.inner_text("main")
    assert "This certificate is valid" in main and "Amara N. Okafor" in main
    visitor.submit(page.get_by_role("link", name="Version 1"))
    assert page.get_by_role("heading", level=1).inner_text() == "This version has been superseded"
