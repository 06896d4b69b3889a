"""Issue 11's budget for the signed-in pages: My learning, a module page, a quiz page and My
bookings each run at most 12 queries, and the same number with ten times the data: more
modules, quiz attempts and booked cohorts, and finished cohorts attended, with their module
progress and a certificate, under a completion rule that names its quizzes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import CompletionRule
from learning.models import ModuleProgress
from learning.quizzes import services
from tests.factories.bookings import WaitingListEntryFactory
from tests.factories.certificates import AttendanceRecordFactory, CertificateFactory
from tests.factories.courses import CohortFactory
from tests.factories.learning import ModulePageFactory, place_on
from tests.learning.factories import module_with_quiz, quiz_with, wrong_answers

pytestmark = pytest.mark.django_db
BUDGET = 12


def queries(client, url):
    client.get(url)  # warm the site root cache, as a running site has
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), [q["sql"] for q in captured]


def grow(learner, course, size):
    """`size` more modules, quiz attempts, booked cohorts, finished cohorts (attended, a
    module done, a certificate) and waiting lists (behind someone else) for the learner;
    the course's rule names one quiz more."""
    quiz = quiz_with(3, questions_per_page=50)
    module = module_with_quiz(course, quiz, slug=f"quiz-{size}")
    CompletionRule.objects.get_or_create(course=course)[0].quizzes.add(quiz)
    for _ in range(size):
        attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)
        services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    unfinished = services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)
    for n in range(size):
        ModulePageFactory(parent=course, release_offset_days=n % 4)
        start = timezone.localdate() + datetime.timedelta(days=30 + 7 * n)
        place_on(CohortFactory(course=course, start_date=start), learner)
        finished(learner, course, module, weeks_ago=10 + n)
        full = CohortFactory(course=course, start_date=start)
        WaitingListEntryFactory(cohort=full)
        WaitingListEntryFactory(cohort=full, user=learner)
    return module, unfinished


def finished(learner, course, module, weeks_ago):
    """A cohort over `weeks_ago` weeks ago that the learner attended, did `module` on and
    holds a certificate for."""
    start = timezone.localdate() - datetime.timedelta(weeks=weeks_ago)
    cohort = CohortFactory(course=course, start_date=start)
    place = place_on(cohort, learner)
    for session in cohort.sessions.all():
        AttendanceRecordFactory(place=place, session=session)
    ModuleProgress.objects.create(
        user=learner, module=module, cohort=cohort, done_at=timezone.now()
    )
    CertificateFactory(place=place)


def page_queries(client, learner, course, modules, size):
    module, attempt = grow(learner, course, size)
    urls = {
        "My learning": reverse("learning:dashboard"),
        "a module page": modules[0].url,
        "a quiz module": module.url,
        "a quiz page": reverse("learning:attempt", args=[attempt.pk]) + "?page=1",
        "My bookings": reverse("bookings:my_bookings"),
    }
    return {name: queries(client, url) for name, url in urls.items()}


# My learning, 12 (was 20): the user, the site, the learner's places (with their courses'
# completion rules and quiz adjustments), modules, quizzes, attempts, module progress,
# sessions and materials, read once by learning.selectors.learner_facts; then the
# certificate panel reuses them and reads only the rule's named quizzes (none without a
# rule), the attendance and the certificates. A module page 8, a quiz module 11 (its quizzes
# come with their question counts in the stream's one read), a quiz page 4, My bookings 5.
# Every signed-in page reads the footer's site settings, the header's organisation link and
# "is any page private?" from the cache (cms.page_cache.kept), not the database.
def test_signed_in_pages_do_not_grow_with_data_and_keep_to_the_budget(
    client, learner, course, modules
):
    client.force_login(learner)
    small = page_queries(client, learner, course, modules, 1)
    big = page_queries(client, learner, course, modules, 10)
    for name, (count, sql) in big.items():
        assert count == small[name][0], (name, small[name][0], count, sql)
        assert count <= BUDGET, (name, count, sql)
    # The finished cohorts' certificates are on My learning (one from each growth).
    page = client.get(reverse("learning:dashboard")).content.decode()
    assert page.count("Download your certificate (PDF)") == 11
