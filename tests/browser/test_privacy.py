"""A learner opens the privacy notice from the footer, downloads their data from it, deletes
their account choosing to keep their certificate verifiable, and the verify page still
verifies it. Each page axe-clean."""

import datetime
import json

import pytest
from django.utils import timezone

from certificates.services import issue_certificate
from cms import demo, demo_content
from tests.certificates.conftest import attend, done, pass_quiz
from tests.factories import DEFAULT_PASSWORD, HomePageFactory, SiteSettingsFactory, UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate():
    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    demo.add_content_page(home, demo_content.PRIVACY)  # the notice as seed_demo makes it
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="5-day course")
    start = timezone.localdate() - datetime.timedelta(days=20)
    cohort = CohortFactory(course=course, start_date=start, title="Autumn")
    quiz = quiz_with(2, title="Risk")
    module = module_with_quiz(course, quiz, title="Risk and suicide")
    user = UserFactory(email="amara@example.com", first_name="Amara", last_name="Okafor")
    place = place_on(cohort, user)
    attend(place, cohort.sessions.all())
    pass_quiz(place, module, quiz)
    done(place, module)
    return issue_certificate(place.pk)


def sign_in(visitor):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "amara@example.com")
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def test_notice_export_and_deletion_keeping_the_certificate(visitor, certificate):
    page = visitor.page
    sign_in(visitor)
    visitor.visit("/")
    visitor.submit(page.locator("footer").get_by_role("link", name="Privacy notice"))
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice"
    assert "days after the course’s last day" in page.inner_text("main")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything we hold about you").click()
    data = json.loads(open(download.value.path()).read())
    assert data["account"]["email"] == "amara@example.com"
    assert [c["code"] for c in data["certificates"]] == [certificate.display_code]

    visitor.submit(page.get_by_role("link", name="Delete your account"))
    visitor.submit(page.get_by_role("button", name="Delete your account"))  # nothing chosen
    summary = page.locator(".nhsuk-error-summary")
    assert "Select what should happen to your certificates" in summary.inner_text()
    page.get_by_label("Keep them verifiable", exact=False).check()
    page.get_by_label("Your password").fill(DEFAULT_PASSWORD)
    page.get_by_label("I understand", exact=False).check()
    visitor.submit(page.get_by_role("button", name="Delete your account"))
    assert "Your account has been deleted" in page.inner_text("main")

    visitor.visit(f"/certificates/verify/{certificate.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == "This certificate is valid"
    assert "Amara Okafor" in page.inner_text("main")
