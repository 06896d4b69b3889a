"""Attendance: the record's minutes rule, the register service, and the staff form."""

import pytest

from learning.attendance.models import AttendanceRecord
from learning.attendance.services import record_attendance
from learning.exceptions import LearningError
from learning.signals import attendance_recorded
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory, UserFactory
from tests.factories.learning import place_on


def test_credited_minutes_follow_the_status(place, sessions):
    session = sessions[0]  # 7 hours less a 1-hour break
    record = AttendanceRecord(place=place, session=session, status="present")
    assert record.credited_minutes() == 360
    record.status, record.minutes_attended = "late", 300
    assert record.credited_minutes() == 300
    record.minutes_attended = 999  # never more than the session taught
    assert record.credited_minutes() == 360
    record.status, record.minutes_attended = "excused", None
    assert record.credited_minutes() == 0


def test_the_register_replaces_marks_and_announces_after_commit(
    place, sessions, staff_user, django_capture_on_commit_callbacks
):
    heard = []
    attendance_recorded.connect(lambda **kw: heard.append(kw["place_ids"]), weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            record_attendance(
                session=sessions[0], marks={place.pk: ("late", 240)}, actor=staff_user
            )
        record_attendance(session=sessions[0], marks={place.pk: ("present", None)})
    finally:
        attendance_recorded.receivers.clear()
    record = AttendanceRecord.objects.get()
    assert (record.status, record.minutes_attended) == ("present", None)
    assert heard == [[place.pk]]


@pytest.mark.parametrize(
    "mark", [("late", None), ("left_early", 400), ("present", 30)], ids=["none", "too many", "odd"]
)
def test_minutes_must_fit_the_status(place, sessions, mark):
    with pytest.raises(LearningError):
        record_attendance(session=sessions[0], marks={place.pk: mark})
    assert not AttendanceRecord.objects.exists()


def test_only_places_on_the_cohort_are_on_the_register(place, sessions, course):
    from tests.factories.courses import CohortFactory

    elsewhere = place_on(CohortFactory(course=course), UserFactory())
    with pytest.raises(LearningError):
        record_attendance(session=sessions[0], marks={elsewhere.pk: ("present", None)})


def test_staff_record_a_register_in_the_admin(client, place, sessions):
    admin = StaffUserFactory(is_superuser=True)
    TOTPAuthenticatorFactory(user=admin)  # staff reach the admin with MFA only
    client.force_login(admin)
    url = f"/admin/attendance/{sessions[1].pk}/"
    assert sessions[1].title in client.get("/admin/attendance/").content.decode()
    response = client.post(url, {f"status_{place.pk}": "late", f"minutes_{place.pk}": ""})
    assert "Say how many minutes" in response.content.decode()
    response = client.post(url, {f"status_{place.pk}": "late", f"minutes_{place.pk}": "200"})
    assert response.status_code == 302
    record = AttendanceRecord.objects.get()
    assert (record.status, record.minutes_attended, record.recorded_by) == ("late", 200, admin)


def test_a_learner_cannot_reach_the_register(client, user, place, sessions):
    client.force_login(user)
    assert client.get(f"/admin/attendance/{sessions[0].pk}/").status_code in (302, 403)


def test_a_trainer_keeps_the_registers_of_their_own_cohorts_only(client, place, sessions, course):
    from django.contrib.auth.models import Group, Permission

    from tests.factories.courses import CohortFactory, TrainerFactory

    trainer = StaffUserFactory(email="trainer-r@example.com", is_superuser=False)
    TOTPAuthenticatorFactory(user=trainer)
    group, _ = Group.objects.get_or_create(name="Trainers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_attendancerecord"),
    )
    trainer.groups.add(group)
    place.cohort.trainers.add(TrainerFactory(user=trainer))
    theirs = CohortFactory(course=course, start_date=sessions[0].starts_at.date())
    client.force_login(trainer)
    page = client.get("/admin/attendance/").content.decode()
    assert f"/admin/attendance/{sessions[0].pk}/" in page
    assert f"/admin/attendance/{theirs.sessions.first().pk}/" not in page
    assert client.get(f"/admin/attendance/{sessions[0].pk}/").status_code == 200
    assert client.get(f"/admin/attendance/{theirs.sessions.first().pk}/").status_code == 404
