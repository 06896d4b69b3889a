"""Every page of the demo site, anonymous and signed in, passes axe-core — forms with their
errors showing too."""

import pytest

from cms import demo as cms_demo
from courses import demo as courses_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/",
    "/about/",
    "/faq/",
    "/contact/",
    "/privacy/",
    "/accessibility/",
    "/search/?q=depression",
    "/search/?q=zzzzzz",
    "/courses/",
    "/courses/?format=online&available=on",
    "/courses/dates/",
    "/courses/five-day-course/",
    "/courses/three-week-course/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/login/code/",
]

SIGNED_IN = [
    "/account/",
    "/account/delete/",
    "/account/bookings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]


@pytest.fixture
def demo_site(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-browser-password")
    cms_demo.seed()
    courses_demo.seed()


def test_every_public_page(visitor, demo_site):
    for path in PUBLIC:
        visitor.visit(path)


def test_not_found_page(visitor, demo_site):
    response = visitor.page.goto(visitor.base_url + "/no-such-page/")
    assert response.status == 404
    assert "Page not found" in visitor.page.inner_text("h1")
    visitor.check_accessibility()


def test_forms_with_errors(visitor, demo_site):
    page = visitor.page
    visitor.visit("/accounts/signup/")
    page.fill("[name='email']", "learner@example.com")
    page.fill("[name='password1']", "short")
    page.fill("[name='password2']", "different")
    visitor.submit(page.locator("main form [type='submit']").first)
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    # Each error in the summary links to its field.
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    assert page.locator(target).count() == 1

    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "learner@example.com")
    page.fill("[name='password']", "wrong-password")
    visitor.submit(page.locator("main form [type='submit']").first)
    assert page.locator(".nhsuk-error-summary").is_visible()


def test_every_signed_in_page(visitor, demo_site):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "learner@example.com")
    page.fill("[name='password']", "demo-browser-password")
    visitor.submit(page.locator("main form [type='submit']").first)
    assert visitor.path == "/account/"
    for path in SIGNED_IN:
        visitor.visit(path)
    visitor.visit("/accounts/2fa/totp/activate/")  # asks for the password again first
    page.fill("[name='password']", "demo-browser-password")
    visitor.submit(page.locator("main form [type='submit']").first)
    assert visitor.path == "/accounts/2fa/totp/activate/"
    page.fill("[name='code']", "000000")
    visitor.submit(page.locator("main form [type='submit']").first)
    assert page.locator(".nhsuk-error-summary").is_visible()
    visitor.visit("/account/delete/")
    visitor.submit(page.locator("main form [type='submit']").first)
    assert page.locator(".nhsuk-error-summary").is_visible()


def test_booking_pages(visitor, demo_site):
    from courses.models import Cohort

    cohort = Cohort.objects.get(course__slug="five-day-course", title="Next run")
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "learner@example.com")
    page.fill("[name='password']", "demo-browser-password")
    visitor.submit(page.locator("main form [type='submit']").first)
    visitor.visit(f"/book/cohorts/{cohort.pk}/?places=2")
    visitor.submit(page.get_by_role("button", name="Continue to payment"))
    assert page.locator(".nhsuk-error-summary").is_visible()
    page.fill("[name='attendee-1-name']", "Ben Carter")
    page.fill("[name='attendee-1-email']", "ben.carter@example.nhs.uk")
    page.select_option("[name='attendee-0-profession']", "nurse")
    page.select_option("[name='attendee-1-profession']", "ahp")
    for i in (0, 1):
        page.locator(f"[name='attendee-{i}-price_tier']").first.check()
    page.check("[name='terms']")
    page.fill("[name='discount_code']", "NOSUCHCODE")
    visitor.submit(page.get_by_role("button", name="Continue to payment"))
    assert "We do not recognise that code" in page.inner_text(".nhsuk-error-summary")
    page.fill("[name='discount_code']", "")
    visitor.submit(page.get_by_role("button", name="Continue to payment"))
    assert "/book/orders/" in visitor.path
    assert "Ben Carter" in page.inner_text("main")
    visitor.visit("/account/bookings/")
