"""A nominated manager opens their organisation's bookings and passes a place on, in Chromium,
with axe-core checking every page on the way (the form with its errors too)."""

import pytest

from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.factories.bookings import OrganisationFactory, book_for
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager(site):
    return UserFactory(first_name="Maya", last_name="Manager", certificate_name="")


@pytest.fixture
def order(site, manager):
    riverside = OrganisationFactory(
        name="Riverside NHS Trust", email_domains="riverside.nhs.uk", managers=[manager]
    )
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return book_for(
        riverside,
        CohortFactory(course=course),
        [("Grace Mensah", "grace@riverside.nhs.uk"), ("Tom Hughes", "tom@riverside.nhs.uk")],
    )


def sign_in(visitor, user):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", user.email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def test_a_manager_passes_a_place_on_to_a_colleague(visitor, manager, order, mailoutbox):
    mailoutbox.clear()  # the booking's own confirmation and joining instructions
    sign_in(visitor, manager)
    page = visitor.page
    visitor.submit(page.get_by_role("link", name="Your organisation"))
    assert page.get_by_role("heading", name="Your organisation's bookings").is_visible()
    assert "Grace Mensah" in page.inner_text("main") and order.reference in page.content()

    visitor.submit(page.get_by_role("link", name="Pass on Grace Mensah's place"))
    assert page.get_by_role("heading", name="Pass a place on to a colleague").is_visible()
    page.fill("[name='name']", "Leah Novak")
    page.fill("[name='email']", "leah.novak@gmail.com")
    page.select_option("[name='profession']", "ahp")
    visitor.submit(page.get_by_role("button", name="Pass the place on"))
    summary = page.locator(".nhsuk-error-summary")
    assert "ending in @riverside.nhs.uk" in summary.inner_text()
    assert summary.locator("a").first.get_attribute("href") == "#id_email"

    page.fill("[name='email']", "leah.novak@riverside.nhs.uk")
    visitor.submit(page.get_by_role("button", name="Pass the place on"))
    assert visitor.path == f"/account/organisation/{order.organisation_id}/"
    assert "The place is now Leah Novak's" in page.inner_text("main")
    table = page.inner_text("table")
    assert "Leah Novak" in table and "Grace Mensah" not in table

    place = order.places.get(attendee_email="leah.novak@riverside.nhs.uk")
    assert place.order_id == order.pk and place.status == "confirmed"
    told = sorted(m.to[0] for m in mailoutbox)
    assert told == ["grace@riverside.nhs.uk", "leah.novak@riverside.nhs.uk"]
