"""Evaluation emails after the course: the last-day and three-month waves' invitations as
they open, one reminder a week later if still unanswered, each at most once per place
whatever retries and overlapping beats do.

Scenario: a 5-day cohort that ended on 1 September 2026 (sessions 09:30 to 16:30 each day),
asking confidence on the last day and at three months; Amara and Ben hold confirmed places.
The follow-up opens on 1 December 2026.
"""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.evaluation import invitations, services
from learning.evaluation.models import Instrument, Wave, WaveEmail, WaveInstrument
from learning.evaluation.tasks import send_wave_emails
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import course_evaluation

pytestmark = pytest.mark.django_db
ENDED = datetime.date(2026, 9, 1)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


FOLLOW_UP_OPENS = at(datetime.date(2026, 12, 1), 9)


@pytest.fixture
def cohort(course):
    evaluation = course_evaluation(course)
    confidence = Instrument.objects.get(kind="confidence")
    WaveInstrument.objects.create(evaluation=evaluation, wave="follow_up", instrument=confidence)
    return CohortFactory(
        course=course, start_date=ENDED - datetime.timedelta(days=4), status="completed"
    )


@pytest.fixture
def places(cohort, user):
    ben = UserFactory(first_name="Ben", last_name="Hughes", email="ben@example.com")
    return [place_on(cohort, user), place_on(cohort, ben)]


def run(now, capture):
    with capture(execute=True):
        return invitations.send_due_wave_emails(now=now)


def follow_up_emails():
    return [m for m in mail.outbox if m.subject.startswith(("Three months", "Reminder: three"))]


def test_the_follow_up_invites_each_learner_once_when_it_opens(
    places, django_capture_on_commit_callbacks
):
    before = FOLLOW_UP_OPENS - datetime.timedelta(minutes=1)
    assert run(before, django_capture_on_commit_callbacks) == 0
    assert run(FOLLOW_UP_OPENS, django_capture_on_commit_callbacks) == 2
    assert run(FOLLOW_UP_OPENS, django_capture_on_commit_callbacks) == 0  # a duplicate beat
    emails = follow_up_emails()
    assert sorted(m.to[0] for m in emails) == ["amara@example.com", "ben@example.com"]
    amara = next(m for m in emails if m.to == ["amara@example.com"])
    assert amara.subject == "Three months on: a few questions about 5-day course"
    link = f"{settings.SITE_URL}/account/learning/evaluation/{places[0].pk}/follow_up/"
    assert link in amara.body and "until 29 December 2026" in amara.body
    html = amara.alternatives[0][0]
    assert f'href="{link}"' in html and 'lang="en-GB"' in html


def test_one_reminder_a_week_later_only_to_those_who_have_not_answered(
    places, user, django_capture_on_commit_callbacks
):
    run(FOLLOW_UP_OPENS, django_capture_on_commit_callbacks)
    services.record_consent(user=user, agreed=True)
    confidence = Instrument.objects.get(kind="confidence")
    answers = {confidence.pk: {item.pk: 6 for item in confidence.items.all()}}
    services.submit_wave(
        user=user, place_id=places[0].pk, wave="follow_up", answers=answers, now=FOLLOW_UP_OPENS
    )
    mail.outbox.clear()
    six_days = FOLLOW_UP_OPENS + datetime.timedelta(days=6)
    assert run(six_days, django_capture_on_commit_callbacks) == 0
    week = FOLLOW_UP_OPENS + datetime.timedelta(days=7)
    assert run(week, django_capture_on_commit_callbacks) == 1
    assert run(week + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 0
    [reminder] = mail.outbox
    assert reminder.to == ["ben@example.com"]
    assert reminder.subject == "Reminder: three months on: a few questions about 5-day course"
    assert "A week ago we asked you" in reminder.body


def test_the_celery_task_twice_sends_once(places, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: FOLLOW_UP_OPENS)
    with django_capture_on_commit_callbacks(execute=True):
        send_wave_emails.delay()
        send_wave_emails.delay()
    assert len(follow_up_emails()) == 2
    assert WaveEmail.objects.filter(wave="follow_up", kind="invitation").count() == 2


def test_a_run_that_lost_the_race_sends_nothing(places, django_capture_on_commit_callbacks):
    WaveEmail.objects.create(
        place=places[0], wave="follow_up", kind="invitation", sent_at=FOLLOW_UP_OPENS
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.email_once(
            place_id=places[0].pk, wave="follow_up", kind="invitation", now=FOLLOW_UP_OPENS
        )
    assert sent == 0 and mail.outbox == []


def test_no_email_for_a_closed_wave_a_cancelled_place_or_an_erased_learner(
    cohort, places, django_capture_on_commit_callbacks
):
    places[0].status = "cancelled"
    places[0].save()
    places[1].attendee_email = "erased@invalid"
    places[1].save()
    assert run(FOLLOW_UP_OPENS, django_capture_on_commit_callbacks) == 0
    other = place_on(cohort, UserFactory(email="chidi@example.com"))
    closed = FOLLOW_UP_OPENS + datetime.timedelta(days=29)
    assert run(closed, django_capture_on_commit_callbacks) == 0
    assert not WaveEmail.objects.filter(place=other).exists()


def test_no_follow_up_email_when_the_course_does_not_ask_it(
    cohort, places, django_capture_on_commit_callbacks
):
    WaveInstrument.objects.filter(wave="follow_up").delete()
    assert run(FOLLOW_UP_OPENS, django_capture_on_commit_callbacks) == 0


def test_the_last_day_wave_is_emailed_once_the_last_session_has_ended(
    places, django_capture_on_commit_callbacks
):
    assert run(at(ENDED, 16, 29), django_capture_on_commit_callbacks) == 0
    assert run(at(ENDED, 16, 30), django_capture_on_commit_callbacks) == 2
    assert run(at(ENDED, 17, 30), django_capture_on_commit_callbacks) == 0
    first = mail.outbox[0]
    assert first.subject == "A few questions on the last day of 5-day course"
    assert f"/evaluation/{places[0].pk}/last_day/" in first.body
    assert run(at(ENDED, 16, 30) + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert WaveEmail.objects.filter(wave=Wave.LAST_DAY, kind="reminder").count() == 2


def test_the_task_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["send-evaluation-wave-emails"]
    assert entry["task"] == "learning.evaluation.tasks.send_wave_emails"


def test_my_learning_lists_the_follow_up_when_it_is_due(client, course, user):
    """Relative to today: a cohort that ended three months ago has its follow-up open."""
    evaluation = course_evaluation(course)
    WaveInstrument.objects.create(
        evaluation=evaluation,
        wave="follow_up",
        instrument=Instrument.objects.get(kind="confidence"),
    )
    ended = timezone.localdate() - relativedelta(months=3)
    cohort = CohortFactory(
        course=course, start_date=ended - datetime.timedelta(days=4), status="completed"
    )
    place = place_on(cohort, user)
    client.force_login(user)
    page = client.get(reverse("learning:dashboard")).content.decode()
    url = reverse("learning:evaluation_wave", args=[place.pk, "follow_up"])
    assert "Evaluation to do" in page and url in page
    assert "questions three months after" in page
