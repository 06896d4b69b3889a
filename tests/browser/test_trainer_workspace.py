"""Issue 10's journey: a trainer signs in with their authenticator and, with the keyboard
alone, marks the first day's register of a cohort that finished last week ("Mark everyone
present"); the Progress tab then shows Amara able to have a certificate of attendance (she
came, but not to enough days, and has not passed the quiz), and the Certificates tab issues
it. axe-core checks every admin page."""

import datetime

import pytest
from django.utils import timezone

from certificates.models import Certificate
from learning.attendance.models import AttendanceRecord
from tests.browser.test_cohort_certificates import sign_in_trainer
from tests.factories import HomePageFactory, SiteSettingsFactory, UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cohort():
    """Five days that ended last week, no register kept yet; the Risk quiz still to pass."""
    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="5-day course")
    start = timezone.localdate() - datetime.timedelta(days=12)
    cohort = CohortFactory(course=course, start_date=start, title="Autumn")
    module_with_quiz(course, quiz_with(2, title="Risk"), title="Risk and suicide")
    place_on(cohort, UserFactory(first_name="Amara", last_name="Okafor"))
    return cohort


def press_until_focused(page, name, limit=120):
    """Tab through the page until the focus is on the button called `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_trainer_marks_the_register_then_issues_the_certificate(visitor, cohort):
    page = visitor.page
    sign_in_trainer(visitor, cohort)
    day_1 = cohort.sessions.order_by("starts_at")[0]

    visitor.visit(f"/admin/my-cohorts/{cohort.pk}/progress/")
    assert "Certificates waiting" not in page.inner_text("main")
    row = page.get_by_role("row").filter(has_text="Amara Okafor")
    assert "A certificate of attendance can be issued" not in row.inner_text()

    visitor.visit(f"/admin/my-cohorts/{cohort.pk}/register/")
    visitor.submit(page.get_by_role("link", name=day_1.title, exact=True))
    press_until_focused(page, "Mark everyone present")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check_accessibility()
    assert AttendanceRecord.objects.get(session=day_1).status == "present"

    visitor.visit(f"/admin/my-cohorts/{cohort.pk}/progress/")
    row = page.get_by_role("row").filter(has_text="Amara Okafor")
    assert "A certificate of attendance can be issued" in row.inner_text()
    assert "pass" in row.inner_text().lower()  # what is still missing for completion

    visitor.visit(f"/admin/my-cohorts/{cohort.pk}/certificates/")
    visitor.submit(page.get_by_role("link", name="Issue certificates for all who qualify"))
    visitor.submit(page.get_by_role("button", name="Issue and email 1 certificate"))
    assert "1 of 1" in page.locator("#batch-status").inner_text()
    certificate = Certificate.objects.get()
    assert certificate.kind == "attendance"
    assert certificate.place.attendee_name == "Amara Okafor"
    assert certificate.current.days_attended == [day_1.starts_at.date().isoformat()]
