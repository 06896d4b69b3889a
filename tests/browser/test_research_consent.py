"""A learner changes their research choice by keyboard alone (Tab to the radios, an arrow key
to choose, Enter to save), and a member of the Research group, signed in with their
authenticator, finds the research export in the Wagtail admin without that learner's
answers in it. In Chromium, with axe-core on every page."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.groups import sync_groups
from learning.evaluation import services
from learning.evaluation.models import ResearchConsent
from learning.evaluation.pseudonyms import pseudonym
from tests.conftest import current_totp_code
from tests.factories import DEFAULT_PASSWORD, TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import before_answers, course_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learners(site):
    """Amara and Ben said yes to research and answered the questions before the course."""
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    course_evaluation(course)
    cohort = CohortFactory(course=course, start_date=timezone.localdate() + datetime.timedelta(9))
    found = []
    for first, email in [("Amara", "amara@example.com"), ("Ben", "ben@example.com")]:
        user = UserFactory(first_name=first, email=email)
        place = place_on(cohort, user)
        services.record_consent(user=user, agreed=True)
        services.submit_wave(user=user, place_id=place.pk, wave="before", answers=before_answers())
        found.append(user)
    return found


def sign_in(visitor, email):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user
    would; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_learner_withdraws_by_keyboard_and_leaves_the_research_export(visitor, learners):
    amara, ben = learners
    page = visitor.page
    sign_in(visitor, amara.email)
    visitor.visit("/account/research-consent/")
    assert "If you change your mind" in page.inner_text("main")

    tab_to(page, "input[name='agreed'][value='yes']")  # the checked radio takes the focus
    page.keyboard.press("ArrowDown")
    assert page.is_checked("input[name='agreed'][value='no']")
    tab_to(page, "main form button[type='submit']", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check_accessibility()
    assert "Your choice is saved" in page.inner_text("main")
    assert "left out of research and audit since then" in page.inner_text("main")
    consent = ResearchConsent.objects.get(user=amara)
    assert not consent.agreed and consent.withdrawn_at is not None

    page.context.clear_cookies()
    sync_groups()
    researcher = UserFactory(email="rosa@example.org", is_staff=True)
    researcher.groups.add(Group.objects.get(name="Research"))
    secret = TOTPAuthenticatorFactory(user=researcher).secret
    sign_in(visitor, researcher.email)
    page.fill("[name='code']", current_totp_code(secret))
    visitor.submit(page.locator("main form [type='submit']").first)
    visitor.visit("/admin/")
    visitor.submit(page.get_by_role("link", name="Research export"))
    assert "1 set of answers from 1 learner" in page.inner_text("main")
    exported = page.request.get(visitor.base_url + "/admin/research-export/answers.csv").text()
    assert pseudonym(ben.pk) in exported and pseudonym(amara.pk) not in exported
    assert "Amara" not in exported and "ben@example.com" not in exported
