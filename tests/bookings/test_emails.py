"""A confirmed order emails the buyer and each colleague once, with the dates attached."""

import pytest
from icalendar import Calendar

from bookings.services import holds
from bookings.services.confirm import confirm_order
from bookings.tasks import send_order_confirmation
from tests.factories import UserFactory
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def test_buyer_and_colleague_are_emailed_once(site, mailoutbox, django_capture_on_commit_callbacks):
    cohort = CohortFactory(delivery="online", joining_details="https://meet.example/abc")
    buyer = UserFactory(email="manager@example.nhs.uk")
    tier = cohort.course.price_tiers.first()
    attendees = [
        holds.Attendee(name="Manager", email=buyer.email, price_tier_id=tier.pk),
        holds.Attendee(name="Col League", email="col@example.nhs.uk", price_tier_id=tier.pk),
    ]
    order = holds.hold_places(
        cohort_id=cohort.pk, buyer=buyer, attendees=attendees, payment_method="card"
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirm_order(order_id=order.pk, message="paid")
    assert sorted(m.to[0] for m in mailoutbox) == ["col@example.nhs.uk", "manager@example.nhs.uk"]
    to_buyer = next(m for m in mailoutbox if m.to == [buyer.email])
    assert order.reference in to_buyer.subject
    assert "Col League" in to_buyer.body and "https://meet.example/abc" in to_buyer.body
    assert to_buyer.alternatives[0][1] == "text/html"
    name, content, mimetype = to_buyer.attachments[0]
    assert mimetype == "text/calendar"
    assert len(list(Calendar.from_ical(content).walk("VEVENT"))) == 5

    assert send_order_confirmation.delay(order.pk).get() is False  # a replay sends nothing
    assert len(mailoutbox) == 2


def test_the_confirmation_shows_the_code_and_the_discount(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    DiscountCodeFactory(code="RIVERSIDE50", kind="amount", value=5000)
    tier = cohort.course.price_tiers.get(name="Partner")
    buyer = UserFactory(email="manager@example.nhs.uk")
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer,
        attendees=[holds.Attendee(name="Manager", email=buyer.email, price_tier_id=tier.pk)],
        payment_method="card",
        discount_code="riverside50",
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirm_order(order_id=order.pk, message="paid")
    (message,) = mailoutbox
    assert "Subtotal: £350" in message.body
    assert "Discount (code RIVERSIDE50): -£50" in message.body
    assert "Total: £300" in message.body
    html = message.alternatives[0][0]
    assert "Discount (code RIVERSIDE50): −£50" in html and "<strong>£300</strong>" in html


def test_plain_text_emails_do_not_escape_apostrophes(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    from bookings.services import holds
    from bookings.services.confirm import confirm_order
    from tests.factories import UserFactory
    from tests.factories.courses import CohortFactory

    cohort = CohortFactory()
    tier = cohort.course.price_tiers.first()
    buyer = UserFactory(first_name="Siobhan", last_name="O'Neill")
    people = [
        holds.Attendee(name="Siobhan O'Neill", email=buyer.email, price_tier_id=tier.pk),
        holds.Attendee(name="Dara O'Brien", email="dara@example.com", price_tier_id=tier.pk),
    ]
    order = holds.hold_places(
        cohort_id=cohort.pk, buyer=buyer, attendees=people, payment_method="invoice"
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirm_order(order_id=order.pk, message="test")
    bodies = "".join(m.body for m in mailoutbox)
    assert "O'Brien" in bodies and "&#x27;" not in bodies
