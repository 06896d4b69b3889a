"""A learner opens the privacy notice from the footer, downloads their data from it, deletes
their account choosing to keep their certificate verifiable, and the verify page still
verifies it. Each page axe-clean."""

import json

import pytest

from cms import demo, demo_content
from cms.models import HomePage
from tests.browser.test_certificate_corrections import sign_in
from tests.browser.test_certificates import certificate  # noqa: F401  (the fixture)
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notice(certificate):  # noqa: F811
    """Amara's certificate, and the privacy notice as seed_demo makes it."""
    demo.add_content_page(HomePage.objects.get(), demo_content.PRIVACY)
    return certificate


def test_notice_export_and_deletion_keeping_the_certificate(visitor, notice):
    page = visitor.page
    sign_in(visitor)
    visitor.visit("/")
    visitor.submit(page.locator("footer").get_by_role("link", name="Privacy notice"))
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice"
    assert "days after the course’s last day" in page.inner_text("main")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything we hold about you").click()
    data = json.loads(open(download.value.path()).read())
    assert data["account"]["email"] == "amara@example.com"
    assert [c["code"] for c in data["certificates"]] == [notice.display_code]

    visitor.submit(page.get_by_role("link", name="Delete your account"))
    visitor.submit(page.get_by_role("button", name="Delete your account"))  # nothing chosen
    summary = page.locator(".nhsuk-error-summary")
    assert "Select what should happen to your certificates" in summary.inner_text()
    page.get_by_label("Keep them verifiable", exact=False).check()
    page.get_by_label("Your password").fill(DEFAULT_PASSWORD)
    page.get_by_label("I understand", exact=False).check()
    visitor.submit(page.get_by_role("button", name="Delete your account"))
    assert "Your account has been deleted" in page.inner_text("main")

    visitor.visit(f"/certificates/verify/{notice.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == "This certificate is valid"
    assert "Amara Okafor" in page.inner_text("main")
