"""The learner's evaluation pages: who may open a wave, consent before the first wave, the
questions as NHS.UK radios with an error summary, one answer per wave, the thank-you page,
and "Evaluation to do" on My learning without a query per cohort.

Scenario: Amara (`user`) holds a confirmed place on a 5-day cohort starting in ten days; the
course asks confidence and a knowledge test before the course (tests/learning/
evaluation_factories.py).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.evaluation import scoring, services
from learning.evaluation.models import EvaluationResponse, Instrument, ResearchConsent
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory, CoursePageFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import course_evaluation

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
CONSENT = reverse("learning:research_consent")
DASHBOARD = reverse("learning:dashboard")


@pytest.fixture
def upcoming(course):
    course_evaluation(course)
    return CohortFactory(course=course, start_date=timezone.localdate() + 10 * DAY)


@pytest.fixture
def place(user, upcoming):
    return place_on(upcoming, user)


@pytest.fixture
def amara(client, user, place):
    """Amara signed in, having said yes to research."""
    services.record_consent(user=user, agreed=True)
    client.force_login(user)
    return client


def wave_url(place, wave="before"):
    return reverse("learning:evaluation_wave", args=[place.pk, wave])


def thanks_url(place, wave="before"):
    return reverse("learning:evaluation_thanks", args=[place.pk, wave])


def fields(wave="before"):
    """{kind: [field name]} of the wave's items."""
    return {
        i.kind: [f"i{i.pk}-{item.pk}" for item in scoring.items_for(i, wave)]
        for i in Instrument.objects.prefetch_related("items")
    }


def good_answers():
    names = fields()
    return {name: "7" for name in names["confidence"]} | {n: "1" for n in names["knowledge"]}


# --- who may open a wave ----------------------------------------------------------------


def test_anonymous_visitors_sign_in_first(client, place):
    for url in (wave_url(place), thanks_url(place), CONSENT):
        assert client.get(url).url.startswith("/accounts/login/"), url


def test_another_learner_or_someone_without_a_place_gets_not_found(client, place, course):
    other = UserFactory(email="ben@example.com")
    services.record_consent(user=other, agreed=True)
    client.force_login(other)
    assert client.get(wave_url(place)).status_code == 404
    assert client.post(wave_url(place), good_answers()).status_code == 404
    assert client.get(thanks_url(place)).status_code == 404
    assert not EvaluationResponse.objects.exists()


def test_a_cancelled_place_or_a_wave_the_course_does_not_ask_is_not_found(amara, place):
    assert amara.get(wave_url(place, "follow_up")).status_code == 404
    assert amara.get(wave_url(place, "sometime")).status_code == 404
    place.status = "cancelled"
    place.save()
    assert amara.get(wave_url(place)).status_code == 404


# --- consent first ----------------------------------------------------------------------


def test_consent_is_asked_before_the_first_wave_then_the_wave_follows(client, user, place):
    client.force_login(user)
    response = client.get(wave_url(place))
    assert response.url == f"{CONSENT}?next={wave_url(place)}"
    page = client.get(response.url).content.decode()
    assert "Can we use your answers for research and audit?" in page
    assert f'name="next" value="{wave_url(place)}"' in page
    response = client.post(CONSENT, {"agreed": "no", "next": wave_url(place)})
    assert response.url == wave_url(place)
    assert ResearchConsent.objects.get(user=user).agreed is False


def test_consent_without_a_choice_is_refused_on_the_field(client, user):
    client.force_login(user)
    page = client.post(CONSENT, {}).content.decode()
    assert "There is a problem" in page and '<a href="#id_agreed_0">Select yes or no</a>' in page
    assert not ResearchConsent.objects.exists()


def test_a_learner_changes_their_mind_and_the_withdrawal_is_timed(amara, user):
    assert "Your choice now: <strong>yes</strong>" in amara.get(CONSENT).content.decode()
    assert amara.post(CONSENT, {"agreed": "no"}).url == CONSENT
    consent = ResearchConsent.objects.get(user=user)
    assert not consent.agreed and consent.withdrawn_at is not None


def test_the_next_address_must_be_on_this_site(client, user):
    client.force_login(user)
    response = client.post(CONSENT, {"agreed": "yes", "next": "https://evil.example/"})
    assert response.url == CONSENT


# --- the questions ----------------------------------------------------------------------


def test_each_item_is_a_fieldset_with_a_legend_and_radios(amara, place):
    page = amara.get(wave_url(place)).content.decode()
    assert page.count('<fieldset class="nhsuk-fieldset"') == 4  # two confidence, two knowledge
    assert "Asking someone about suicidal thoughts</legend>" in page
    assert "0 means not at all confident, 10 means completely confident" in page
    assert "<table" not in page  # never a grid
    assert "PHQ-9 total score" in page and "GAD-7" not in page  # form A before the course
    name = fields()["confidence"][0]
    assert page.count(f'name="{name}" type="radio"') == 11


def test_answers_are_stored_scored_and_thanked(amara, place, user):
    response = amara.post(wave_url(place), good_answers())
    assert response.url == thanks_url(place)
    stored = EvaluationResponse.objects.get()
    assert sorted(stored.scores.values()) == [1, 7.0] and stored.knowledge_form == "A"
    page = amara.get(thanks_url(place)).content.decode()
    assert "Thank you" in page and "before the course are saved" in page


def test_a_second_submission_is_refused_with_a_clear_message_and_changes_nothing(amara, place):
    amara.post(wave_url(place), good_answers())
    first = EvaluationResponse.objects.get().answers
    again = {name: "2" for name in good_answers()}
    page = amara.post(wave_url(place), again, follow=True).content.decode()
    assert "You have already answered these questions" in page
    assert EvaluationResponse.objects.get().answers == first


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a, n: {k: v for k, v in a.items() if k != n["confidence"][0]}, "Choose a number"),
        (lambda a, n: a | {n["confidence"][0]: "11"}, "not one of the options"),
        (lambda a, n: a | {n["confidence"][0]: "4.5"}, "not one of the options"),
        (lambda a, n: a | {n["knowledge"][0]: "9"}, "not one of the options"),
        (lambda a, n: {k: v for k, v in a.items() if k != n["knowledge"][1]}, "Select an answer"),
    ],
)
def test_bad_input_is_refused_on_its_field(amara, place, change, message):
    names = fields()
    answers = change(good_answers(), names)
    page = amara.post(wave_url(place), answers).content.decode()
    assert "There is a problem" in page and message in page
    assert "nhsuk-form-group--error" in page and '<li><a href="#id_i' in page
    assert not EvaluationResponse.objects.exists()


def test_a_missing_item_links_from_the_summary_to_its_first_radio(amara, place):
    name = fields()["confidence"][1]
    answers = {k: v for k, v in good_answers().items() if k != name}
    page = amara.post(wave_url(place), answers).content.decode()
    wanted = "Choose a number between 0 and 10 for “Screening for depression with the PHQ-9”"
    assert f'<a href="#id_{name}_0">{wanted}</a>' in page
    assert f'id="id_{name}_0"' in page


def test_a_tampered_item_is_refused_whole(amara, place):
    form_b = fields("last_day")["knowledge"][0]
    page = amara.post(wave_url(place), good_answers() | {form_b: "1"}).content.decode()
    assert "not asked here" in page and not EvaluationResponse.objects.exists()


def test_a_closed_wave_says_so_and_stores_nothing(client, user, course, cohort):
    course_evaluation(course)
    running = place_on(cohort, user)  # started two days ago: the before wave has closed
    services.record_consent(user=user, agreed=True)
    client.force_login(user)
    page = client.get(wave_url(running)).content.decode()
    assert "The time to answer these questions ended on" in page and "Send my answers" not in page
    client.post(wave_url(running), good_answers())
    assert not EvaluationResponse.objects.exists()


# --- My learning ------------------------------------------------------------------------


def test_my_learning_lists_the_wave_to_do_until_it_is_answered(amara, place):
    page = amara.get(DASHBOARD).content.decode()
    assert "Evaluation to do" in page and wave_url(place) in page
    amara.post(wave_url(place), good_answers())
    page = amara.get(DASHBOARD).content.decode()
    assert "Evaluation to do" not in page and CONSENT in page


def test_nothing_is_listed_for_others_or_closed_waves(client, user, course, cohort, place):
    other = UserFactory(email="ben@example.com")
    place_on(cohort, other)  # the running cohort: its before wave has closed
    client.force_login(other)
    assert "Evaluation to do" not in client.get(DASHBOARD).content.decode()


@pytest.mark.parametrize("scale", [1, 4])
def test_evaluation_to_do_adds_no_query_per_cohort(
    client, user, course, django_assert_max_num_queries, scale
):
    for _ in range(scale):
        each_course = CoursePageFactory(parent=course.get_parent())
        course_evaluation(each_course)
        for weeks in range(scale):
            start = timezone.localdate() + (7 * weeks + 3) * DAY
            place_on(CohortFactory(course=each_course, start_date=start, delivery="online"), user)
    client.force_login(user)
    client.get(DASHBOARD)  # warm the site root cache, as a running site has
    # The same bound as My learning's own test (the certificate panel's fixed queries
    # included), at 1 and at 16 cohorts.
    with django_assert_max_num_queries(20):
        page = client.get(DASHBOARD).content.decode()
    assert page.count("questions before the course") == scale * scale
