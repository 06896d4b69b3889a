"""Two learners with a record of every kind the site keeps about a person.

Amara (the `user` fixture) booked a future cohort by invoice for herself and her colleague
Bert (one order, two places: Bert's place is on Amara's order and invoice), paid part by
card and was refunded some, was credited, was reminded, waits for a third cohort, manages her
trust, keeps notes, has done modules, quizzes, registers, check-ins, evaluation and a
certificate on a finished cohort, and asked for a name correction. Bert (`other_user`) has
the same learning records on the same finished cohort, under his own name, so that anything
of his in Amara's export is found.
"""

import datetime

import pytest
from django.utils import timezone

from bookings.invoicing.issue import issue_credit_note, issue_invoice
from bookings.models import BillingDetails, Payment, PlaceReminder, Refund
from certificates.models import NameCorrection
from learning.attendance.models import AttendanceRecord, SessionCheckIn
from learning.evaluation import services as evaluation
from learning.evaluation.models import EvaluationResponse, WaveEmail
from learning.evaluation.pseudonyms import pseudonym
from learning.mailings.models import CohortMessage, MessageRecipient
from learning.models import ModuleProgress, QuizAdjustment, ReflectionNote
from tests.certificates.conftest import pass_quiz
from tests.factories import TOTPAuthenticatorFactory
from tests.factories.bookings import (
    OrganisationFactory,
    WaitingListEntryFactory,
    billing_for,
    book_for,
)
from tests.factories.certificates import CertificateFactory, CertificateVersionFactory
from tests.factories.courses import CohortFactory, CoursePageFactory, TrainerFactory
from tests.factories.learning import ModulePageFactory, place_on
from tests.learning.factories import quiz_with

NOW = timezone.now


@pytest.fixture
def course(site):
    from tests.factories.courses import CourseIndexPageFactory

    index = CourseIndexPageFactory(parent=site)
    return CoursePageFactory(parent=index, title="5-day course", slug="five-day-course")


@pytest.fixture
def finished(course):
    return CohortFactory(course=course, start_date=timezone.localdate() - datetime.timedelta(20))


@pytest.fixture
def world(user, other_user, course, finished):
    """Everything held about Amara and Bert; returns Amara's certificate's code."""
    organisation = OrganisationFactory(name="Riverside NHS Trust", managers=[user])
    upcoming = CohortFactory(course=course)
    order = book_for(
        organisation,
        upcoming,
        [(user.display_name, user.email), (other_user.display_name, other_user.email)],
        buyer=user,
    )
    billing = billing_for(organisation, billing_email=user.email, po_number="4500123456")
    BillingDetails.objects.create(order=order, **billing)
    invoice = issue_invoice(order_id=order.pk)
    issue_credit_note(invoice_id=invoice.pk, amount_pence=1000, reason="Goodwill")
    payment = Payment.objects.create(
        order=order,
        checkout_session_id="cs_test_world",
        checkout_url="https://checkout.example/cs_test_world",
        amount_pence=5000,
        status="paid",
        expires_at=NOW(),
    )
    Refund.objects.create(order=order, payment=payment, amount_pence=500, reason="Part refund")
    PlaceReminder.objects.create(
        place=order.places.get(attendee_email=user.email), kind="week", sent_at=NOW()
    )
    WaitingListEntryFactory(user=user, cohort=CohortFactory(course=course))
    TOTPAuthenticatorFactory(user=user)
    TrainerFactory(user=user, name="Amara Okafor")
    module = ModulePageFactory(parent=course, title="Depression")
    quiz = quiz_with(2, title="PHQ-9 check")
    QuizAdjustment.objects.create(user=user, course=course, extra_time="1.5")
    evaluation.record_consent(user=user, agreed=True)
    evaluation.record_consent(user=other_user, agreed=True)
    message = CohortMessage.objects.create(
        cohort=finished,
        subject="Day 2",
        body="Bring your notes",
        created_at=NOW(),
        submission_key="k",
    )
    code = None
    for person in (user, other_user):
        place = place_on(finished, person)
        learning_records(person, place, module, quiz, message)
        version = CertificateVersionFactory(
            certificate=CertificateFactory(place=place),
            learner_name=person.display_name,
            registration_body=person.registration_body,
            registration_number=person.registration_number,
        )
        code = code or version.certificate.code
        NameCorrection.objects.create(
            certificate=version.certificate,
            requested_by=person,
            current_name=person.display_name,
            name=f"{person.display_name} (as registered)",
            requested_at=NOW(),
        )
    return code


def learning_records(person, place, module, quiz, message):
    cohort, session = place.cohort, place.cohort.sessions.first()
    ModuleProgress.objects.create(user=person, module=module, cohort=cohort, done_at=NOW())
    ReflectionNote.objects.create(user=person, module=module, text=f"Notes of {person.email}")
    pass_quiz(place, module, quiz)
    AttendanceRecord.objects.create(
        place=place, session=session, status="present", recorded_at=NOW()
    )
    SessionCheckIn.objects.create(place=place, session=session, checked_in_at=NOW())
    EvaluationResponse.objects.create(
        place=place,
        cohort=cohort,
        wave="before",
        pseudonym=pseudonym(person.pk),
        answers={"free_text": f"Answer of {person.email}"},
        submitted_at=NOW(),
    )
    WaveEmail.objects.create(place=place, wave="before", kind="invitation", sent_at=NOW())
    MessageRecipient.objects.create(message=message, place=place, sent_at=NOW())
