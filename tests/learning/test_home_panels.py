"""The admin home's panels for trainers: cohorts running or starting soon (fill rate, places
on hold, waiting list, no pre-course questionnaire) and certificates waiting to be issued."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from bookings.models import PlaceStatus
from cms.groups import sync_groups
from courses.models import Trainer
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.bookings import WaitingListEntryFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db
HOME = reverse("wagtailadmin_home")


def staff_in(group, user=None):
    sync_groups()
    user = user or UserFactory()
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    return user


@pytest.fixture
def trainer(trainer_user):
    return staff_in("Trainers", trainer_user)


def soon(course, trainer_user, days=10, **kwargs):
    start = timezone.localdate() + datetime.timedelta(days=days)
    cohort = CohortFactory(course=course, start_date=start, capacity=10, **kwargs)
    cohort.trainers.add(
        Trainer.objects.filter(user=trainer_user).first() or TrainerFactory(user=trainer_user)
    )
    return cohort


def test_the_upcoming_panel_shows_fill_holds_waiting_and_questionnaires(
    client, trainer, cohort, course
):
    upcoming = soon(course, trainer, title="December run")
    for _ in range(3):
        place_on(upcoming, UserFactory())
    held = place_on(upcoming, UserFactory())
    held.status = PlaceStatus.HELD
    held.hold_expires_at = timezone.now() + datetime.timedelta(minutes=20)
    held.save()
    WaitingListEntryFactory(cohort=upcoming)
    CohortFactory(course=course, title="Not mine", start_date=upcoming.start_date)
    soon(course, trainer, days=90, title="Next spring")  # beyond eight weeks
    client.force_login(trainer)
    page = client.get(HOME).content.decode()
    panel = page.split('id="upcoming-cohorts-section"')[1].split("</table>")[0]
    row = panel.split("December run")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
    assert cells == [upcoming.start_date.strftime("%-d %b %Y"), "4 of 10 (40%)", "1", "1", "3"]
    assert "Current run" in panel  # running now
    assert "Not mine" not in panel and "Next spring" not in panel


def test_the_certificates_panel_counts_who_qualifies_without_one(client, trainer, course):
    from certificates.services import issue_certificate
    from learning.attendance.models import AttendanceRecord

    ended = soon(course, trainer, days=-20, title="October run")
    place = place_on(ended, UserFactory())
    for session in ended.sessions.all():
        AttendanceRecord.objects.create(
            place=place, session=session, status="present", recorded_at=timezone.now()
        )
    place_on(ended, UserFactory())  # never came: nothing is due to them
    client.force_login(trainer)
    panel = client.get(HOME).content.decode().split('id="certificates-due-section"')[1]
    row = panel.split("October run")[1].split("</tr>")[0]
    assert [c.split("</td>")[0] for c in row.split("<td>")[1:]] == ["1", "0"]
    issue_certificate(place.pk)
    panel = client.get(HOME).content.decode().split('id="certificates-due-section"')[1]
    assert "October run" not in panel and "No certificates are waiting" in panel


def test_finance_does_not_get_the_trainers_panels(client):
    client.force_login(staff_in("Finance"))
    page = client.get(HOME).content.decode()
    assert (
        'id="upcoming-cohorts-section"' not in page and 'id="certificates-due-section"' not in page
    )


def test_the_home_page_reads_the_same_number_of_queries_for_1_or_8_cohorts(client, trainer, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(days):
        upcoming = soon(course, trainer, days=days)
        place_on(upcoming, UserFactory())
        WaitingListEntryFactory(cohort=upcoming)

    def queries():
        client.get(HOME)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HOME).status_code == 200
        return len(captured)

    client.force_login(trainer)
    add(5)
    one = queries()
    for day in range(6, 13):
        add(day)
    assert queries() == one
