"""My learning: each confirmed place's cohort with progress, next session and modules, in a
fixed number of queries however many cohorts and modules there are."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import ModuleProgress
from learning.selectors import learning_dashboard
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory, CoursePageFactory
from tests.factories.learning import ModulePageFactory, place_on
from tests.learning.factories import QuizAdjustmentFactory, module_with_quiz, quiz_with

pytestmark = pytest.mark.django_db
URL = reverse("learning:dashboard")


def test_anonymous_visitors_sign_in_first(client):
    assert client.get(URL).url.startswith("/accounts/login/")


def test_the_dashboard_shows_progress_sessions_and_release_state(client, learner, cohort, modules):
    ModuleProgress.objects.create(
        user=learner, module=modules[0], cohort=cohort, done_at=cohort_start(cohort)
    )
    client.force_login(learner)
    html = client.get(URL).content.decode()
    assert "1 of 3 required modules done" in html
    assert f'<progress id="progress-{cohort.pk}"' in html and 'max="3" value="1"' in html
    assert "Done" in html and "Open" in html
    opens = modules[2].release_date(cohort)
    assert f"Opens on {opens.day} {opens:%B}" in html
    assert modules[1].url in html and modules[2].url not in html  # closed modules: no link
    assert "Weston Education Centre" in html  # the next live session's venue


def cohort_start(cohort):
    return timezone.make_aware(datetime.datetime.combine(cohort.start_date, datetime.time(12)))


def test_cancelled_places_are_not_listed(client, user, cohort, modules):
    place_on(cohort, user, status="cancelled")
    client.force_login(user)
    assert "You have no confirmed place" in client.get(URL).content.decode()


def test_joining_details_follow_the_courses_rule(client, learner, course):
    online = CohortFactory(course=course, delivery="online", joining_details="https://t.example/x")
    place_on(online, learner)
    client.force_login(learner)
    assert "https://t.example/x" in client.get(URL).content.decode()


def build(user, courses, cohorts_per_course, modules_per_course, parent):
    for _ in range(courses):
        course = CoursePageFactory(parent=parent)
        for m in range(modules_per_course):
            ModulePageFactory(parent=course, release_offset_days=m)
        for c in range(cohorts_per_course):
            start = datetime.date.today() + datetime.timedelta(days=7 * c - 3)
            cohort = CohortFactory(course=course, start_date=start, delivery="online")
            place_on(cohort, user)


@pytest.mark.parametrize("scale", [1, 5])
def test_a_fixed_number_of_queries(client, user, course, django_assert_max_num_queries, scale):
    build(user, 2 * scale, scale, 4 * scale, course.get_parent())
    client.force_login(user)
    client.get(URL)  # warm the site root cache, as a running site has
    # Issue 11's budget: the certificate panel reuses what My learning has read (see
    # tests/learning/test_signed_in_queries.py for each query).
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.content.decode().count("nhsuk-card__heading") == 2 * scale * scale


def test_quiz_states_carry_the_learners_own_adjustment_on_the_course(learner, course, cohort):
    """The adjustment comes joined to the learner's places: theirs on this course, not another
    learner's, nor theirs on another course."""
    quiz = quiz_with(1, attempts_allowed=2)
    module_with_quiz(course, quiz)
    other_course = CoursePageFactory(parent=course.get_parent())
    QuizAdjustmentFactory(user=UserFactory(), course=course, extra_attempts=5)
    QuizAdjustmentFactory(user=learner, course=other_course, extra_attempts=7)

    def allowed():
        [item] = learning_dashboard(learner)
        [state] = [q for m in item.modules for q in m.quizzes]
        return state.allowed

    assert allowed() == 2
    QuizAdjustmentFactory(user=learner, course=course, extra_attempts=1)
    assert allowed() == 3
