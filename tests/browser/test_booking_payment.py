"""Booking and paying in Chromium: two places paid on the fake Stripe's checkout page, and a
declined card. axe-core checks every page on the way, the checkout page included."""

import pytest

from bookings.models import Order, OrderStatus, PlaceStatus
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cohort(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return CohortFactory(course=course, capacity=4)


@pytest.fixture
def paying(fake_stripe, live_server):
    """Webhooks go to the live server too, so both the return page and the webhook race."""
    fake_stripe.store.webhook_url = live_server.url + "/payments/stripe/webhook/"
    return fake_stripe


def sign_in(visitor, user):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", user.email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def book_two_places(visitor, cohort):
    page = visitor.page
    visitor.visit(f"/book/cohorts/{cohort.pk}/")
    page.select_option("#places", "2")
    visitor.submit(page.get_by_role("button", name="Change the number of places"))
    page.fill("[name='attendee-1-name']", "Ben Carter")
    page.fill("[name='attendee-1-email']", "ben.carter@example.org")
    page.select_option("[name='attendee-1-profession']", "ahp")
    page.locator("[name='attendee-1-price_tier']").first.check()
    page.locator("[name='attendee-0-price_tier']").first.check()
    page.locator("[name='terms']").check()
    visitor.submit(page.get_by_role("button", name="Continue to payment"))
    return Order.objects.get(buyer__email=visitor.user_email)


def test_book_two_places_and_pay_on_the_checkout_page(visitor, cohort, paying):
    user = UserFactory(first_name="Amara", last_name="Okafor")
    visitor.user_email = user.email
    sign_in(visitor, user)
    order = book_two_places(visitor, cohort)
    page = visitor.page
    assert "Ben Carter" in page.content() and "Pay £700 by card" in page.content()

    visitor.submit(page.get_by_role("button", name="Pay £700 by card"))
    assert page.url.startswith(paying.url + "/checkout/")
    page.fill("#card", "4242 4242 4242 4242")
    visitor.submit(page.get_by_role("button", name="Pay £700.00"))

    assert visitor.path == f"/book/orders/{order.reference}/"
    assert page.get_by_role("heading", name="Booking confirmed").is_visible()
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert set(order.places.values_list("status", flat=True)) == {PlaceStatus.CONFIRMED}

    page.go_back()  # the back button after paying shows the booking, not a new payment
    page.go_back()
    visitor.visit(f"/book/orders/{order.reference}/")
    assert "Pay £700 by card" not in page.content()
    visitor.visit("/account/bookings/")
    assert order.reference in page.content()


def test_a_declined_card_says_so_and_keeps_the_places_held(visitor, cohort, paying):
    user = UserFactory()
    visitor.user_email = user.email
    sign_in(visitor, user)
    order = book_two_places(visitor, cohort)
    page = visitor.page
    visitor.submit(page.get_by_role("button", name="Pay £700 by card"))
    page.fill("#card", "4000 0000 0000 0002")
    visitor.submit(page.get_by_role("button", name="Pay £700.00"))
    assert page.get_by_role("alert").inner_text().startswith("Your card was declined")

    visitor.submit(page.get_by_role("link", name="Cancel and go back"))
    assert visitor.path == f"/book/orders/{order.reference}/"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert page.get_by_role("button", name="Pay £700 by card").is_visible()
