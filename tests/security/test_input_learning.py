"""Learning forms under arbitrary input: quiz answers (choices of other quizzes, questions not
on the page, repeated and missing answers), evaluation answers, research consent and its
`next`, reflection notes and the profile. Never a 500; a refusal writes nothing."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import strategies as st

from cms.forms import ProfileForm
from cms.models import User
from learning.evaluation import scoring, services
from learning.evaluation.models import EvaluationResponse, Instrument, ResearchConsent
from learning.models import ModuleProgress, ReflectionNote
from learning.quizzes import services as quiz_services
from learning.quizzes.models import QuizAttempt
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import place_on
from tests.learning.evaluation_factories import course_evaluation
from tests.learning.factories import module_with_quiz, quiz_with
from tests.security.fuzz import (
    any_text,
    any_value,
    assert_no_hidden_characters,
    assert_refused,
    big_int,
    each_example,
    fuzz,
    nasty,
    number_text,
    rows,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def course(site):
    return CoursePageFactory(parent=CourseIndexPageFactory(parent=site))


@pytest.fixture
def learner(client, user, course):
    cohort = CohortFactory(course=course, start_date=timezone.localdate() - 2 * DAY)
    place_on(cohort, user)
    client.force_login(user)
    return user


@pytest.fixture
def attempt(learner, course):
    quiz = quiz_with(4, questions_per_page=4)
    module = module_with_quiz(course, quiz)
    return quiz_services.start_attempt(user=learner, module=module, quiz_id=quiz.pk)


@pytest.fixture
def other_quiz(db):
    return quiz_with(2)


def ids_of(quiz):
    questions = list(quiz.questions.prefetch_related("choices"))
    return [q.pk for q in questions], [c.pk for q in questions for c in q.choices.all()]


@fuzz(data=st.data(), max_examples=60)
def test_quiz_answers_that_could_not_come_from_the_page(client, attempt, other_quiz, data):
    own_questions, own_choices = ids_of(attempt.quiz)
    other_questions, other_choices = ids_of(other_quiz)
    question = st.one_of(
        st.sampled_from(own_questions + other_questions), big_int, st.integers()
    ).map(lambda q: f"q-{q}")
    choice = st.one_of(st.sampled_from(own_choices + other_choices).map(str), number_text, any_text)
    answers = data.draw(
        st.dictionaries(question, st.lists(choice, max_size=3), max_size=5), label="answers"
    )
    action = data.draw(nasty(st.sampled_from(["next", "previous", "later", "x"])), label="action")
    page = data.draw(st.one_of(number_text, any_text), label="page")
    before = rows(QuizAttempt)
    with each_example():
        response = client.post(
            f"/learning/attempts/{attempt.pk}/?page={page}", {**answers, "action": action}
        )
        saved = QuizAttempt.objects.get(pk=attempt.pk)
        if response.status_code == 302:
            for question_id, chosen in saved.answers.items():
                allowed = {
                    c["id"]
                    for q in saved.snapshot["questions"]
                    for c in q["choices"]
                    if str(q["id"]) == question_id
                }
                assert set(chosen) <= allowed
        else:
            assert_refused(response, (400,))
            assert rows(QuizAttempt) == before


@pytest.fixture
def wave(user, course):
    course_evaluation(course)
    cohort = CohortFactory(course=course, start_date=timezone.localdate() + 10 * DAY)
    place = place_on(cohort, user)
    services.record_consent(user=user, agreed=True)
    return place


def wave_fields():
    return [
        f"i{i.pk}-{item.pk}"
        for i in Instrument.objects.prefetch_related("items")
        for item in scoring.items_for(i, "before")
    ]


@fuzz(data=st.data(), max_examples=50)
def test_evaluation_answers_of_any_shape(client, user, wave, data):
    client.force_login(user)
    names = wave_fields()
    good = {name: "1" for name in names}
    key = st.one_of(st.sampled_from(names), st.builds(lambda a, b: f"i{a}-{b}", big_int, big_int))
    changed = data.draw(st.dictionaries(key, nasty(), min_size=1, max_size=4), label="answers")
    dropped = data.draw(st.sets(st.sampled_from(names), max_size=3), label="missing")
    form = {k: v for k, v in {**good, **changed}.items() if k not in dropped}
    before = rows(EvaluationResponse)
    with each_example():
        response = client.post(f"/account/learning/evaluation/{wave.pk}/before/", form)
        if response.status_code == 302:
            assert_no_hidden_characters(rows(EvaluationResponse))
        else:
            assert_refused(response)
            assert rows(EvaluationResponse) == before


OFFSITE = [
    "0",  # a bare word: redirect() would look it up as a URL name
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    "///evil.example",
]


@fuzz(
    next_url=st.one_of(st.sampled_from(OFFSITE), any_text),
    agreed=nasty(st.sampled_from(["yes", "no", "maybe", ""])),
    via=st.sampled_from(["GET", "POST"]),
    max_examples=40,
)
def test_research_consent_never_redirects_to_another_site(client, user, next_url, agreed, via):
    client.force_login(user)
    url = "/account/research-consent/"
    before = rows(ResearchConsent)
    with each_example():
        if via == "GET":
            response = client.post(url + "?" + _query(next_url), {"agreed": agreed})
        else:
            response = client.post(url, {"agreed": agreed, "next": next_url})
        if response.status_code == 302:
            location = response["Location"]
            assert location.startswith("/") and not location.startswith(("//", "/\\"))
            assert "evil.example" not in location.split("?")[0].split("/")[2:3]
        else:
            assert_refused(response)
            assert rows(ResearchConsent) == before


def _query(next_url):
    from urllib.parse import urlencode

    return urlencode({"next": next_url})


@pytest.mark.parametrize("next_url", OFFSITE)
def test_each_offsite_next_goes_back_to_the_consent_page(client, user, next_url):
    client.force_login(user)
    response = client.post("/account/research-consent/", {"agreed": "yes", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/account/research-consent/"


@fuzz(text=nasty(any_value), max_examples=30)
def test_reflection_notes_of_any_text(client, learner, course, text):
    module = module_with_quiz(course, quiz_with(1))
    before = rows(ReflectionNote, ModuleProgress)
    with each_example():
        response = client.post(f"/learning/modules/{module.pk}/reflection/", {"text": text})
        assert response.status_code == 302
        after = rows(ReflectionNote, ModuleProgress)
        assert_no_hidden_characters(after)
        if after != before:
            note = ReflectionNote.objects.get()
            assert note.text == (text[-1] if isinstance(text, list) else text)


PROFILE_FIELDS = ProfileForm.Meta.fields


@fuzz(fields=st.dictionaries(st.sampled_from(PROFILE_FIELDS), nasty(), min_size=1), max_examples=50)
def test_the_profile_refuses_what_it_cannot_take(client, user, fields):
    client.force_login(user)
    before = rows(User)
    with each_example():
        response = client.post(
            "/account/", {"first_name": "Amara", "last_name": "Okafor", **fields}
        )
        if response.status_code == 302:
            assert_no_hidden_characters(rows(User))
        else:
            assert_refused(response)
            assert rows(User) == before


def test_a_control_character_in_a_name_is_refused_in_plain_words(client, user):
    client.force_login(user)
    response = client.post("/account/", {"first_name": "Amara\x08", "last_name": "Okafor"})
    assert_refused(response)
    assert "hidden control character" in response.content.decode()
