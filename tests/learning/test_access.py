"""Release dates and the access rule: who may open a module, and when."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from learning.access import Reason, module_access
from tests.factories import StaffUserFactory, UserFactory
from tests.factories.courses import CohortFactory, CoursePageFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db


def test_release_date_is_the_cohort_start_plus_the_offset(cohort, modules):
    assert modules[0].release_date(cohort) == cohort.start_date
    assert modules[2].release_date(cohort) == cohort.start_date + datetime.timedelta(days=6)


def test_a_learner_with_a_confirmed_place_opens_released_modules(learner, cohort, modules):
    access = module_access(learner, modules[1])
    assert (access.allowed, access.reason, access.cohort) == (True, Reason.OPEN, cohort)
    assert access.is_learner


def test_before_release_the_learner_is_told_when_it_opens(learner, cohort, modules):
    access = module_access(learner, modules[2])
    assert (access.allowed, access.reason) == (False, Reason.NOT_YET)
    assert access.opens_on == cohort.start_date + datetime.timedelta(days=6)
    assert module_access(learner, modules[2], today=access.opens_on).allowed


def test_anonymous_visitors_are_asked_to_sign_in(modules):
    assert module_access(AnonymousUser(), modules[0]).reason == Reason.SIGN_IN


def test_no_place_no_access(other_user, cohort, modules):
    assert module_access(other_user, modules[0]).reason == Reason.NO_PLACE


@pytest.mark.parametrize("status", ["cancelled", "held", "transferred", "expired"])
def test_a_place_that_is_not_confirmed_gives_no_access(user, cohort, modules, status):
    place_on(cohort, user, status=status)
    assert module_access(user, modules[0]).reason == Reason.NO_PLACE


def test_a_place_on_another_course_gives_no_access(user, course, cohort, modules):
    other_course = CoursePageFactory(parent=course.get_parent(), slug="three-week-course")
    place_on(CohortFactory(course=other_course, start_date=cohort.start_date), user)
    assert module_access(user, modules[0]).reason == Reason.NO_PLACE


def test_the_first_released_of_two_cohorts_counts(learner, course, cohort, modules):
    later = CohortFactory(course=course, start_date=cohort.start_date + datetime.timedelta(days=30))
    place_on(later, learner)
    assert module_access(learner, modules[1]).cohort == cohort


def test_the_cohorts_trainer_opens_modules_before_release(trainer_user, cohort, modules):
    access = module_access(trainer_user, modules[2])
    assert (access.allowed, access.reason, access.is_learner) == (True, Reason.TRAINER, False)


def test_a_trainer_of_another_course_does_not(db, modules, cohort):
    stranger = UserFactory(email="other-trainer@example.com")
    assert not module_access(stranger, modules[0]).allowed


def test_staff_open_every_module(modules):
    access = module_access(StaffUserFactory(), modules[2])
    assert (access.allowed, access.reason) == (True, Reason.STAFF)
