"""A finished 5-day cohort (five sessions of six hours' teaching, the first mandatory), two
modules with a required quiz each and one optional module, and Amara's confirmed place."""

import datetime

import pytest
from django.utils import timezone

from learning.attendance.models import AttendanceRecord
from learning.models import ModuleProgress, QuizAttempt
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import ModulePageFactory, place_on
from tests.learning.factories import module_with_quiz, quiz_with


@pytest.fixture
def course(site):
    index = CourseIndexPageFactory(parent=site)
    return CoursePageFactory(parent=index, title="5-day course", slug="five-day-course")


@pytest.fixture
def cohort(course):
    start = timezone.localdate() - datetime.timedelta(days=20)
    cohort = CohortFactory(course=course, start_date=start, title="Autumn")
    first = cohort.sessions.order_by("starts_at").first()
    first.mandatory = True
    first.save()
    return cohort


@pytest.fixture
def sessions(cohort):
    return list(cohort.sessions.order_by("starts_at"))


@pytest.fixture
def quizzes(db):
    return [quiz_with(2, title="Depression"), quiz_with(2, title="Risk")]


@pytest.fixture
def modules(course, quizzes):
    return [
        module_with_quiz(course, quizzes[0], title="Depression", estimated_minutes=90),
        module_with_quiz(course, quizzes[1], title="Risk", estimated_minutes=60),
        ModulePageFactory(parent=course, title="Further reading", required=False),
    ]


@pytest.fixture
def place(user, cohort):
    return place_on(cohort, user)


def attend(place, sessions, status="present", minutes=None):
    for session in sessions:
        AttendanceRecord.objects.update_or_create(
            place=place,
            session=session,
            defaults={"status": status, "minutes_attended": minutes, "recorded_at": timezone.now()},
        )


def pass_quiz(place, module, quiz, passed=True, number=1):
    """A submitted attempt, written directly: the rules read only its result."""
    return QuizAttempt.objects.create(
        user=place.attendee,
        quiz=quiz,
        module=module,
        cohort=place.cohort,
        number=number,
        snapshot={"pass_mark": 80, "questions": []},
        started_at=timezone.now(),
        submitted_at=timezone.now(),
        marks=2 if passed else 0,
        total=2,
        passed=passed,
    )


def done(place, module, when=None):
    ModuleProgress.objects.get_or_create(
        user=place.attendee,
        module=module,
        cohort=place.cohort,
        defaults={"done_at": when or timezone.now()},
    )


@pytest.fixture
def completed(place, sessions, modules, quizzes):
    """Amara attended every session, passed both quizzes and did both required modules."""
    attend(place, sessions)
    for module, quiz in zip(modules[:2], quizzes, strict=True):
        pass_quiz(place, module, quiz)
        done(place, module)
    return place
