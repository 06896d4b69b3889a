"""The impact report: on the workspace's Evaluation tab (with who still owes a wave, by name,
for the trainers only), as CSV and PDF (naming nobody), and across a course's cohorts for a
range of end dates (staff who manage cohorts). Who may see it: the cohort's trainers and
cohort managers; a trainer of another cohort gets a 404, a learner is turned away.

Scenario: a 5-day cohort that ended ten days ago. Six learners who agree to research answered
before the course and on the last day (confidence in the first skill 3→4, 2→4, 5→8, 6→2,
1→6, 2→8, as in the statistics tests: Wilcoxon p = 14/64); Olu answered before only and
still owes the last day; Zed said no to research, so his answers are left out.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bookings.models import Place
from learning.attendance.models import AttendanceRecord
from learning.evaluation import report, scoring, services, waves
from learning.evaluation import statistics as st
from learning.evaluation.models import Wave, WaveInstrument
from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.factories.courses import CohortFactory, TrainerFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import (
    CONFIDENCE_ITEMS,
    InstrumentFactory,
    InstrumentItemFactory,
    course_evaluation,
    instruments,
)
from tests.learning.test_workspace import cohort_trainer, staff_in

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

FIRST_SKILL = "Asking someone about suicidal thoughts"
# (name, consents, confidence before, confidence on the last day or None)
LEARNERS = [
    ("Ada Achebe", True, (3, 4), (4, 6)),
    ("Ben Brown", True, (2, 4), (4, 7)),
    ("Cat Chan", True, (5, 4), (8, 8)),
    ("Dev Desai", True, (6, 4), (2, 5)),
    ("Eve Evans", True, (1, 4), (6, 9)),
    ("Fay Fox", True, (2, 4), (8, 6)),
    ("Olu Adeyemi", True, (9, 9), None),
    ("Zed Zane", False, (10, 10), (0, 0)),
]


@pytest.fixture
def ended(course, trainer_user):
    course_evaluation(course)
    start = timezone.localdate() - 14 * DAY
    cohort = CohortFactory(course=course, start_date=start, title="Spring", status="completed")
    cohort.trainers.add(cohort_trainer(trainer_user))
    return cohort


def answers(wave, confidence, knowledge):
    found = instruments()
    conf, know = found["confidence"], found["knowledge"]
    given = {
        conf.pk: dict(zip([i.pk for i in scoring.items_for(conf, wave)], confidence, strict=True)),
        know.pk: dict(zip([i.pk for i in scoring.items_for(know, wave)], knowledge, strict=True)),
    }
    if wave == Wave.LAST_DAY:
        reaction = found["reaction"]
        given[reaction.pk] = {i.pk: 5 for i in scoring.items_for(reaction, wave)}
    return given


def answered(cohort, learners=LEARNERS):
    """Places, consents and answers as the learners gave them (before: 1 of 2 right; last
    day: 2 of 2 right); everyone came to the first session, the six to all five."""
    sessions = list(cohort.sessions.order_by("starts_at"))
    places = {}
    for n, (name, agrees, before, after) in enumerate(learners):
        first, last = name.split()
        user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@example.org")
        place = place_on(cohort, user)
        place.attendee_name = name
        place.profession = "nurse" if n % 2 else "doctor"
        place.save()
        places[name] = place
        ask_at = timezone.make_aware(
            datetime.datetime.combine(cohort.start_date - 3 * DAY, datetime.time(9))
        )
        services.record_consent(user=user, agreed=agrees, now=ask_at)
        services.submit_wave(
            user=user,
            place_id=place.pk,
            wave="before",
            answers=answers("before", before, (1, 1)),
            now=ask_at,
        )
        if after is not None:
            services.submit_wave(
                user=user,
                place_id=place.pk,
                wave="last_day",
                answers=answers("last_day", after, (2, 2)),
                now=sessions[-1].ends_at,
            )
        for session in sessions if after is not None else sessions[:1]:
            AttendanceRecord.objects.create(
                place=place, session=session, status="present", recorded_at=session.ends_at
            )
    return places


@pytest.fixture
def places(ended):
    return answered(ended)


@pytest.fixture
def trainer(trainer_user):
    return staff_in("Trainers", trainer_user)


@pytest.fixture
def manager(db):
    user = UserFactory(email="manager@example.com", is_staff=True, is_superuser=True)
    TOTPAuthenticatorFactory(user=user)
    return user


def tab_url(cohort, suffix=""):
    names = {
        "": "learning_evaluation_cohort",
        "csv": "learning_evaluation_cohort_csv",
        "pdf": "learning_evaluation_cohort_pdf",
    }
    return reverse(names[suffix], args=[cohort.pk])


def csv_of(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# --- the numbers --------------------------------------------------------------------------


def test_the_report_counts_and_compares_consenting_learners_only(ended, places):
    found = report.cohort_report(ended)
    counts = found.counts
    assert (counts.booked, counts.attended, counts.completed) == (8, 8, 7)
    assert counts.responding == {"before": 8, "last_day": 7, "follow_up": 0}
    assert counts.included == {"before": 7, "last_day": 6, "follow_up": 0}
    assert found.professions == [("Doctor", 4), ("Nurse", 4)]
    first = next(m for m in found.measures if m.label == FIRST_SKILL)
    before, last_day = first.waves
    assert before.summary.n == 7 and before.summary.mean == pytest.approx(28 / 7)
    assert last_day.summary.n == 6 and last_day.summary.mean == pytest.approx(32 / 6)
    assert (last_day.share.reached, last_day.share.n) == (2, 6)  # the two 8s reach 7
    (change,) = first.changes
    assert change.result.n == 6
    assert change.result.p_value == pytest.approx(14 / 64)
    assert change.result.mean_change == pytest.approx(13 / 6)
    knowledge = next(m for m in found.measures if m.kind == "knowledge")
    assert [r.summary.mean for r in knowledge.waves] == [1, 2]
    assert knowledge.benchmark_text == "2 or more right of 2"
    (relevant,) = found.reaction
    assert relevant.summary.mean == 5 and relevant.share.percent == 100
    assert not found.too_few


def test_fewer_than_five_pairs_gives_no_test(ended):
    answered(ended, LEARNERS[:4])
    found = report.cohort_report(ended)
    (change,) = next(m for m in found.measures if m.label == FIRST_SKILL).changes
    assert change.result.n == 4 and change.result.p_value is None and found.too_few


# --- the Evaluation tab and its downloads -------------------------------------------------


def test_the_tab_shows_the_report_and_who_still_owes_a_wave(client, trainer, ended, places):
    client.force_login(trainer)
    page = client.get(tab_url(ended)).content.decode()
    assert 'aria-current="page">Evaluation' in page
    owed = page.split('id="still-owed"')[1].split("</table>")[0]
    assert "Olu Adeyemi" in owed and "On the last day" in owed
    assert "Ada Achebe" not in owed  # she has answered
    first_row = page.split(f'<th scope="row">{FIRST_SKILL}</th>')[1].split("</tr>")[0]
    assert "+2.2" in first_row and "0.219" in first_row and "0.61 (−0.26 to 1.48)" in first_row
    assert "<svg" in page and '<title id="chart-confidence-title">' in page
    assert "Too few to say, in places" not in page


def test_the_csv_and_pdf_name_nobody(client, trainer, ended, places):
    client.force_login(trainer)
    rows = csv_of(client.get(tab_url(ended, "csv")))
    assert rows[0][:4] == ["Section", "Measure", "Wave or comparison", "Number"]
    change = next(
        r for r in rows if r[:3] == ["Change", FIRST_SKILL, "Before the course → on the last day"]
    )
    assert change[3] == "6" and change[8] == "0.2188"
    pdf = client.get(tab_url(ended, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert FIRST_SKILL in text and "Wilcoxon" in text
    flat = "\n".join(",".join(r) for r in rows)
    for name, *_ in LEARNERS:
        first = name.split()[0]
        for where in (flat, text):
            assert name not in where and f"{first.lower()}@example.org" not in where
    for place in places.values():
        pseudonym = place.evaluation_responses.first().pseudonym
        assert pseudonym not in flat and pseudonym[:8] not in text


# --- who may see it -----------------------------------------------------------------------


def test_a_trainer_of_another_cohort_gets_a_404(client, ended, places):
    other = staff_in("Trainers", UserFactory(email="other-trainer@example.com"))
    CohortFactory(course=ended.course).trainers.add(TrainerFactory(user=other))
    client.force_login(other)
    for suffix in ("", "csv", "pdf"):
        assert client.get(tab_url(ended, suffix)).status_code == 404


def test_a_learner_is_turned_away(client, ended, places):
    client.force_login(places["Ada Achebe"].attendee)
    for suffix in ("", "csv", "pdf"):
        assert client.get(tab_url(ended, suffix)).status_code in (302, 403)
    assert client.get(reverse("learning_evaluation_course")).status_code in (302, 403)


def test_trainers_cannot_open_the_course_wide_report(client, trainer, ended):
    client.force_login(trainer)
    for name in ("learning_evaluation_course", "learning_evaluation_course_csv"):
        response = client.get(reverse(name))
        # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/") == "/admin/"


def test_cohort_managers_see_every_cohorts_tab(client, manager, ended, places):
    client.force_login(manager)
    assert client.get(tab_url(ended)).status_code == 200


# --- the course-wide report ---------------------------------------------------------------


def course_query(course, start, end):
    return {"course": course.pk, "start": start, "end": end}


def test_the_course_report_takes_the_cohorts_ending_in_the_range(client, manager, ended, places):
    earlier = CohortFactory(course=ended.course, start_date=ended.start_date - 60 * DAY)
    answered(earlier, [("Gil Green", True, (1, 1), (9, 9))])
    client.force_login(manager)
    start, end = (ended.end_date - DAY).isoformat(), ended.end_date.strftime("%d/%m/%Y")
    page = client.get(reverse("learning_evaluation_course"), course_query(ended.course, start, end))
    html = page.content.decode()
    assert "1 cohort:" in html and "Spring" in html and "0.219" in html
    assert "Olu Adeyemi" not in html  # no names in the course-wide report
    rows = csv_of(
        client.get(
            reverse("learning_evaluation_course_csv"), course_query(ended.course, start, end)
        )
    )
    assert ["Taking part", "Places booked", "", "8"] == rows[1][:4]
    both = course_query(ended.course, earlier.end_date.isoformat(), ended.end_date.isoformat())
    rows = csv_of(client.get(reverse("learning_evaluation_course_csv"), both))
    assert ["Taking part", "Places booked", "", "9"] == rows[1][:4]
    pdf = client.get(reverse("learning_evaluation_course_pdf"), both)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("start", "end", "message", "field"),
    [
        ("", "1/1/2026", "Enter the first end date", "id_start"),
        ("31/2/2026", "1/3/2026", "Enter the first end date as day/month/year", "id_start"),
        (
            "1/3/2026",
            "1/2/2026",
            "The last end date must be the same as or after the first",
            "id_end",
        ),
    ],
)
def test_bad_dates_are_explained_in_an_error_summary(
    client, manager, ended, start, end, message, field
):
    client.force_login(manager)
    page = client.get(reverse("learning_evaluation_course"), course_query(ended.course, start, end))
    html = page.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert f'<a href="#{field}">{message}' in summary
    assert "<title>Error: " in html
    response = client.get(
        reverse("learning_evaluation_course_pdf"), course_query(ended.course, start, end)
    )
    assert response.status_code == 302


# --- three months on: retention and response shift ----------------------------------------


@pytest.fixture
def long_ended(course, trainer_user):
    """A cohort that ended over three months ago, on a course that also asks confidence at
    three months and, on the last day, "looking back" on each skill."""
    evaluation = course_evaluation(course)
    confidence = instruments()["confidence"]
    retro = InstrumentFactory(name="Looking back", kind="retrospective", optional=True)
    for text in CONFIDENCE_ITEMS:
        InstrumentItemFactory(instrument=retro, text=text)
    WaveInstrument.objects.create(evaluation=evaluation, wave="last_day", instrument=retro)
    WaveInstrument.objects.create(evaluation=evaluation, wave="follow_up", instrument=confidence)
    start = timezone.localdate() - 110 * DAY
    cohort = CohortFactory(course=course, start_date=start, title="Winter", status="completed")
    cohort.trainers.add(cohort_trainer(trainer_user))
    return cohort


def test_retention_and_response_shift(client, trainer, long_ended):
    """Three months on, everyone lost one point in the first skill and kept the second;
    looking back, everyone rated their first skill one point below what they had said."""
    answered(long_ended, LEARNERS[:6])
    found = instruments()
    confidence, retro = found["confidence"], found["retrospective"]
    conf_items = scoring.items_for(confidence, "follow_up")
    retro_items = scoring.items_for(retro, "last_day")
    follow_up_day = waves.window(long_ended, "follow_up").opens_on
    for place in Place.objects.filter(cohort=long_ended):
        before = place.evaluation_responses.get(wave="before").answers[str(confidence.pk)]
        last = place.evaluation_responses.get(wave="last_day")
        first, second = (last.answers[str(confidence.pk)][str(i.pk)] for i in conf_items)
        start = before[str(conf_items[0].pk)]
        # Looking back is optional: add it to the stored last-day answers, as if given then.
        last.answers[str(retro.pk)] = {str(retro_items[0].pk): start - 1 if start else 0}
        last.save()
        services.submit_wave(
            user=place.attendee,
            place_id=place.pk,
            wave="follow_up",
            answers={confidence.pk: {conf_items[0].pk: first - 1, conf_items[1].pk: second}},
            now=timezone.make_aware(datetime.datetime.combine(follow_up_day, datetime.time(12))),
        )
    found = report.cohort_report(long_ended)
    first = next(m for m in found.measures if m.label == FIRST_SKILL)
    assert [r.wave for r in first.waves] == ["before", "last_day", "follow_up"]
    assert [c.result.n for c in first.changes] == [6, 6]
    kept = first.retention.result
    assert kept.n == 6 and kept.mean_change == -1 and kept.p_value == pytest.approx(2 / 64)
    assert kept.effect is None and kept.note == st.NO_SPREAD
    second = next(m for m in found.measures if m.label == CONFIDENCE_ITEMS[1])
    assert second.retention.result.mean_change == 0 and second.retention.result.p_value == 1
    shift = {c.label: c.result for c in found.response_shift}
    # Looking back, each rated their start one point below what they had said before.
    assert shift[FIRST_SKILL].n == 6 and shift[FIRST_SKILL].mean_change == pytest.approx(-1)
    assert shift[CONFIDENCE_ITEMS[1]].n == 0  # nobody looked back on the second skill

    client.force_login(trainer)
    page = client.get(tab_url(long_ended)).content.decode()
    assert "Retention at three months" in page and "Response shift" in page
    assert "Three months after" in page
