"""Trainers edit the module pages of the courses they teach — not other courses' modules, and
not the course page itself (prices and policies are the cohort managers')."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.groups import sync_groups
from courses.editors import group_name
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import (
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    TrainerFactory,
)
from tests.factories.learning import ModulePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(site):
    index = CourseIndexPageFactory(parent=site)
    return CoursePageFactory(parent=index), CoursePageFactory(parent=index)


@pytest.fixture
def trainer(courses):
    sync_groups()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Trainers"))
    TOTPAuthenticatorFactory(user=user)
    CohortFactory(course=courses[0]).trainers.add(TrainerFactory(user=user))
    return user


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_trainer_edits_and_publishes_modules_of_the_course_they_teach(client, trainer, courses):
    module = ModulePageFactory(parent=courses[0], title="Depression and the PHQ-9")
    client.force_login(trainer)
    assert client.get(edit(module)).status_code == 200
    add = reverse("wagtailadmin_pages:add_subpage", args=[courses[0].pk])
    assert client.get(add).status_code in (200, 302)  # the page-type chooser, or straight on
    assert trainer.groups.filter(name=group_name(courses[0])).exists()


def test_not_another_courses_modules_nor_the_course_page(client, trainer, courses):
    theirs = ModulePageFactory(parent=courses[1])
    client.force_login(trainer)
    response = client.get(edit(theirs))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    response = client.get(edit(courses[0]))  # their own course's page: prices, policy
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    delete = reverse("wagtailadmin_pages:delete", args=[courses[0].pk])
    assert client.post(delete).status_code == 302
    courses[0].refresh_from_db()  # still there


def test_leaving_the_courses_cohorts_takes_the_permission_away(client, trainer, courses):
    module = ModulePageFactory(parent=courses[0])
    cohort = courses[0].cohorts.get()
    cohort.trainers.clear()
    client.force_login(trainer)
    assert client.get(edit(module)).status_code == 302
    assert not trainer.groups.filter(name=group_name(courses[0])).exists()


def test_changing_a_trainers_login_moves_the_permission(trainer, courses):
    profile = trainer.trainer_profile
    successor = UserFactory(is_staff=True)
    profile.user = successor
    profile.save()
    group = Group.objects.get(name=group_name(courses[0]))
    assert list(group.user_set.all()) == [successor]


def test_cohort_managers_still_edit_course_pages(client, courses):
    admin = StaffUserFactory()
    TOTPAuthenticatorFactory(user=admin)
    client.force_login(admin)
    assert client.get(edit(courses[0])).status_code == 200
