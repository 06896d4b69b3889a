"""Cohorts in the Wagtail admin: staff manage them, trainers see only their own."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from courses.models import Cohort
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory
from tests.factories.courses import CohortFactory, TrainerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = StaffUserFactory(email="cohort-admin@example.com")
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return client


@pytest.fixture
def trainer_user():
    user = StaffUserFactory(email="trainer-x@example.com", is_superuser=False)
    TOTPAuthenticatorFactory(user=user)
    group, _ = Group.objects.get_or_create(name="Trainers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_cohort"),
    )
    user.groups.add(group)
    return user


def test_listing_filters_and_search(admin_client, catalogue):
    _, five, three = catalogue
    CohortFactory(course=five, title="Spring in person")
    CohortFactory(course=three, title="Summer online", delivery="online")
    response = admin_client.get("/admin/courses/cohorts/", {"q": "Summer"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Summer online" in html and "Spring in person" not in html
    response = admin_client.get("/admin/courses/cohorts/", {"delivery": "online"})
    html = response.content.decode()
    assert "Summer online" in html and "Spring in person" not in html


def test_trainer_sees_only_their_cohorts(client, catalogue, trainer_user):
    _, five, _ = catalogue
    mine = CohortFactory(course=five, title="Mine")
    mine.trainers.add(TrainerFactory(user=trainer_user))
    theirs = CohortFactory(course=five, title="Someone else's")
    client.force_login(trainer_user)
    html = client.get("/admin/courses/cohorts/").content.decode()
    assert "Mine" in html and "Someone else" not in html
    assert client.get(f"/admin/courses/cohorts/inspect/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/courses/cohorts/inspect/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/courses/cohorts/edit/{mine.pk}/").status_code in (302, 403)


def test_capacity_below_places_taken_is_refused(admin_client, catalogue, taken):
    _, five, _ = catalogue
    cohort = CohortFactory(course=five, capacity=12)
    taken[cohort.pk] = 8
    form_data = edit_form_data(cohort, capacity=6)
    response = admin_client.post(f"/admin/courses/cohorts/edit/{cohort.pk}/", form_data)
    assert response.status_code == 200
    assert "8 places are already taken" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.capacity == 12


def test_end_before_start_is_refused_in_the_admin(admin_client, catalogue):
    _, five, _ = catalogue
    cohort = CohortFactory(course=five)
    data = edit_form_data(cohort, end_date=(cohort.start_date - datetime.timedelta(days=1)))
    response = admin_client.post(f"/admin/courses/cohorts/edit/{cohort.pk}/", data)
    assert "The last day must be on or after the first day." in response.content.decode()


def test_duplicate_makes_a_draft_with_sessions_moved(admin_client, catalogue):
    _, five, _ = catalogue
    cohort = CohortFactory(course=five, joining_details="old link")
    new_start = cohort.start_date + datetime.timedelta(days=70)
    response = admin_client.post(
        f"/admin/courses/cohorts/duplicate/{cohort.pk}/", {"start_date": new_start.isoformat()}
    )
    assert response.status_code == 302
    copy = Cohort.objects.exclude(pk=cohort.pk).get()
    assert copy.status == "draft" and copy.start_date == new_start
    assert copy.end_date == cohort.end_date + datetime.timedelta(days=70)
    assert copy.sessions.count() == 5 and copy.joining_details == ""
    first = copy.sessions.first().starts_at - cohort.sessions.first().starts_at
    assert first == datetime.timedelta(days=70)


def test_duplicate_with_a_bad_date_shows_the_error(admin_client, catalogue):
    _, five, _ = catalogue
    cohort = CohortFactory(course=five)
    response = admin_client.post(
        f"/admin/courses/cohorts/duplicate/{cohort.pk}/", {"start_date": "next tuesday"}
    )
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert Cohort.objects.count() == 1


def edit_form_data(cohort, **changes):
    """The admin edit form's fields for `cohort`, with its sessions inline."""
    data = {
        "course": cohort.course_id,
        "title": cohort.title,
        "delivery": cohort.delivery,
        "status": cohort.status,
        "capacity": cohort.capacity,
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
        "venue_name": cohort.venue_name,
        "venue_address": cohort.venue_address,
        "joining_details": cohort.joining_details,
        "booking_opens": "",
        "booking_closes": "",
        "early_bird_deadline": "",
    }
    sessions = list(cohort.sessions.all())
    data.update(
        {
            "sessions-TOTAL_FORMS": len(sessions),
            "sessions-INITIAL_FORMS": len(sessions),
            "sessions-MIN_NUM_FORMS": 1,
            "sessions-MAX_NUM_FORMS": 1000,
        }
    )
    for i, s in enumerate(sessions):
        data.update(
            {
                f"sessions-{i}-id": s.pk,
                f"sessions-{i}-title": s.title,
                f"sessions-{i}-starts_at": s.starts_at.strftime("%Y-%m-%d %H:%M"),
                f"sessions-{i}-ends_at": s.ends_at.strftime("%Y-%m-%d %H:%M"),
                f"sessions-{i}-break_minutes": s.break_minutes,
                f"sessions-{i}-ORDER": i + 1,
            }
        )
    data.update({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in changes.items()})
    return data
