"""The booking form through the test client: who may book, what it refuses, one order per
submission."""

import pytest

from bookings.models import Order, Place
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return CohortFactory(course=course, capacity=3)


def form_data(cohort, people, key="key-1", terms=True):
    tier = cohort.course.price_tiers.order_by("price_pence").first()
    data = {
        "attendee-TOTAL_FORMS": len(people),
        "attendee-INITIAL_FORMS": 0,
        "attendee-MIN_NUM_FORMS": 1,
        "attendee-MAX_NUM_FORMS": 10,
        "submission_key": key,
    }
    if terms:
        data["terms"] = "on"
    for i, (name, email) in enumerate(people):
        data.update(
            {
                f"attendee-{i}-name": name,
                f"attendee-{i}-email": email,
                f"attendee-{i}-profession": "nurse",
                f"attendee-{i}-organisation": "Riverside NHS Trust",
                f"attendee-{i}-price_tier": tier.pk,
                f"attendee-{i}-requirements": "",
            }
        )
    return data


def test_signed_out_visitors_are_asked_to_sign_in(client, cohort):
    response = client.get(f"/book/cohorts/{cohort.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unverified_email_must_be_confirmed_first(client, cohort):
    client.force_login(UserFactory(email_address__verified=False))
    response = client.get(f"/book/cohorts/{cohort.pk}/")
    assert response.status_code == 302 and response["Location"] == "/accounts/email/"


def test_form_is_prefilled_for_the_booker_with_one_block_per_place(client, cohort):
    user = UserFactory(first_name="Amara", last_name="Okafor")
    client.force_login(user)
    html = client.get(f"/book/cohorts/{cohort.pk}/", {"places": 2}).content.decode()
    assert 'value="Amara Okafor"' in html
    assert "Place 2" in html and "Place 3" not in html
    html = client.get(f"/book/cohorts/{cohort.pk}/", {"places": "99"}).content.decode()
    assert "Place 3" in html and "Place 4" not in html  # never more than are left


def test_booking_holds_places_and_shows_the_summary(client, cohort):
    client.force_login(UserFactory())
    data = form_data(
        cohort, [("Amara Okafor", "amara@example.com"), ("Ben Carter", "ben@example.com")]
    )
    response = client.post(f"/book/cohorts/{cohort.pk}/", data)
    order = Order.objects.get()
    assert response["Location"] == f"/book/orders/{order.reference}/"
    html = client.get(response["Location"]).content.decode()
    assert "Ben Carter" in html and "£700" in html and "Pay £700 by card" in html


def test_double_submission_makes_one_order(client, cohort):
    client.force_login(UserFactory())
    data = form_data(cohort, [("Amara Okafor", "amara@example.com")])
    first = client.post(f"/book/cohorts/{cohort.pk}/", data)
    second = client.post(f"/book/cohorts/{cohort.pk}/", data)
    assert first["Location"] == second["Location"]
    assert Order.objects.count() == 1 and Place.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"terms": None}, "Agree to the booking terms"),
        ({"attendee-0-email": "not-an-email"}, "Enter an email address like name@nhs.net."),
        ({"attendee-0-name": ""}, "Enter the full name of the person attending."),
        ({"attendee-0-price_tier": "999999"}, "Choose one of the prices offered"),
        ({"attendee-1-email": "amara@example.com"}, "Each person needs their own email address."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_held(client, cohort, change, message):
    client.force_login(UserFactory())
    data = form_data(cohort, [("Amara Okafor", "amara@example.com"), ("Ben", "ben@example.com")])
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    response = client.post(f"/book/cohorts/{cohort.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert not Place.objects.exists()


def test_more_people_than_places_left_is_refused(client, cohort):
    client.force_login(UserFactory())
    people = [(f"P{i}", f"p{i}@example.com") for i in range(4)]
    html = client.post(f"/book/cohorts/{cohort.pk}/", form_data(cohort, people)).content.decode()
    assert "Only 3 places left" in html
    assert not Place.objects.exists()


def test_a_full_cohort_says_why_it_cannot_be_booked(client, cohort):
    client.force_login(UserFactory())
    client.post(
        f"/book/cohorts/{cohort.pk}/",
        form_data(cohort, [(f"P{i}", f"p{i}@example.com") for i in range(3)]),
    )
    client.force_login(UserFactory())
    response = client.get(f"/book/cohorts/{cohort.pk}/")
    assert response.status_code == 409
    assert "Full — join the waiting list" in response.content.decode()


def test_someone_elses_order_is_not_found(client, cohort):
    client.force_login(UserFactory())
    client.post(f"/book/cohorts/{cohort.pk}/", form_data(cohort, [("A", "a@example.com")]))
    order = Order.objects.get()
    client.force_login(UserFactory())
    assert client.get(f"/book/orders/{order.reference}/").status_code == 404
    assert client.post(f"/book/orders/{order.reference}/pay/").status_code == 404


def test_my_bookings_lists_my_orders_and_places_booked_for_me(client, cohort):
    manager, colleague, stranger = UserFactory(), UserFactory(), UserFactory()
    client.force_login(manager)
    client.post(f"/book/cohorts/{cohort.pk}/", form_data(cohort, [("Col League", colleague.email)]))
    Place.objects.update(attendee=colleague)
    order = Order.objects.get()
    for user, sees in [(manager, True), (colleague, True), (stranger, False)]:
        client.force_login(user)
        html = client.get("/account/bookings/").content.decode()
        assert (order.reference in html) is sees
