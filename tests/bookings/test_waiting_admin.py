"""Waiting lists in the Wagtail admin: each cohort's queue in order, offering places by hand,
trainers limited to their own cohorts, nobody editing entries by hand."""

import pytest
from django.contrib.auth.models import Group, Permission

from bookings.models import PlaceStatus, WaitingStatus
from tests.bookings.waiting import full, waiting
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/bookings/waiting-lists/"


def staff_in(group_name, *codenames, superuser=False):
    user = StaffUserFactory(is_superuser=superuser)
    TOTPAuthenticatorFactory(user=user)
    if group_name:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            *Permission.objects.filter(codename__in=codenames),
        )
        user.groups.add(group)
    return user


@pytest.fixture
def lists(site):
    """Two full cohorts with people waiting; a place is free (unswept) on the first."""
    mine, theirs = CohortFactory(capacity=2, title="Mine"), CohortFactory(capacity=1)
    full(mine, freeable=1).places.update(status=PlaceStatus.CANCELLED)
    full(theirs)
    first = waiting(mine, 2, minute=0, user=UserFactory(first_name="Priya", last_name="Shah"))
    second = waiting(mine, 1, minute=1, user=UserFactory(first_name="Tom", last_name="Hughes"))
    other = waiting(theirs, 1, minute=0, user=UserFactory(first_name="Zed", last_name="Other"))
    return mine, theirs, first, second, other


def test_the_queue_in_order_with_positions(client, lists):
    mine, _, first, second, _ = lists
    client.force_login(staff_in(None, superuser=True))
    html = client.get(LIST, {"cohort": mine.pk}).content.decode()
    assert html.index("Priya Shah") < html.index("Tom Hughes")
    assert "Zed Other" not in html and "Place in queue" in html
    assert "Offer places now" in html
    html = client.get(LIST, {"q": "Hughes"}).content.decode()
    assert "Tom Hughes" in html and "Priya Shah" not in html


def test_offer_places_now_by_hand(client, lists, mailoutbox, django_capture_on_commit_callbacks):
    mine, _, first, second, _ = lists
    client.force_login(staff_in("Finance", "view_waitinglistentry", "offer_waiting_list_places"))
    url = f"/admin/bookings/waiting-lists/offer/{second.pk}/"
    assert "Offer 1 place now" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == f"{LIST}?cohort={mine.pk}"
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (WaitingStatus.WAITING, WaitingStatus.OFFERED)
    assert [m.to[0] for m in mailoutbox] == [second.email]
    response = client.post(f"/admin/bookings/waiting-lists/offer/{first.pk}/", follow=True)
    assert "wants 2 and 0 are free" in response.content.decode()


def test_trainers_see_only_their_cohorts_and_cannot_offer(client, lists):
    mine, theirs, first, _, other = lists
    trainer = staff_in("Trainers", "view_cohort", "view_waitinglistentry")
    mine.trainers.add(TrainerFactory(user=trainer))
    client.force_login(trainer)
    html = client.get(LIST).content.decode()
    assert "Priya Shah" in html and "Zed Other" not in html
    assert "Offer places now" not in html
    assert client.get(f"{LIST}inspect/{first.pk}/").status_code == 200
    assert client.get(f"{LIST}inspect/{other.pk}/").status_code == 404
    assert client.post(f"{LIST}offer/{first.pk}/").status_code in (302, 403)
    first.refresh_from_db()
    assert first.status == WaitingStatus.WAITING


def test_finance_sees_every_list(client, lists):
    client.force_login(staff_in("Finance", "view_waitinglistentry", "offer_waiting_list_places"))
    html = client.get(LIST).content.decode()
    assert "Priya Shah" in html and "Zed Other" in html


def test_entries_cannot_be_edited_or_deleted_by_hand(client, lists):
    first = lists[2]
    client.force_login(staff_in(None, superuser=True))
    assert client.get(f"{LIST}edit/{first.pk}/").status_code in (302, 403)
    assert client.post(f"{LIST}delete/{first.pk}/").status_code in (302, 403)
    assert client.get(f"{LIST}new/").status_code in (302, 403)
    first.refresh_from_db()


def test_learners_cannot_reach_the_lists(client, lists):
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 302
    assert client.post(f"{LIST}offer/{lists[2].pk}/").status_code == 302
