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
    "/courses/dates/?course=five-day-course",
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
    "/account/research-consent/",
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


def test_orders_in_every_state_and_their_changes(visitor, demo_site, fake_stripe):
    from bookings import demo as bookings_demo
    from bookings.models import Order

    bookings_demo.seed()
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "learner@example.com")
    page.fill("[name='password']", "demo-browser-password")
    visitor.submit(page.locator("main form [type='submit']").first)
    for order in Order.objects.filter(buyer__email="learner@example.com"):
        visitor.visit(f"/book/orders/{order.reference}/")
    paid = Order.objects.get(submission_key="demo-card-paid")
    visitor.visit(f"/book/orders/{paid.reference}/receipt/")
    visitor.visit(f"/book/orders/{paid.reference}/cancel/")
    visitor.submit(page.get_by_role("button", name="Cancel these places"))
    assert page.locator(".nhsuk-error-summary").is_visible()
    visitor.visit(f"/book/places/{paid.places.first().pk}/transfer/")
    visitor.submit(page.get_by_role("button", name="Move to this date"))
    assert page.locator(".nhsuk-error-summary").is_visible()


def sign_in(visitor, email, password):
    visitor.visit("/accounts/login/")
    visitor.page.fill("[name='login']", email)
    visitor.page.fill("[name='password']", password)
    visitor.submit(visitor.page.locator("main form [type='submit']").first)


def test_waiting_list_pages(visitor, demo_site):
    """Join a full cohort's waiting list (with an error first), then, as the demo learner,
    follow the offer link to the held places and name the attendee."""
    from bookings import demo as bookings_demo
    from bookings.models import WaitingListEntry
    from bookings.services.offers import offer_token
    from courses.models import Cohort
    from tests.factories import DEFAULT_PASSWORD, UserFactory

    bookings_demo.seed()
    page = visitor.page
    cohort = Cohort.objects.get(course__slug="five-day-course", title="Small group")
    sign_in(visitor, UserFactory(email="newcomer@example.org").email, DEFAULT_PASSWORD)
    visitor.visit("/courses/five-day-course/")
    visitor.submit(page.locator(f"#cohort-{cohort.pk} a", has_text="Join the waiting list"))
    assert visitor.path == f"/book/cohorts/{cohort.pk}/waiting-list/"
    page.evaluate("document.querySelector('[name=places_wanted] option:checked').value = '0'")
    visitor.submit(page.get_by_role("button", name="Join the waiting list"))
    assert page.locator(".nhsuk-error-summary").is_visible()
    page.select_option("[name='places_wanted']", "2")
    visitor.submit(page.get_by_role("button", name="Join the waiting list"))
    assert "You are on the waiting list" in page.inner_text("main")
    visitor.visit("/account/bookings/")

    page.context.clear_cookies()
    sign_in(visitor, "learner@example.com", "demo-browser-password")
    offer = WaitingListEntry.objects.get(user__email="learner@example.com", status="offered")
    visitor.visit("/account/bookings/")
    visitor.visit(f"/book/offers/{offer_token(offer)}/")
    visitor.submit(page.get_by_role("button", name="Book these places"))
    assert visitor.path == f"/book/orders/{offer.order.reference}/attendees/"
    visitor.submit(page.get_by_role("button", name="Continue to payment"))
    assert page.locator(".nhsuk-error-summary").is_visible()
    page.locator("[name='attendee-0-price_tier']").first.check()
    page.check("[name='terms']")
    visitor.submit(page.get_by_role("button", name="Continue to payment"))
    assert visitor.path == f"/book/orders/{offer.order.reference}/"
    assert "Pay" in page.inner_text("main")
    visitor.visit(f"/book/offers/{offer_token(offer)}/")  # the used link says so
