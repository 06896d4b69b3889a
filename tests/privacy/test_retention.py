"""The retention task deletes what the privacy notice says goes, when it says, and the notice
states the periods the task reads (the same settings, through cms.retention)."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from bookings.models import Order, Payment, Place
from bookings.retention import RULES
from bookings.services.retention import apply_retention
from bookings.tasks import apply_retention_rules
from cms.retention import retention_rules
from tests.factories.bookings import WaitingListEntryFactory
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def periods(settings):
    settings.RETENTION_REQUIREMENTS_DAYS = 30
    settings.RETENTION_UNPAID_ORDER_DAYS = 90
    settings.RETENTION_WAITING_LIST_DAYS = 14


def ended(days_ago):
    end = TODAY - datetime.timedelta(days=days_ago)
    return CohortFactory(start_date=end - datetime.timedelta(days=4), end_date=end)


def place_with_requirements(user, cohort):
    place = place_on(cohort, user)
    Place.objects.filter(pk=place.pk).update(requirements="Step-free access; coeliac")
    return place


def requirements(place):
    return Place.objects.get(pk=place.pk).requirements


def test_requirements_go_the_day_after_the_period_ends(user):
    kept = place_with_requirements(user, ended(30))  # the period's last day
    gone = place_with_requirements(user, ended(31))
    assert apply_retention()["requirements"] == 1
    assert requirements(kept) and requirements(gone) == ""
    assert Place.objects.get(pk=gone.pk).attendee_name == user.display_name  # only that


def lapsed_order(user, days_ago, **payment):
    place = place_on(CohortFactory(), user)
    lapsed = timezone.now() - datetime.timedelta(days=days_ago)
    Order.objects.filter(pk=place.order_id).update(status="expired", hold_expires_at=lapsed)
    if payment:
        Payment.objects.create(
            order_id=place.order_id,
            checkout_session_id=f"cs_{days_ago}_{payment['status']}",
            checkout_url="https://checkout.example/",
            amount_pence=1000,
            expires_at=lapsed,
            **payment,
        )
    return Order.objects.get(pk=place.order_id)


def test_unpaid_bookings_lose_their_names_after_the_period(user):
    kept = lapsed_order(user, 89)
    gone = lapsed_order(user, 91)
    paid = lapsed_order(user, 91, status="paid")  # money taken: a financial record
    assert apply_retention()["unpaid-orders"] == 1
    kept, gone, paid = (Order.objects.get(pk=o.pk) for o in (kept, gone, paid))
    assert kept.buyer_email == user.email and paid.buyer_email == user.email
    assert (gone.buyer, gone.buyer_email, gone.buyer_name) == (
        None,
        "erased@invalid",
        "Erased account",
    )
    place = gone.places.get()
    assert (place.attendee, place.attendee_email) == (None, "erased@invalid")
    assert gone.total_pence == kept.total_pence  # the amounts stay


def test_waiting_lists_go_after_their_cohort_and_the_period(user, other_user):
    kept = WaitingListEntryFactory(user=user, cohort=ended(14))
    gone = WaitingListEntryFactory(user=other_user, cohort=ended(15))
    assert apply_retention()["waiting-list"] == 1
    assert [e.pk for e in type(kept).objects.all()] == [kept.pk]
    assert gone.pk != kept.pk


def test_the_beat_task_runs_the_rules_and_a_second_run_changes_nothing(user):
    place_with_requirements(user, ended(40))
    lapsed_order(user, 100)
    WaitingListEntryFactory(user=user, cohort=ended(40))
    schedule = django_settings.CELERY_BEAT_SCHEDULE["apply-retention-rules"]
    assert schedule["task"] == apply_retention_rules.name
    assert apply_retention_rules.delay().get() == {
        "requirements": 1,
        "unpaid-orders": 1,
        "waiting-list": 1,
    }
    assert apply_retention_rules.delay().get() == dict.fromkeys(
        ["requirements", "unpaid-orders", "waiting-list"], 0
    )


def stated_periods(html):
    return {m[0]: int(m[1]) for m in re.findall(r'data-rule="([^"]+)" data-days="(\d+)"', html)}


def test_the_privacy_notice_states_the_periods_the_task_applies(client, seeded, settings):
    """The seeded notice's table is filled from the settings the rules read: change a
    period and the notice changes with it."""
    assert {rule.name for rule in retention_rules()} >= {rule.name for rule in RULES}
    html = client.get("/privacy/").content.decode()
    assert stated_periods(html) == {rule.name: getattr(settings, rule.setting) for rule in RULES}
    assert "30 days after the course’s last day" in html

    settings.RETENTION_REQUIREMENTS_DAYS = 7
    from django.core.cache import cache

    cache.clear()  # the anonymous page cache
    assert stated_periods(client.get("/privacy/").content.decode())["requirements"] == 7


def test_the_notice_says_who_the_controller_is_and_links_to_the_rights(client, seeded):
    html = client.get("/privacy/").content.decode()
    assert "joint data controllers" in html and "King’s College London" in html
    for link in ("/account/data.json", "/account/delete/", "/account/research-consent/"):
        assert f'href="{link}"' in html
    home = client.get("/").content.decode()
    assert 'href="/privacy/">Privacy notice</a>' in home  # the footer, on every page
