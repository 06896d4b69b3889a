"""The waiting list through the test client: joining (and the form's plain-words errors),
seeing and leaving it, the offer link and its permissions, naming attendees, declining."""

import pytest

from bookings.models import OrderStatus, PlaceStatus, WaitingListEntry, WaitingStatus
from bookings.services import offers
from tests.bookings.waiting import book, free, full, waiting
from tests.conftest import link_in
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return CohortFactory(course=course, capacity=2)


@pytest.fixture
def learner(client):
    user = UserFactory(first_name="Amara", last_name="Okafor")
    client.force_login(user)
    return user


@pytest.fixture
def offered(cohort, django_capture_on_commit_callbacks, mailoutbox):
    """An open offer: one place freed on the full cohort, held for the first of two waiting."""
    hold = full(cohort, freeable=1)
    first, second = waiting(cohort, minute=0), waiting(cohort, minute=1)
    with django_capture_on_commit_callbacks(execute=True):
        free(hold)
    first.refresh_from_db()
    first.link = link_in(mailoutbox[0], "/book/offers/")
    first.next = second
    return first


def join_url(cohort):
    return f"/book/cohorts/{cohort.pk}/waiting-list/"


def test_a_full_cohort_links_to_its_waiting_list(client, cohort):
    full(cohort)
    html = client.get(cohort.course.url).content.decode()
    assert f'href="{join_url(cohort)}"' in html
    client.force_login(UserFactory())
    html = client.get(f"/book/cohorts/{cohort.pk}/").content.decode()
    assert join_url(cohort) in html  # from the "cannot be booked" page too


def test_signed_out_visitors_sign_in_and_unverified_emails_confirm_first(client, cohort):
    response = client.get(join_url(cohort))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory(email_address__verified=False))
    assert client.get(join_url(cohort))["Location"] == "/accounts/email/"


def test_joining_a_full_cohort(client, cohort, learner):
    full(cohort)
    response = client.post(join_url(cohort), {"places_wanted": "3", "any_cohort": "on"})
    entry = WaitingListEntry.objects.get()
    assert response["Location"] == f"/book/waiting-list/{entry.pk}/"
    assert (entry.user, entry.places_wanted, entry.any_cohort) == (learner, 3, True)
    assert entry.email == learner.email and entry.name == "Amara Okafor"
    html = client.get(response["Location"]).content.decode()
    assert "You are on the waiting list" in html and "number 1" in html
    html = client.get("/account/bookings/").content.decode()
    assert "Waiting lists" in html and "for 3 places" in html


def test_my_bookings_gives_my_place_on_each_list(client, cohort, learner):
    other = CohortFactory(course=cohort.course, capacity=1)
    waiting(cohort, minute=0)
    waiting(cohort, minute=1, user=learner)
    waiting(cohort, minute=2)  # behind me: not counted
    waiting(other, minute=5)
    left = waiting(other, minute=4)
    WaitingListEntry.objects.filter(pk=left.pk).update(status=WaitingStatus.WITHDRAWN)
    waiting(other, minute=6, user=learner)
    html = " ".join(client.get("/account/bookings/").content.decode().split())
    assert html.count("Number 2 on the list") == 2, html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"places_wanted": ""}, "Choose how many places you need."),
        ({"places_wanted": "0"}, "Choose a number of places from 1 to 10."),
        ({"places_wanted": "11"}, "Choose a number of places from 1 to 10."),
        ({"places_wanted": "two"}, "Choose a number of places from 1 to 10."),
    ],
)
def test_join_form_errors_in_plain_words(client, cohort, learner, data, message):
    full(cohort)
    response = client.post(join_url(cohort), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert "<title>Error:" in html
    assert not WaitingListEntry.objects.exists()


def test_a_cohort_with_room_says_book_instead(client, cohort, learner):
    html = client.post(join_url(cohort), {"places_wanted": "1"}).content.decode()
    assert "This date has 2 places free: book now instead." in html
    assert not WaitingListEntry.objects.exists()


def test_a_team_may_wait_when_fewer_places_are_left_than_it_needs(client, cohort, learner):
    book(cohort, 1)
    client.post(join_url(cohort), {"places_wanted": "2"})
    assert WaitingListEntry.objects.get().places_wanted == 2


def test_a_full_booking_form_points_to_the_waiting_list(client, cohort, learner):
    from tests.bookings.test_booking_form import form_data

    people = [(f"P{i}", f"p{i}@example.com") for i in range(3)]
    html = client.post(f"/book/cohorts/{cohort.pk}/", form_data(cohort, people)).content.decode()
    assert "Only 2 places left" in html and f"{join_url(cohort)}?places=3" in html


def test_joining_twice_is_refused(client, cohort, learner):
    full(cohort)
    client.post(join_url(cohort), {"places_wanted": "1"})
    response = client.get(join_url(cohort))
    assert response["Location"] == "/account/bookings/"
    assert WaitingListEntry.objects.count() == 1


def test_leaving_the_list(client, cohort, learner):
    full(cohort)
    entry = waiting(cohort, minute=0, user=learner)
    response = client.post(f"/book/waiting-list/{entry.pk}/leave/")
    assert response["Location"] == "/account/bookings/"
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.WITHDRAWN
    html = client.get("/account/bookings/").content.decode()
    assert "You have left the waiting list" in html and "Left the list" in html


def test_another_learner_cannot_see_or_leave_my_entry(client, cohort):
    full(cohort)
    mine = waiting(cohort, minute=0)
    client.force_login(UserFactory())
    assert client.get(f"/book/waiting-list/{mine.pk}/").status_code == 404
    assert client.post(f"/book/waiting-list/{mine.pk}/leave/").status_code == 404
    assert client.post(f"/book/waiting-list/{mine.pk}/decline/").status_code == 404
    assert mine.name not in client.get("/account/bookings/").content.decode()
    mine.refresh_from_db()
    assert mine.status == WaitingStatus.WAITING


def test_another_learner_cannot_use_my_link(client, offered):
    client.force_login(offered.next.user)  # even someone on the same list
    assert client.get(offered.link).status_code == 404
    assert client.post(offered.link, {"action": "take"}).status_code == 404
    assert client.post(offered.link, {"action": "decline"}).status_code == 404
    order = offered.order.reference
    assert client.get(f"/book/orders/{order}/attendees/").status_code == 404
    offered.refresh_from_db()
    assert offered.status == WaitingStatus.OFFERED and offered.offer_link_used_at is None


def test_the_link_asks_a_signed_out_visitor_to_sign_in(client, offered):
    response = client.get(offered.link)
    assert "/accounts/login/" in response["Location"]


def test_the_offer_link_leads_to_naming_attendees_and_paying(client, offered, mailoutbox):
    client.force_login(offered.user)
    html = client.get(offered.link).content.decode()
    assert "Places held for you" in html and "Book these places" in html
    response = client.post(offered.link, {"action": "take"})
    reference = offered.order.reference
    assert response["Location"] == f"/book/orders/{reference}/attendees/"
    html = client.get(offered.link).content.decode()
    assert "You have already used this link" in html
    assert client.post(offered.link, {"action": "decline"}).status_code == 200
    offered.refresh_from_db()
    assert offered.status == WaitingStatus.OFFERED  # the used link could not decline

    html = client.get(f"/book/orders/{reference}/").content.decode()
    assert "Not named yet" in html and "Say who is attending" in html and "Pay" not in html
    assert client.post(f"/book/orders/{reference}/pay/").status_code == 302  # refused
    html = client.get(f"/book/orders/{reference}/").content.decode()
    assert "Give the name and email address of each person" in html

    attendees = f"/book/orders/{reference}/attendees/"
    html = client.get(attendees).content.decode()
    assert f'value="{offered.user.email}"' in html and "Place 2" not in html
    data = attendee_data(offered, "")
    html = client.post(attendees, data).content.decode()
    assert "Enter the full name of the person attending." in html
    response = client.post(attendees, attendee_data(offered, "Grace Mensah"))
    assert response["Location"] == f"/book/orders/{reference}/"
    html = client.get(response["Location"]).content.decode()
    assert "Grace Mensah" in html and "Pay £350 by card" in html
    assert len(mailoutbox) == 1  # the offer, once


def attendee_data(entry, name):
    tier = entry.cohort.course.price_tiers.order_by("price_pence").first()
    return {
        "attendee-TOTAL_FORMS": 1,
        "attendee-INITIAL_FORMS": 0,
        "attendee-MIN_NUM_FORMS": 1,
        "attendee-MAX_NUM_FORMS": 10,
        "attendee-0-name": name,
        "attendee-0-email": "grace@example.nhs.uk",
        "attendee-0-profession": "nurse",
        "attendee-0-organisation": "",
        "attendee-0-price_tier": tier.pk,
        "attendee-0-requirements": "",
        "terms": "on",
    }


def test_declining_by_the_link_passes_the_offer_on(
    client, offered, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(offered.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(offered.link, {"action": "decline"})
    assert response["Location"] == "/account/bookings/"
    offered.refresh_from_db()
    offered.next.refresh_from_db()
    assert offered.status == WaitingStatus.DECLINED
    assert offered.order.status == OrderStatus.EXPIRED
    assert offered.next.status == WaitingStatus.OFFERED
    assert [m.to[0] for m in mailoutbox] == [offered.email, offered.next.email]
    html = client.get(offered.link).content.decode()
    assert "This offer is no longer open" in html


def test_declining_from_my_bookings(client, offered, django_capture_on_commit_callbacks):
    client.force_login(offered.user)
    html = client.get("/account/bookings/").content.decode()
    assert "Places offered" in html and "Decline the places" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/book/waiting-list/{offered.pk}/decline/")
    offered.next.refresh_from_db()
    assert offered.next.status == WaitingStatus.OFFERED
    assert not offered.order.places.filter(status=PlaceStatus.HELD).exists()


def test_an_offer_past_its_time_cannot_be_taken(client, offered):
    offered.order.places.update(status=PlaceStatus.EXPIRED)
    type(offered.order).objects.filter(pk=offered.order_id).update(status=OrderStatus.EXPIRED)
    client.force_login(offered.user)
    html = client.post(offered.link, {"action": "take"}).content.decode()
    assert "This offer is no longer open" in html


def test_my_data_export_lists_my_entries(client, cohort, learner):
    full(cohort)
    waiting(cohort, 2, minute=0, user=learner)
    waiting(cohort, minute=1)
    data = client.get("/account/data.json").json()
    assert [e["places_wanted"] for e in data["waiting_lists"]] == [2]


def test_erasing_my_account_releases_my_offer(client, offered, django_capture_on_commit_callbacks):
    from cms.accounts import erase_account

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=offered.user)
    assert not WaitingListEntry.objects.filter(pk=offered.pk).exists()
    offered.next.refresh_from_db()
    assert offered.next.status == WaitingStatus.OFFERED


def test_the_link_in_the_email_is_the_signed_token(offered):
    assert offered.link == f"/book/offers/{offers.offer_token(offered)}/"
