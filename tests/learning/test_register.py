"""The register in the trainers' workspace: a fieldset per learner, one mark saved at a time
through the JSON endpoint, "mark everyone present", the refusals (another cohort's session
or place, a cancelled place, a session after today), the check-in code (signed, honoured only
in the session's window, leaving a pending check-in the trainer confirms) and the sign-in
sheet PDF. Only the cohort's trainers reach any of it; a trainer of another cohort gets 404.

The cohort (tests/learning/conftest.py) started two days ago with a session a day, so its
sessions are: two past, one today, two to come."""

import datetime
import io
import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from learning.attendance import checkin
from learning.attendance.models import AttendanceRecord, SessionCheckIn
from learning.attendance.services import (
    confirm_check_ins,
    mark_everyone_present,
    record_attendance,
)
from learning.exceptions import LearningError
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory, CohortSessionFactory, TrainerFactory
from tests.factories.learning import place_on
from tests.learning.test_workspace import staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(trainer_user):
    return staff_in("Trainers", trainer_user)


@pytest.fixture
def sessions(cohort):
    return list(cohort.sessions.order_by("starts_at"))


@pytest.fixture
def yesterday(sessions):
    return sessions[1]


@pytest.fixture
def tomorrow(sessions):
    return sessions[3]


@pytest.fixture
def places(cohort, learner):
    """Amara (the learner) and Bert, both confirmed; Cara, whose place was cancelled."""
    bert = place_on(cohort, UserFactory(first_name="Bert", last_name="Jones"))
    bert.profession, bert.organisation_name = "nurse", "Riverside NHS Trust"
    bert.save()
    cara = place_on(cohort, UserFactory(first_name="Cara", last_name="Ng"), status="cancelled")
    return {"amara": learner.places.get(), "bert": bert, "cara": cara}


@pytest.fixture
def running(cohort):
    """A session going on now."""
    now = timezone.now()
    return CohortSessionFactory(
        cohort=cohort,
        title="Afternoon workshop",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
        break_minutes=0,
    )


@pytest.fixture
def other_trainer(course):
    """A trainer of another cohort of the same course."""
    user = staff_in("Trainers", UserFactory(email="other-trainer@example.com"))
    CohortFactory(course=course, title="Other run").trainers.add(TrainerFactory(user=user))
    return user


def url(name, session):
    return reverse(f"learning_attendance_{name}", args=[session.pk])


def marks_of(session):
    return {
        r.place.attendee_name: (r.status, r.minutes_attended)
        for r in AttendanceRecord.objects.filter(session=session).select_related("place")
    }


# The register page


def test_the_register_has_a_fieldset_with_a_legend_and_radios_per_learner(
    client, trainer, places, yesterday
):
    client.force_login(trainer)
    page = client.get(url("register", yesterday)).content.decode()
    assert page.count('<fieldset class="register-row"') == 2  # Cara's cancelled place is not
    assert '<legend class="register-row__name">Bert Jones</legend>' in page
    assert 'type="radio" name="status_' in page and "Left early" in page
    assert "register.mjs" in page and 'data-mark-url="' + url("mark", yesterday) in page
    assert url("check_in_code", yesterday) in page and url("sign_in_sheet", yesterday) in page


def test_the_whole_form_saves_without_javascript_and_drops_minutes_left_behind(
    client, trainer, places, yesterday
):
    client.force_login(trainer)
    amara, bert = places["amara"], places["bert"]
    response = client.post(
        url("register", yesterday),
        {
            f"status_{amara.pk}": "present",
            f"minutes_{amara.pk}": "100",  # typed while "late" was chosen, then hidden
            f"status_{bert.pk}": "left_early",
            f"minutes_{bert.pk}": "200",
        },
    )
    assert response.status_code == 302
    assert marks_of(yesterday) == {
        "Amara Okafor": ("present", None),
        "Bert Jones": ("left_early", 200),
    }


def test_a_late_mark_without_minutes_is_listed_in_the_error_summary_linking_to_the_field(
    client, trainer, places, yesterday
):
    client.force_login(trainer)
    bert = places["bert"]
    page = client.post(url("register", yesterday), {f"status_{bert.pk}": "late"})
    text = page.content.decode()
    assert "There is a problem" in text
    assert f'href="#id_minutes_{bert.pk}">Bert Jones: Say how many minutes' in text
    assert not AttendanceRecord.objects.exists()


def test_mark_everyone_present_keeps_the_marks_already_given(client, trainer, places, yesterday):
    record_attendance(session=yesterday, marks={places["bert"].pk: ("late", 90)}, actor=trainer)
    client.force_login(trainer)
    response = client.post(url("register", yesterday), {"action": "everyone_present"}, follow=True)
    assert "1 learner marked present." in response.content.decode()
    assert marks_of(yesterday) == {"Amara Okafor": ("present", None), "Bert Jones": ("late", 90)}


# The saved-as-you-go endpoint


def test_one_mark_is_saved_through_the_json_endpoint(client, trainer, places, yesterday):
    client.force_login(trainer)
    bert = places["bert"]
    response = client.post(
        url("mark", yesterday), {"place": bert.pk, "status": "late", "minutes": "45"}
    )
    assert response.json() == {"saved": True, "message": "Saved: late, 45 minutes."}
    response = client.post(url("mark", yesterday), {"place": bert.pk, "status": "absent"})
    assert response.json()["message"] == "Saved: absent."
    assert marks_of(yesterday) == {"Bert Jones": ("absent", None)}


def test_the_endpoint_refuses_bad_marks_with_the_reason(
    client, trainer, places, yesterday, tomorrow
):
    client.force_login(trainer)
    bert, cara = places["bert"], places["cara"]
    late = client.post(url("mark", yesterday), {"place": bert.pk, "status": "late"})
    assert late.status_code == 400 and "Say how many minutes" in late.json()["error"]
    cancelled = client.post(url("mark", yesterday), {"place": cara.pk, "status": "present"})
    assert cancelled.json()["error"] == (
        "Cara Ng's place is cancelled, not confirmed, so their attendance cannot be recorded."
    )
    future = client.post(url("mark", tomorrow), {"place": bert.pk, "status": "present"})
    assert future.status_code == 400 and "cannot be kept yet" in future.json()["error"]
    assert client.get(url("mark", yesterday)).status_code == 405
    assert not AttendanceRecord.objects.exists()


def test_the_endpoint_checks_the_csrf_token(trainer, places, yesterday):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)
    data = {"place": places["bert"].pk, "status": "present"}
    assert client.post(url("mark", yesterday), data).status_code == 403
    page = client.get(url("register", yesterday)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(url("mark", yesterday), data, HTTP_X_CSRFTOKEN=token)
    assert response.json()["saved"] is True


# Who reaches the register


def test_a_trainer_of_another_cohort_gets_404_everywhere(client, other_trainer, places, yesterday):
    client.force_login(other_trainer)
    for name in ("register", "check_in_code", "sign_in_sheet"):
        assert client.get(url(name, yesterday)).status_code == 404, name
    data = {"place": places["amara"].pk, "status": "present"}
    assert client.post(url("mark", yesterday), data).status_code == 404
    assert (
        client.post(url("register", yesterday), {"action": "everyone_present"}).status_code == 404
    )
    assert not AttendanceRecord.objects.exists()


def test_a_learner_reaches_none_of_it(client, learner, places, yesterday):
    client.force_login(learner)
    for name in ("register", "check_in_code", "sign_in_sheet"):
        assert client.get(url(name, yesterday)).status_code in (302, 403), name
    data = {"place": places["amara"].pk, "status": "present"}
    assert client.post(url("mark", yesterday), data).status_code in (302, 403)
    assert not AttendanceRecord.objects.exists()


# The rules, in the service every path goes through


def test_a_session_after_today_is_refused(trainer, places, tomorrow):
    with pytest.raises(LearningError, match="cannot be kept yet"):
        record_attendance(
            session=tomorrow, marks={places["bert"].pk: ("present", None)}, actor=trainer
        )
    with pytest.raises(LearningError, match="cannot be kept yet"):
        mark_everyone_present(session=tomorrow, actor=trainer)
    assert not AttendanceRecord.objects.exists()


def test_a_place_on_another_cohort_is_refused(trainer, course, places, yesterday):
    elsewhere = place_on(
        CohortFactory(course=course, title="Elsewhere"), UserFactory(first_name="Dev")
    )
    with pytest.raises(LearningError, match="has a place on another cohort"):
        record_attendance(
            session=yesterday,
            marks={places["bert"].pk: ("present", None), elsewhere.pk: ("present", None)},
            actor=trainer,
        )
    assert not AttendanceRecord.objects.exists()  # nothing written, not even Bert's


def test_a_trainer_cannot_keep_another_cohorts_register_through_the_service(
    other_trainer, places, yesterday
):
    with pytest.raises(LearningError, match="You do not keep the register"):
        record_attendance(
            session=yesterday, marks={places["bert"].pk: ("present", None)}, actor=other_trainer
        )


# Check-in


def test_the_check_in_code_page_shows_a_qr_of_a_working_link(client, trainer, running):
    client.force_login(trainer)
    page = client.get(url("check_in_code", running)).content.decode()
    assert 'src="data:image/svg+xml' in page and "QR code for checking in" in page
    link = re.search(r'class="check-in-code__url">([^<]+)<', page).group(1)
    token = link.rsplit("/", 2)[-2]
    assert checkin.session_for_token(token) == running


def test_a_learner_checks_in_and_the_trainer_confirms(client, trainer, learner, places, running):
    client.force_login(learner)
    link = reverse("learning:check_in", args=[checkin.check_in_token(running)])
    page = client.get(link).content.decode()
    assert "Check me in" in page and not SessionCheckIn.objects.exists()  # a GET stores nothing
    page = client.post(link).content.decode()
    assert "You have checked in" in page
    client.post(link)  # a second scan keeps the first
    check_in = SessionCheckIn.objects.get()
    assert check_in.pending and check_in.place == places["amara"]
    assert not AttendanceRecord.objects.exists()  # not attendance until confirmed

    client.force_login(trainer)
    register = client.get(url("register", running)).content.decode()
    assert "waiting for you to confirm" in register and "Confirm all checked in (1)" in register
    response = client.post(url("register", running), {"action": "confirm_check_ins"}, follow=True)
    assert "1 learner checked in and confirmed." in response.content.decode()
    assert marks_of(running) == {"Amara Okafor": ("present", None)}
    check_in.refresh_from_db()
    assert check_in.confirmed_by == trainer and not check_in.pending


def test_confirming_keeps_a_mark_already_given(trainer, places, running):
    amara = places["amara"]
    SessionCheckIn.objects.create(place=amara, session=running, checked_in_at=timezone.now())
    record_attendance(session=running, marks={amara.pk: ("late", 30)}, actor=trainer)
    assert confirm_check_ins(session=running, actor=trainer) == 1
    assert marks_of(running) == {"Amara Okafor": ("late", 30)}


@pytest.mark.parametrize(
    "moment, says",
    [
        (datetime.timedelta(minutes=-31), "Check-in for Afternoon workshop opens at"),
        (datetime.timedelta(minutes=-29), None),
        (datetime.timedelta(hours=2, minutes=1), "closed when the session ended"),
    ],
    ids=["too early", "half an hour before", "after the end"],
)
def test_check_in_works_only_in_the_session_window(learner, places, running, moment, says):
    token = checkin.check_in_token(running)
    now = running.starts_at + moment
    if says is None:
        assert checkin.check_in(token=token, user=learner, now=now).pending
        return
    with pytest.raises(LearningError, match=says):
        checkin.check_in(token=token, user=learner, now=now)
    assert not SessionCheckIn.objects.exists()


def bad_tokens(session):
    good = checkin.check_in_token(session)
    payload = {"s": session.pk, "t": int(session.starts_at.timestamp())}
    return {
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "other salt": signing.dumps(payload, salt="something.else"),
        "another session": signing.dumps({**payload, "s": session.pk + 999}, salt=checkin.SALT),
        "moved session": signing.dumps({**payload, "t": payload["t"] - 3600}, salt=checkin.SALT),
        "garbage": "not-a-token",
    }


def test_a_bad_code_gets_a_clear_page_and_stores_nothing(client, learner, places, running):
    client.force_login(learner)
    for label, token in bad_tokens(running).items():
        response = client.post(reverse("learning:check_in", args=[token]))
        assert response.status_code == 400, label
        assert "This check-in link is not valid" in response.content.decode(), label
    assert not SessionCheckIn.objects.exists()


def test_only_a_learner_with_a_confirmed_place_checks_in(client, places, running):
    link = reverse("learning:check_in", args=[checkin.check_in_token(running)])
    assert client.get(link).status_code == 302  # sign in first
    client.force_login(places["cara"].attendee)  # cancelled
    response = client.post(link)
    assert response.status_code == 400
    assert "no confirmed place on" in response.content.decode()
    assert not SessionCheckIn.objects.exists()


# The sign-in sheet


def test_the_sign_in_sheet_lists_the_confirmed_learners_with_a_signature_column(
    client, trainer, cohort, places, yesterday
):
    client.force_login(trainer)
    response = client.get(url("sign_in_sheet", yesterday))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    local = timezone.localtime(yesterday.starts_at)
    for stated in (
        "Sign-in sheet",
        cohort.course.title,
        yesterday.title,
        f"{local:%-d %B %Y}",
        "09:30 to 16:30",
        cohort.venue_name,
        "Amara Okafor",
        "Bert Jones Nurse Riverside NHS Trust",
        "Signature",
    ):
        assert stated in text, stated
    assert "Cara Ng" not in text
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en-GB"


def test_the_register_tab_links_each_sessions_sheet_and_the_codes_still_of_use(
    client, trainer, cohort, sessions
):
    client.force_login(trainer)
    page = client.get(reverse("learning_workspace_sessions", args=[cohort.pk])).content.decode()
    assert all(url("sign_in_sheet", session) in page for session in sessions)
    assert url("check_in_code", sessions[0]) not in page  # ended two days ago
    assert url("check_in_code", sessions[3]) in page


def test_a_session_to_come_shows_its_tools_but_no_register(client, trainer, places, tomorrow):
    client.force_login(trainer)
    page = client.get(url("register", tomorrow)).content.decode()
    assert "cannot be kept" in page and "register-row" not in page
    assert url("check_in_code", tomorrow) in page


def test_a_learners_attendance_and_check_ins_are_in_their_data_export(
    client, trainer, learner, places, running, yesterday
):
    import json

    record_attendance(session=yesterday, marks={places["amara"].pk: ("late", 50)}, actor=trainer)
    checkin.check_in(token=checkin.check_in_token(running), user=learner)
    client.force_login(learner)
    data = json.loads(client.get(reverse("account_data_export")).content)
    assert [(a["session"], a["status"], a["minutes_attended"]) for a in data["attendance"]] == [
        (yesterday.title, "Late", 50)
    ]
    assert [(c["session"], c["confirmed"]) for c in data["check_ins"]] == [
        ("Afternoon workshop", False)
    ]
