"""A trainer signs in with their authenticator, opens a finished cohort's Certificates tab,
issues for all who qualify through the confirmation step and watches the progress page,
then issues one certificate with an override reason (after being told the reason is
needed). In Chromium, with axe-core on every admin page reached."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from certificates.models import Certificate
from cms.groups import sync_groups
from tests.browser.test_invoice_journey import sign_in
from tests.certificates.conftest import attend, done, pass_quiz
from tests.conftest import current_totp_code
from tests.factories import (
    HomePageFactory,
    SiteSettingsFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)
from tests.factories.courses import (
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    TrainerFactory,
)
from tests.factories.learning import place_on
from tests.learning.factories import module_with_quiz, quiz_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cohort():
    """Amara met the rule; Cara came to nothing."""
    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="5-day course")
    start = timezone.localdate() - datetime.timedelta(days=20)
    cohort = CohortFactory(course=course, start_date=start, title="Autumn")
    quiz = quiz_with(2, title="Risk")
    module = module_with_quiz(course, quiz, title="Risk and suicide")
    amara = place_on(cohort, UserFactory(first_name="Amara", last_name="Okafor"))
    attend(amara, cohort.sessions.all())
    pass_quiz(amara, module, quiz)
    done(amara, module)
    place_on(cohort, UserFactory(first_name="Cara", last_name="Nwosu"))
    return cohort


def sign_in_trainer(visitor, cohort):
    sync_groups()
    user = UserFactory(email="trainer@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Trainers"))
    cohort.trainers.add(TrainerFactory(user=user))
    secret = TOTPAuthenticatorFactory(user=user).secret
    sign_in(visitor, user.email)
    visitor.page.fill("[name='code']", current_totp_code(secret))
    visitor.submit(visitor.page.locator("main form [type='submit']").first)


def test_a_trainer_issues_for_all_then_one_by_override(visitor, cohort):
    page = visitor.page
    sign_in_trainer(visitor, cohort)
    visitor.visit(f"/admin/my-cohorts/{cohort.pk}/certificates/")
    visitor.submit(page.get_by_role("link", name="Issue certificates for all who qualify"))
    assert "This will issue 1 certificate" in page.inner_text("main")
    assert not Certificate.objects.exists()  # nothing before the confirmation
    visitor.submit(page.get_by_role("button", name="Issue and email 1 certificate"))
    status = page.locator("#batch-status")
    assert "1 of 1" in status.inner_text() and "Finished." in status.inner_text()
    visitor.submit(page.get_by_role("link", name="Back to the certificates"))

    visitor.submit(page.get_by_role("link", name="Issue with an override to Cara Nwosu"))
    visitor.submit(page.get_by_role("button", name="Issue and email the certificate"))
    summary = page.locator(".nhsuk-error-summary")
    assert summary.locator("a").first.get_attribute("href") == "#id_reason"
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_reason"
    page.fill("#id_reason", "Attended Day 1 with the March cohort instead.")
    visitor.submit(page.get_by_role("button", name="Issue and email the certificate"))
    assert "issued to Cara Nwosu" in page.locator(".messages").inner_text()
    assert Certificate.objects.filter(override_reason__startswith="Attended Day 1").exists()
    assert Certificate.objects.count() == 2
