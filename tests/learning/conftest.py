"""A course running since two days ago, with a trainer and three modules: one open from the
first day, one from day two, one from day six."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.courses import (
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    TrainerFactory,
)
from tests.factories.learning import ModulePageFactory, place_on


@pytest.fixture
def course(site):
    index = CourseIndexPageFactory(parent=site)
    return CoursePageFactory(parent=index, title="5-day course", slug="five-day-course")


@pytest.fixture
def trainer_user(db):
    return UserFactory(email="trainer@example.com", is_staff=False)


@pytest.fixture
def cohort(course, trainer_user):
    start = timezone.localdate() - datetime.timedelta(days=2)
    cohort = CohortFactory(course=course, start_date=start, title="Current run")
    cohort.trainers.add(TrainerFactory(user=trainer_user))
    return cohort


@pytest.fixture
def modules(course):
    return [
        ModulePageFactory(parent=course, title="Depression and the PHQ-9", slug="phq-9"),
        ModulePageFactory(
            parent=course, title="Anxiety and the GAD-7", slug="gad-7", release_offset_days=1
        ),
        ModulePageFactory(
            parent=course, title="Risk and suicide", slug="risk", release_offset_days=6
        ),
    ]


@pytest.fixture
def learner(user, cohort):
    """`user` (Amara) with a confirmed place on the running cohort."""
    place_on(cohort, user)
    return user
