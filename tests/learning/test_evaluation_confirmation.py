"""The booking confirmation links to the questions before the course: in the buyer's email
for their own place and in each colleague's joining instructions for theirs, while the course
asks them and they are open. Bookings knows nothing of learning: learning registers the link
(bookings.confirmation_extras)."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from bookings.confirmation_extras import extras_for
from bookings.models import Place
from bookings.services import holds
from bookings.services.confirm import confirm_order
from learning.evaluation.confirmation import before_wave_extra
from learning.evaluation.models import EvaluationResponse
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory
from tests.learning.evaluation_factories import course_evaluation

pytestmark = pytest.mark.django_db
HEADING = "Before the course: answer a few questions"


@pytest.fixture
def cohort(course):
    return CohortFactory(course=course, start_date=timezone.localdate() + datetime.timedelta(20))


def book(cohort, capture):
    buyer = UserFactory(email="manager@example.nhs.uk")
    tier = cohort.course.price_tiers.first()
    attendees = [
        holds.Attendee(name="Manager", email=buyer.email, price_tier_id=tier.pk),
        holds.Attendee(name="Col League", email="col@example.nhs.uk", price_tier_id=tier.pk),
    ]
    order = holds.hold_places(
        cohort_id=cohort.pk, buyer=buyer, attendees=attendees, payment_method="card"
    )
    with capture(execute=True):
        confirm_order(order_id=order.pk, message="paid")
    return {p.attendee_email: p for p in order.places.all()}


def test_each_attendee_gets_the_link_to_their_own_places_questions(
    cohort, mailoutbox, django_capture_on_commit_callbacks
):
    course_evaluation(cohort.course)
    places = book(cohort, django_capture_on_commit_callbacks)
    for email, place in places.items():
        (message,) = [m for m in mailoutbox if m.to == [email]]
        url = f"{settings.SITE_URL}/account/learning/evaluation/{place.pk}/before/"
        assert HEADING in message.body
        assert f"Answer the questions before the course: {url}" in message.body
        others = [p for p in places.values() if p != place]
        assert f"/evaluation/{others[0].pk}/" not in message.body  # not the colleague's
        html = message.alternatives[0][0]
        assert f'<a href="{url}">Answer the questions before the course</a>' in html


def test_no_link_when_the_course_asks_nothing_before(
    cohort, mailoutbox, django_capture_on_commit_callbacks
):
    book(cohort, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert not any(HEADING in m.body for m in mailoutbox)


def test_no_link_once_answered_or_the_course_has_started(
    cohort, django_capture_on_commit_callbacks
):
    course_evaluation(cohort.course)
    places = book(cohort, django_capture_on_commit_callbacks)
    place, other = places["col@example.nhs.uk"], places["manager@example.nhs.uk"]
    assert extras_for(place) == [before_wave_extra(place)]
    EvaluationResponse.objects.create(
        place=place,
        cohort=cohort,
        wave="before",
        pseudonym="x",
        answers={},
        submitted_at=timezone.now(),
    )
    assert before_wave_extra(place) is None
    assert before_wave_extra(other) is not None
    cohort.start_date = timezone.localdate() - datetime.timedelta(days=1)
    cohort.end_date = cohort.start_date + datetime.timedelta(days=4)
    cohort.save()
    assert before_wave_extra(Place.objects.get(pk=other.pk)) is None
