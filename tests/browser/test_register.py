"""A trainer signs in with their authenticator, opens yesterday's register from the cohort's
Register tab and marks it with the keyboard alone — Tab to each learner, Space or the arrow
keys to choose, the minutes typed for a late arrival — hearing "Saved" after each; reloads and
the marks stand. The check-in code page too. In Chromium, axe-core on every page."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.groups import sync_groups
from learning.attendance.models import AttendanceRecord
from tests.conftest import current_totp_code
from tests.factories import (
    DEFAULT_PASSWORD,
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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LEARNERS = [("Amara", "Okafor"), ("Bert", "Jones"), ("Cara", "Ng")]


@pytest.fixture
def cohort():
    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="5-day course")
    start = timezone.localdate() - datetime.timedelta(days=2)
    cohort = CohortFactory(course=course, start_date=start, title="Current run")
    for first, last in LEARNERS:
        place_on(cohort, UserFactory(first_name=first, last_name=last))
    return cohort


@pytest.fixture
def trainer(cohort):
    """A trainer of the cohort, staff with an authenticator; returns (user, TOTP secret)."""
    sync_groups()
    user = UserFactory(email="trainer@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Trainers"))
    cohort.trainers.add(TrainerFactory(user=user))
    return user, TOTPAuthenticatorFactory(user=user).secret


def sign_in_with_authenticator(visitor, user, secret):
    page = visitor.page
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", user.email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)
    page.fill("[name='code']", current_totp_code(secret))
    visitor.submit(page.locator("main form [type='submit']").first)


def tab_to_group(page, name):
    """Press Tab until the focus is in the radio group `name`, as a keyboard user would."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def announced(page, text):
    page.locator("[data-register-status]").filter(has_text=text).wait_for()


def test_a_trainer_marks_a_register_with_the_keyboard(visitor, cohort, trainer):
    page = visitor.page
    sign_in_with_authenticator(visitor, *trainer)
    session = cohort.sessions.order_by("starts_at")[1]  # yesterday
    amara, bert, cara = cohort.places.order_by("attendee_name")

    visitor.visit(f"/admin/my-cohorts/{cohort.pk}/register/")
    visitor.submit(page.get_by_role("link", name=session.title, exact=True))
    assert visitor.path == f"/admin/attendance/{session.pk}/"

    tab_to_group(page, f"status_{amara.pk}")
    page.keyboard.press("Space")  # the first status: present
    announced(page, "Amara Okafor: Saved: present.")

    tab_to_group(page, f"status_{bert.pk}")
    page.keyboard.press("ArrowRight")  # late: the minutes appear after the statuses
    page.locator(f"#id_minutes_{bert.pk}").wait_for()
    announced(page, "Bert Jones: give the minutes attended to save this mark.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"id_minutes_{bert.pk}"
    page.keyboard.type("45")
    tab_to_group(page, f"status_{cara.pk}")  # leaving the minutes saves them
    announced(page, "Bert Jones: Saved: late, 45 minutes.")

    for _ in range(3):  # late, left early, absent: saved where the keys stop
        page.keyboard.press("ArrowRight")
    announced(page, "Cara Ng: Saved: absent.")

    visitor.visit(page.url)  # reload: the marks stand
    assert page.locator(f"#id_status_{amara.pk}_0").is_checked()
    assert page.locator(f"#id_status_{bert.pk}_1").is_checked()
    assert page.locator(f"#id_minutes_{bert.pk}").input_value() == "45"
    assert page.locator(f"#id_status_{cara.pk}_3").is_checked()
    marks = {
        r.place.attendee_name: (r.status, r.minutes_attended)
        for r in AttendanceRecord.objects.filter(session=session).select_related("place")
    }
    assert marks == {
        "Amara Okafor": ("present", None),
        "Bert Jones": ("late", 45),
        "Cara Ng": ("absent", None),
    }

    visitor.submit(page.get_by_role("link", name="Show check-in code"))
    assert page.get_by_role("img", name="QR code for checking in").is_visible()


def test_a_learner_checks_in_with_the_code_from_the_room(visitor, cohort):
    from learning.attendance.checkin import check_in_token
    from tests.factories.courses import CohortSessionFactory

    page = visitor.page
    now = timezone.now()
    session = CohortSessionFactory(
        cohort=cohort,
        title="Afternoon workshop",
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(hours=2),
    )
    visitor.visit("/accounts/login/")
    page.fill("[name='login']", cohort.places.order_by("attendee_name")[0].attendee.email)
    page.fill("[name='password']", DEFAULT_PASSWORD)
    visitor.submit(page.locator("main form [type='submit']").first)

    assert page.goto(visitor.base_url + "/learning/check-in/not-a-code/").status == 400
    visitor.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot check in"
    visitor.visit(f"/learning/check-in/{check_in_token(session)}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check in to Afternoon workshop"
    visitor.submit(page.get_by_role("button", name="Check me in"))
    assert page.get_by_role("heading", level=1).inner_text() == "You have checked in"
    assert session.check_ins.get().pending
