"""The managers' page and passing a place on, through the test client.

Scenario: Riverside trust has orders from two bookers on two cohorts; Maya manages it. Hillside
is another trust with its own order. Everyone else must get "not found".
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.models import Order, Place
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import OrganisationFactory, book_for
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya(db):
    return UserFactory(first_name="Maya", last_name="Manager", certificate_name="")


def staff():
    """Staff with an authenticator app, so the admin's MFA rule lets them through."""
    return TOTPAuthenticatorFactory().user


@pytest.fixture
def riverside(maya):
    return OrganisationFactory(name="Riverside NHS Trust", managers=[maya])


@pytest.fixture
def cohorts(site):
    index = CourseIndexPageFactory(parent=site)
    five = CoursePageFactory(parent=index, title="5-day course")
    three = CoursePageFactory(parent=index, title="3-week course")
    return CohortFactory(course=five), CohortFactory(course=three)


@pytest.fixture
def orders(riverside, cohorts):
    five, three = cohorts
    hillside = OrganisationFactory(name="Hillside NHS Trust", email_domains="hillside.nhs.uk")
    return {
        "five": book_for(riverside, five, [("Grace Mensah", "grace@riverside.nhs.uk")]),
        "three": book_for(
            riverside,
            three,
            [("Tom Hughes", "tom@riverside.nhs.uk"), ("Aisha Rahman", "aisha@riverside.nhs.uk")],
            confirm=False,
        ),
        "hillside": book_for(hillside, five, [("Owen Price", "owen@hillside.nhs.uk")]),
    }


def page_url(organisation):
    return f"/account/organisation/{organisation.pk}/"


def test_a_manager_sees_every_order_and_place_of_their_organisation(client, maya, orders):
    client.force_login(maya)
    response = client.get("/account/organisation/")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    for name in ["Grace Mensah", "Tom Hughes", "Aisha Rahman"]:
        assert name in html
    assert orders["five"].reference in html and orders["three"].reference in html
    assert "Owen Price" not in html and orders["hillside"].reference not in html
    assert "Held while paying" in html and "Confirmed" in html
    assert html.count("Pass on<") == 3


def test_everyone_else_gets_not_found(client, riverside, orders):
    for user in [UserFactory(), orders["five"].buyer]:  # a learner, even one who booked
        client.force_login(user)
        assert client.get(page_url(riverside)).status_code == 404
        assert client.get("/account/organisation/").status_code == 404
    client.logout()
    assert client.get(page_url(riverside)).status_code == 302  # to sign in


def test_staff_see_any_organisation(client, riverside, orders):
    client.force_login(staff())
    assert "Grace Mensah" in client.get(page_url(riverside)).content.decode()


def test_a_manager_of_several_organisations_chooses_one(client, maya, riverside):
    OrganisationFactory(name="Meadowbank Surgery", managers=[maya])
    client.force_login(maya)
    html = client.get("/account/organisation/").content.decode()
    assert "Riverside NHS Trust" in html and "Meadowbank Surgery" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"status": "held"}, ["Tom Hughes"], ["Grace Mensah"]),
        ({"status": "confirmed"}, ["Grace Mensah"], ["Tom Hughes"]),
        ({"cohort": "five"}, ["Grace Mensah"], ["Tom Hughes"]),
        ({"course": "three"}, ["Tom Hughes", "Aisha Rahman"], ["Grace Mensah"]),
        ({"status": "cancelled"}, ["No bookings match your filters"], ["Grace Mensah"]),
    ],
)
def test_filters(client, maya, riverside, orders, cohorts, query, shown, hidden):
    five, three = cohorts
    ids = {"five": five, "three": three}
    if "cohort" in query:
        query = {"cohort": ids[query["cohort"]].pk}
    if "course" in query:
        query = {"course": ids[query["course"]].course_id}
    client.force_login(maya)
    html = client.get(page_url(riverside), query).content.decode()
    assert all(text in html for text in shown)
    assert not any(text in html for text in hidden)


def test_a_filter_value_not_on_offer_is_explained(client, maya, riverside, orders):
    client.force_login(maya)
    html = client.get(page_url(riverside), {"status": "lost"}).content.decode()
    assert "There is a problem" in html and 'href="#id_status"' in html
    assert "Grace Mensah" in html


def test_the_account_menu_shows_the_page_to_managers_only(client, maya, riverside):
    client.force_login(maya)
    assert "Your organisation</a>" in client.get("/account/").content.decode()
    client.force_login(UserFactory())
    assert "Your organisation</a>" not in client.get("/account/").content.decode()


def page_queries(client, organisation):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url(organisation)).status_code == 200
    return len(queries)


def test_the_page_makes_as_many_queries_for_many_orders_as_for_few(
    client, maya, riverside, orders, cohorts, django_assert_max_num_queries
):
    client.force_login(maya)
    page_queries(client, riverside)  # warm the per-process caches (content types, site)
    few = page_queries(client, riverside)
    assert few <= 12
    for i in range(10):
        book_for(riverside, cohorts[i % 2], [(f"P{i}", f"p{i}@riverside.nhs.uk")])
    page_queries(client, riverside)  # a booking rightly refreshes the cached header menu
    with django_assert_max_num_queries(few):
        assert client.get(page_url(riverside)).status_code == 200


PASS_ON = {"name": "Leah Novak", "email": "leah@riverside.nhs.uk", "profession": "ahp"}


def test_a_manager_passes_a_place_on(
    client, maya, riverside, orders, mailoutbox, django_capture_on_commit_callbacks
):
    order = orders["five"]
    place = order.places.get()
    before = (order.total_pence, place.price_pence, Place.objects.count(), Order.objects.count())
    client.force_login(maya)
    html = client.get(f"/book/places/{place.pk}/pass-on/").content.decode()
    assert "Grace Mensah" in html and "It must end in @riverside.nhs.uk." in html
    assert "outside_domain" not in html  # staff only
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/book/places/{place.pk}/pass-on/", PASS_ON)
    assert response["Location"] == page_url(riverside)
    html = client.get(response["Location"]).content.decode()
    assert "The place is now Leah Novak&#x27;s" in html
    place.refresh_from_db()
    order.refresh_from_db()
    assert place.attendee_name == "Leah Novak"
    after = (order.total_pence, place.price_pence, Place.objects.count(), Order.objects.count())
    assert after == before
    assert sorted(m.to[0] for m in mailoutbox) == ["grace@riverside.nhs.uk", PASS_ON["email"]]


def test_an_address_outside_the_organisation_is_explained(client, maya, orders):
    place = orders["five"].places.get()
    client.force_login(maya)
    response = client.post(
        f"/book/places/{place.pk}/pass-on/", {**PASS_ON, "email": "leah@gmail.com"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_email"' in html
    assert "Enter an email address ending in @riverside.nhs.uk" in html
    place.refresh_from_db()
    assert place.attendee_name == "Grace Mensah"


def test_staff_may_allow_an_outside_address(client, orders):
    place = orders["five"].places.get()
    client.force_login(staff())
    data = {**PASS_ON, "email": "leah@gmail.com", "outside_domain": "on"}
    assert client.post(f"/book/places/{place.pk}/pass-on/", data).status_code == 302
    place.refresh_from_db()
    assert place.attendee_email == "leah@gmail.com"


def test_someone_who_is_not_a_manager_cannot_pass_a_place_on(client, orders):
    place = orders["five"].places.get()
    client.force_login(UserFactory())
    assert client.get(f"/book/places/{place.pk}/pass-on/").status_code == 404
    assert client.post(f"/book/places/{place.pk}/pass-on/", PASS_ON).status_code == 404
    place.refresh_from_db()
    assert place.attendee_name == "Grace Mensah"


def test_the_booker_passes_a_place_on_from_their_order(client, orders):
    order = orders["five"]
    place = order.places.get()
    client.force_login(order.buyer)
    html = client.get(f"/book/orders/{order.reference}/").content.decode()
    assert f"/book/places/{place.pk}/pass-on/" in html
    response = client.post(f"/book/places/{place.pk}/pass-on/", PASS_ON)
    assert response["Location"] == f"/book/orders/{order.reference}/"


def test_a_place_that_cannot_be_passed_on_says_why(client, maya, orders):
    order = orders["five"]
    cohort = order.cohort
    cohort.start_date = cohort.start_date - datetime.timedelta(days=60)
    cohort.save()
    place = order.places.get()
    client.force_login(maya)
    html = client.get(f"/book/places/{place.pk}/pass-on/").content.decode()
    assert "The course has started" in html and '<form method="post"' not in html
    assert client.post(f"/book/places/{place.pk}/pass-on/", PASS_ON).status_code == 200
    place.refresh_from_db()
    assert place.attendee_name == "Grace Mensah"
