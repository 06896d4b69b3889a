"""Reminders 7 days and 1 day before a course starts: when they fall due (in London time),
whom they skip, what they say, and that each goes at most once per place, even when two runs
of the hourly task overlap.

The cohorts start on fixed dates in 2031, with the first session at 9:30 London time, and
every call passes `now`, so the tests do not depend on today's date.
"""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import close_old_connections, connection

from bookings.models import PlaceReminder, PlaceStatus
from bookings.services import holds, reminders
from bookings.services.confirm import confirm_order
from bookings.services.reminders import send_due_reminders
from bookings.tasks import send_course_reminders
from cms.celery import app as celery_app
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime.date(2031, 3, 10)
DAY = datetime.timedelta(days=1)


def at(day, hour=0, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def confirmed_place(cohort, *, when, email="amara@example.com", buyer=None, requirements=""):
    """One place on `cohort`, held and confirmed (by invoice) at `when`."""
    tier = cohort.course.price_tiers.first()
    attendee = holds.Attendee(
        name="Amara Okafor", email=email, price_tier_id=tier.pk, requirements=requirements
    )
    order = holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer or UserFactory(),
        attendees=[attendee],
        payment_method="invoice",
        now=when,
    )
    confirm_order(order_id=order.pk, message="To be invoiced", now=when)
    return order.places.get()


def run(now, capture):
    """One run of the task at `now`, its emails sent as after a commit: (count, subjects)."""
    from django.core import mail

    before = len(mail.outbox)
    with capture(execute=True):
        sent = send_due_reminders(now=now)
    return sent, [m.subject.split(":")[0] for m in mail.outbox[before:]]


@pytest.fixture
def cohort(site):
    return CohortFactory(start_date=MONDAY)


# --- When they fall due -------------------------------------------------------------------


@pytest.mark.django_db
def test_seven_days_before_and_the_day_before_not_earlier(
    cohort, django_capture_on_commit_callbacks
):
    place = confirmed_place(cohort, when=at(MONDAY - 30 * DAY, 12))
    capture = django_capture_on_commit_callbacks
    assert run(at(MONDAY - 8 * DAY, 10), capture) == (0, [])
    assert run(at(MONDAY - 7 * DAY, 9, 29), capture) == (0, [])  # first session is at 9:30
    assert run(at(MONDAY - 7 * DAY, 9, 30), capture) == (1, ["Your course starts next week"])
    assert run(at(MONDAY - 7 * DAY, 10, 5), capture) == (0, [])  # the next hour: already sent
    assert run(at(MONDAY - 3 * DAY, 10, 5), capture) == (0, [])
    assert run(at(MONDAY - DAY, 9, 5), capture) == (0, [])
    assert run(at(MONDAY - DAY, 10, 5), capture) == (1, ["Your course starts tomorrow"])
    assert run(at(MONDAY, 10, 5), capture) == (0, [])  # started
    assert sorted(place.reminders.values_list("kind", flat=True)) == ["day", "week"]


@pytest.mark.django_db
def test_a_late_confirmation_inside_the_week_gets_only_the_day_reminder(
    cohort, django_capture_on_commit_callbacks
):
    confirmed_place(cohort, when=at(MONDAY - 5 * DAY, 11))
    capture = django_capture_on_commit_callbacks
    assert run(at(MONDAY - 5 * DAY, 12, 5), capture) == (0, [])
    assert run(at(MONDAY - DAY, 10, 5), capture) == (1, ["Your course starts tomorrow"])


@pytest.mark.django_db
def test_a_confirmation_the_day_before_gets_no_reminder(cohort, django_capture_on_commit_callbacks):
    """Its confirmation, minutes old, already says when and where."""
    confirmed_place(cohort, when=at(MONDAY - DAY, 14))
    assert run(at(MONDAY - DAY, 15, 5), django_capture_on_commit_callbacks) == (0, [])


@pytest.mark.django_db
def test_a_week_reminder_missed_while_the_task_was_down_is_sent_until_the_day_before(
    cohort, django_capture_on_commit_callbacks
):
    confirmed_place(cohort, when=at(MONDAY - 20 * DAY, 12))
    capture = django_capture_on_commit_callbacks
    assert run(at(MONDAY - 4 * DAY, 8, 5), capture) == (1, ["Your course starts next week"])


@pytest.mark.django_db
def test_falls_due_by_the_london_clock_across_the_change_to_summer_time(site):
    """Clocks go forward on Sunday 30 March 2031. The course starts Monday 31 March at 9:30
    BST; its week reminder falls due at 9:30 GMT on the 24th, not 168 hours earlier (8:30)."""
    cohort = CohortFactory(start_date=datetime.date(2031, 3, 31))
    assert reminders.falls_due(cohort, "week") == at(datetime.date(2031, 3, 24), 9, 30)
    assert reminders.falls_due(cohort, "day") == at(datetime.date(2031, 3, 30), 9, 30)
    assert at(datetime.date(2031, 3, 24), 9, 30).utcoffset() == datetime.timedelta(0)


@pytest.mark.django_db
def test_cancelled_and_transferred_places_and_cancelled_cohorts_get_none(
    cohort, django_capture_on_commit_callbacks
):
    before = at(MONDAY - 30 * DAY, 12)
    for n, status in enumerate([PlaceStatus.CANCELLED, PlaceStatus.TRANSFERRED]):
        place = confirmed_place(cohort, when=before, email=f"gone{n}@example.com")
        place.status = status
        place.save()
    cancelled = CohortFactory(start_date=MONDAY)
    confirmed_place(cancelled, when=before, email="cancelled@example.com")
    cancelled.status = "cancelled"
    cancelled.save()
    capture = django_capture_on_commit_callbacks
    assert run(at(MONDAY - 7 * DAY, 10, 5), capture) == (0, [])
    assert run(at(MONDAY - DAY, 10, 5), capture) == (0, [])
    assert not PlaceReminder.objects.exists()


@pytest.mark.django_db
def test_a_held_place_not_yet_paid_gets_none(cohort, django_capture_on_commit_callbacks):
    tier = cohort.course.price_tiers.first()
    holds.hold_places(
        cohort_id=cohort.pk,
        buyer=UserFactory(),
        attendees=[holds.Attendee(name="A", email="a@example.com", price_tier_id=tier.pk)],
        payment_method="card",
        now=at(MONDAY - 7 * DAY, 9, 50),
    )
    assert run(at(MONDAY - 7 * DAY, 10, 5), django_capture_on_commit_callbacks) == (0, [])


# --- At most once -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_run_twice_sends_each_reminder_once(cohort):
    confirmed_place(cohort, when=at(MONDAY - 30 * DAY, 12))
    assert send_course_reminders.delay().get() == 0  # today is years before 2031
    reminders_due = at(MONDAY - 7 * DAY, 10, 5)
    assert send_due_reminders(now=reminders_due) == 1
    assert send_due_reminders(now=reminders_due) == 0
    assert PlaceReminder.objects.get().kind == "week"


@pytest.mark.django_db
def test_a_stale_decision_is_stopped_by_the_unique_constraint(
    cohort, monkeypatch, django_capture_on_commit_callbacks
):
    """The last guard: a run that decided from a scan made before another run's commit, and
    whose re-check also missed it, cannot record (or send) the reminder a second time."""
    place = confirmed_place(cohort, when=at(MONDAY - 30 * DAY, 12))
    now = at(MONDAY - 7 * DAY, 10, 5)
    assert run(now, django_capture_on_commit_callbacks) == (1, ["Your course starts next week"])
    monkeypatch.setattr(
        reminders, "due_places", lambda cohort, kind, now: cohort.places.filter(pk=place.pk)
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert reminders.remind(place_id=place.pk, kind="week", now=now) == 0
    assert callbacks == []
    assert PlaceReminder.objects.count() == 1


@pytest.mark.django_db
def test_a_run_that_dies_midway_is_finished_by_the_next_without_repeats(
    cohort, monkeypatch, django_capture_on_commit_callbacks
):
    for n in range(3):
        confirmed_place(cohort, when=at(MONDAY - 30 * DAY, 12), email=f"p{n}@example.com")
    now = at(MONDAY - 7 * DAY, 10, 5)
    remind, calls = reminders.remind, []

    def dies_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise SystemExit("worker lost")
        return remind(**kwargs)

    monkeypatch.setattr(reminders, "remind", dies_on_the_second)
    with pytest.raises(SystemExit):
        run(now, django_capture_on_commit_callbacks)
    monkeypatch.setattr(reminders, "remind", remind)
    assert PlaceReminder.objects.count() == 1
    sent, subjects = run(now, django_capture_on_commit_callbacks)
    assert sent == 2 and PlaceReminder.objects.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_reminder_once(site, monkeypatch, mailoutbox):
    """Both runs scan before either records anything (a barrier holds each at its first
    send), then race for the same places: the place's lock and the re-check let one win."""
    cohort = CohortFactory(start_date=MONDAY)
    for n in range(5):
        confirmed_place(cohort, when=at(MONDAY - 30 * DAY, 12), email=f"p{n}@example.com")
    mailoutbox.clear()  # the confirmations
    barrier, remind = threading.Barrier(2), reminders.remind
    first_call = threading.local()

    def after_both_scanned(**kwargs):
        if not getattr(first_call, "done", False):
            first_call.done = True
            barrier.wait(timeout=30)
        return remind(**kwargs)

    monkeypatch.setattr(reminders, "remind", after_both_scanned)
    counts = []

    def task_run():
        close_old_connections()
        try:
            counts.append(send_due_reminders(now=at(MONDAY - 7 * DAY, 10, 5)))
        finally:
            connection.close()

    threads = [threading.Thread(target=task_run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(counts) == 2 and sum(counts) == 5
    assert PlaceReminder.objects.count() == 5
    assert sorted(m.to[0] for m in mailoutbox) == [f"p{n}@example.com" for n in range(5)]


# --- What they say ------------------------------------------------------------------------


@pytest.mark.django_db
def test_in_person_reminder_says_when_where_what_to_prepare_and_links_the_booking(
    cohort, mailoutbox, django_capture_on_commit_callbacks
):
    buyer = UserFactory(email="amara@example.com")
    place = confirmed_place(
        cohort, when=at(MONDAY - 30 * DAY, 12), buyer=buyer, requirements="Step-free access"
    )
    run(at(MONDAY - DAY, 10, 5), django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    assert message.to == ["amara@example.com"]
    assert message.subject == f"Your course starts tomorrow: {cohort.course.title}"
    assert "Monday 10 March 2031, 9:30am to 4:30pm" in message.body
    assert "Friday 14 March 2031, 9:30am to 4:30pm" in message.body
    assert "Weston Education Centre, Cutcombe Road, London" in message.body
    assert "What to prepare" in message.body
    assert 'You told us: "Step-free access"' in message.body
    assert f"/book/orders/{place.order.reference}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<h1>Your course starts tomorrow</h1>" in html
    assert f"/book/orders/{place.order.reference}/" in html
    assert message.attachments[0][2] == "text/calendar"


@pytest.mark.django_db
def test_online_reminder_gives_the_joining_link_and_a_colleague_their_bookings(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(
        start_date=MONDAY, delivery="online", joining_details="https://meet.example/abc"
    )
    confirmed_place(
        cohort,
        when=at(MONDAY - 30 * DAY, 12),
        email="colleague@example.nhs.uk",
        buyer=UserFactory(email="manager@example.nhs.uk"),
    )
    run(at(MONDAY - 7 * DAY, 10, 5), django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    assert message.to == ["colleague@example.nhs.uk"]
    assert message.subject.startswith("Your course starts next week")
    assert "Joining details: https://meet.example/abc" in message.body
    assert "camera and microphone" in message.body
    assert "Plan your journey" not in message.body
    assert "/account/bookings/" in message.body  # the order page is the manager's


# --- The schedule -------------------------------------------------------------------------


def test_reminders_run_hourly_on_the_beat_schedule():
    entries = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "bookings.tasks.send_course_reminders"
    ]
    assert len(entries) == 1
    assert entries[0]["schedule"] == crontab(minute=5)
    assert "bookings.tasks.send_course_reminders" in celery_app.tasks
