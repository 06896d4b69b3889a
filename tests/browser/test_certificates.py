"""A learner who finished the course opens My learning, sees their certificate, follows its
verify link; then the code, typed loosely into the public form, finds it again. Each page
axe-clean."""

import datetime

import pytest
from django.utils import timezone

from certificates.services import issue_certificate
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


def test_a_learner_finds_their_certificate_and_anyone_can_verify_it(visitor, certificate):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", "amara@example.com")
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)

    visitor.visit("/account/learning/")
    panel = page.locator("section", has_text="5-day course").first
    assert certificate.display_code in panel.inner_text()
    assert panel.get_by_role("link", name="Download your certificate (PDF)").is_visible()

    visitor.submit(panel.get_by_role("link", name="See how others verify it"))
    assert page.get_by_role("heading", level=1).inner_text() == "This certificate is valid"
    assert "Amara Okafor" in page.inner_text("main")

    visitor.visit("/certificates/verify/")
    page.get_by_label("Certificate code").fill(certificate.display_code.lower().replace("-", " "))
    visitor.submit(page.get_by_role("button", name="Check the certificate"))
    assert visitor.path == f"/certificates/verify/{certificate.code}/"
    assert "30.0 participatory" in page.inner_text("main")
