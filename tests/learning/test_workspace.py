"""The trainers' workspace: My cohorts with places filled and the waiting list, and a cohort's
roster (who has paid, never how much; requirements only for in-person cohorts; who still owes
the pre-course questionnaire) and its register tab. Trainers reach only their own cohorts."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cms.groups import sync_groups
from learning.evaluation.models import EvaluationResponse
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import OrganisationFactory, WaitingListEntryFactory, invoiced_order
from tests.factories.courses import CohortFactory, CohortSessionFactory, TrainerFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db


def staff_in(group, user=None):
    sync_groups()
    user = user or UserFactory()
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    return user


@pytest.fixture
def trainer(trainer_user):
    return staff_in("Trainers", trainer_user)


@pytest.fixture
def upcoming(course, trainer_user):
    """An in-person cohort in two weeks, taught by `trainer_user`, open for booking."""
    start = timezone.localdate() + datetime.timedelta(days=14)
    cohort = CohortFactory(
        course=course, start_date=start, delivery="in_person", venue_name="Weston Education Centre"
    )
    cohort.trainers.add(cohort_trainer(trainer_user))
    return cohort


def cohort_trainer(user):
    from courses.models import Trainer

    return Trainer.objects.filter(user=user).first() or TrainerFactory(user=user)


def roster_url(cohort):
    return reverse("learning_workspace_roster", args=[cohort.pk])


def with_payment(place, method):
    place.order.payment_method = method
    place.order.save()
    return place


def test_my_cohorts_lists_the_trainers_cohorts_with_places_and_waiting_list(
    client, trainer, cohort, upcoming
):
    place_on(upcoming, UserFactory())
    WaitingListEntryFactory(cohort=upcoming)
    other = CohortFactory(course=cohort.course, title="Someone else's run")
    other.trainers.add(TrainerFactory())
    client.force_login(trainer)
    page = client.get(reverse("learning_my_cohorts")).content.decode()
    assert "Current run" in page and "Someone else&#x27;s run" not in page
    assert f"1 of {upcoming.capacity}" in page
    workspace = reverse("learning_workspace", args=[upcoming.pk])
    assert f'href="{workspace}"' in page
    assert client.get(workspace).url == roster_url(upcoming)


def test_the_roster_says_who_has_paid_but_never_how_much(client, trainer, upcoming):
    card = with_payment(
        place_on(upcoming, UserFactory(first_name="Cara", last_name="Card")), "card"
    )
    card.requirements = "Step-free access, vegetarian lunch"
    card.save()
    with_payment(place_on(upcoming, UserFactory(first_name="Fred", last_name="Free")), "free")
    invoiced_order(upcoming, 1, organisation=OrganisationFactory(name="Riverside NHS Trust"))
    EvaluationResponse.objects.create(
        place=card,
        cohort=upcoming,
        wave="before",
        pseudonym="x",
        answers={},
        submitted_at=timezone.now(),
    )
    client.force_login(trainer)
    page = client.get(roster_url(upcoming)).content.decode()
    rows = {
        row.split("</th>")[0].rsplit(">", 1)[-1]: row for row in page.split('<th scope="row">')[1:]
    }
    assert "Paid" in rows["Cara Card"] and "Answered" in rows["Cara Card"]
    assert "Step-free access, vegetarian lunch" in rows["Cara Card"]
    assert "No payment due" in rows["Fred Free"] and "Not yet" in rows["Fred Free"]
    assert "Invoiced, not paid yet" in rows["Colleague 0"]
    assert "£" not in page and "pence" not in page  # trainers never see amounts
    assert "2 still to answer the pre-course questionnaire" in page
    assert 'aria-current="page">Roster' in page


def test_requirements_are_not_shown_for_an_online_cohort(client, trainer, upcoming):
    upcoming.delivery = "online"
    upcoming.joining_details = "https://meet.example.org/mh-skills"
    upcoming.save()
    place = place_on(upcoming, UserFactory())
    place.requirements = "Captions please"
    place.save()
    client.force_login(trainer)
    page = client.get(roster_url(upcoming)).content.decode()
    assert "Captions please" not in page and "dietary" not in page


def test_the_register_tab_links_the_sessions_that_have_started(client, trainer, cohort):
    now = timezone.now()
    started = CohortSessionFactory(cohort=cohort, starts_at=now - datetime.timedelta(hours=2))
    later = CohortSessionFactory(cohort=cohort, starts_at=now + datetime.timedelta(days=2))
    client.force_login(trainer)
    page = client.get(reverse("learning_workspace_sessions", args=[cohort.pk])).content.decode()
    assert reverse("learning_attendance_register", args=[started.pk]) in page
    assert reverse("learning_attendance_register", args=[later.pk]) not in page
    assert "Not started" in page


def test_nobody_else_reaches_a_cohorts_workspace(client, trainer, cohort, upcoming):
    other = CohortFactory(course=cohort.course)
    other.trainers.add(TrainerFactory())
    client.force_login(trainer)
    for name in ("learning_workspace_roster", "learning_workspace_sessions", "learning_workspace"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    client.force_login(staff_in("Finance"))  # finance handles money, not cohorts
    assert client.get(roster_url(upcoming)).status_code in (302, 403)
    assert client.get(reverse("learning_my_cohorts")).status_code in (302, 403)
    learner = UserFactory()
    place_on(upcoming, learner)
    client.force_login(learner)
    assert client.get(roster_url(upcoming)).status_code in (302, 403)


@pytest.mark.parametrize("n", [1, 10])
def test_the_roster_and_my_cohorts_read_a_fixed_number_of_queries(
    client, trainer, upcoming, django_assert_max_num_queries, n
):
    upcoming.capacity = 30
    upcoming.save()
    for _ in range(n):
        with_payment(place_on(upcoming, UserFactory()), "card")
        invoiced_order(upcoming, 1)
        CohortFactory(course=upcoming.course).trainers.add(cohort_trainer(trainer))
    client.force_login(trainer)
    for url in (roster_url(upcoming), reverse("learning_my_cohorts")):
        client.get(url)
        # 15: Wagtail's menu finds the trainer's course pages (their page permissions) for
        # its Pages item; the count stays the same however many places and cohorts.
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200
