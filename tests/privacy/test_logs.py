"""No personal data in the logs: the learner's journeys — signing up, failing to sign in,
booking by card through the fake Stripe and its webhook, booking by invoice, a quiz and a
certificate — run with every logger at DEBUG, and no record holds the learner's or their
colleague's email, name or registration number.

The stripe SDK logs request and response bodies at debug level (the buyer's email and the
attendees' names on the line items); settings LOGGING filters them (cms.log_filters).
"""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from bookings.models import Order
from certificates.services import override_certificate
from cms.models import User
from learning.quizzes import services as quizzes
from tests.bookings.stripe import events_for, post_event
from tests.bookings.test_booking_form import form_data
from tests.conftest import link_in
from tests.factories import StaffUserFactory
from tests.factories.bookings import billing_for
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, quiz_with, right_answers

pytestmark = pytest.mark.django_db

FIRST, LAST, EMAIL = "Zanele", "Mbeki-Adebayo", "zanele.mbeki@example.net"
REGISTRATION = "23Z4567X"
COLLEAGUE, COLLEAGUE_EMAIL = "Ffion Pritchard-Evans", "ffion.pritchard@example.net"
PASSWORD = "tidal-Lantern-4821"
PERSONAL = [
    p.lower() for p in (FIRST, LAST, EMAIL, REGISTRATION, COLLEAGUE, COLLEAGUE_EMAIL, "Pritchard")
]


@pytest.fixture
def every_logger_at_debug(caplog):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def sign_up_and_fail_to_sign_in(client, mailoutbox):
    data = {"first_name": FIRST, "last_name": LAST, "email": EMAIL}
    data |= {"password1": PASSWORD, "password2": PASSWORD}
    assert client.post(reverse("account_signup"), data).status_code == 302
    assert client.post(link_in(mailoutbox[-1], "/accounts/confirm-email/")).status_code == 302
    client.logout()
    for email in (EMAIL, "nobody." + EMAIL):
        response = client.post(reverse("account_login"), {"login": email, "password": "wrong"})
        assert response.status_code == 200
    assert (
        client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD}).status_code
        == 302
    )
    user = User.objects.get(email=EMAIL)
    profile = {"first_name": FIRST, "last_name": LAST, "registration_body": "NMC"}
    client.post(reverse("account_profile"), profile | {"registration_number": REGISTRATION})
    return user


def book(client, cohort, key):
    people = [(f"{FIRST} {LAST}", EMAIL), (COLLEAGUE, COLLEAGUE_EMAIL)]
    client.post(f"/book/cohorts/{cohort.pk}/", form_data(cohort, people, key=key))
    return Order.objects.get(submission_key=key)


def pay_by_card_with_webhook(client, fake, cohort):
    order = book(client, cohort, "card")
    checkout_url = client.post(f"/book/orders/{order.reference}/pay/")["Location"]
    session_id = checkout_url.rsplit("/", 1)[-1]
    with fake.store.lock:
        fake.store.pay(session_id)
    (event,) = events_for(fake, session_id, "checkout.session.completed")
    assert post_event(client, event).status_code == 200
    client.get(f"/book/orders/{order.reference}/paid/?session_id={session_id}")


def pay_by_invoice(client, cohort):
    order = book(client, cohort, "invoice")
    details = billing_for(billing_email=EMAIL, po_number="PO-1")
    assert client.post(f"/book/orders/{order.reference}/invoice/", details).status_code == 302


def quiz_and_certificate(user, course):
    started = timezone.localdate() - datetime.timedelta(days=20)
    place = place_on(CohortFactory(course=course, start_date=started), user)
    quiz = quiz_with(2, title="PHQ-9 check")
    module = module_with_quiz(course, quiz)
    attempt = quizzes.start_attempt(user=user, module=module, quiz_id=quiz.pk)
    quizzes.submit_attempt(user=user, attempt_id=attempt.pk, answers=right_answers(attempt))
    override_certificate(place.pk, actor=StaffUserFactory(), reason="Checked the register")


def test_no_personal_data_in_any_log_record(
    client, fake_stripe, mailoutbox, every_logger_at_debug, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        user = sign_up_and_fail_to_sign_in(client, mailoutbox)
        pay_by_card_with_webhook(client, fake_stripe, cohort)
        pay_by_invoice(client, CohortFactory(course=cohort.course))
        quiz_and_certificate(user, cohort.course)
    booked = Order.objects.filter(submission_key__in=["card", "invoice"], status="confirmed")
    assert booked.count() == 2
    assert user.places.filter(certificates__isnull=False).exists()
    records = every_logger_at_debug.records
    assert any(r.name.startswith("stripe") for r in records)  # the SDK did log, filtered
    leaks = [(r.name, text(r)[:300]) for r in records if any(p in text(r) for p in PERSONAL)]
    assert not leaks


def text(record):
    """Everything a handler could write of the record, lower-cased."""
    trace = logging.Formatter().formatException(record.exc_info) if record.exc_info else ""
    return f"{record.getMessage()} {trace} {record.exc_text or ''}".lower()
