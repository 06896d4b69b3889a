"""Instruments and course evaluations are written in the Wagtail admin: items inline, knowledge
items refused unless they can be scored; trainers may look but not change."""

import pytest
from django.urls import reverse

from learning.evaluation.models import Instrument
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory
from tests.learning.evaluation_factories import course_evaluation

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_learning_instrument:add"


def signed_in(client, user):
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)


def instrument_form(kind, items):
    """The admin form's data; `items`: [(text, form, choices, correct)]."""
    data = {
        "name": "Knowledge test",
        "kind": kind,
        "prompt": "",
        "scale_min": "0",
        "scale_max": "10",
        "scoring": "correct",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "1",
        "items-MAX_NUM_FORMS": "1000",
    }
    for n, (text, form, choices, correct) in enumerate(items):
        data |= {
            f"items-{n}-text": text,
            f"items-{n}-form": form,
            f"items-{n}-choices": choices,
            f"items-{n}-correct_choice": correct,
            f"items-{n}-ORDER": str(n + 1),
        }
    return data


def test_a_knowledge_test_is_written_with_items_inline(client):
    signed_in(client, StaffUserFactory())
    items = [("What is the range of the PHQ-9?", "A", "0 to 27\n0 to 21", "1")]
    response = client.post(reverse(ADD), instrument_form("knowledge", items))
    assert response.status_code == 302
    item = Instrument.objects.get().items.get()
    assert (item.form, item.choice_list, item.correct_choice) == ("A", ["0 to 27", "0 to 21"], 1)


@pytest.mark.parametrize(
    ("kind", "item", "message"),
    [
        ("knowledge", ("PHQ-9 range?", "A", "0 to 27", "1"), "at least two choices"),
        ("knowledge", ("PHQ-9 range?", "A", "0 to 27\n0 to 21", "3"), "number (1 to 2)"),
        ("knowledge", ("PHQ-9 range?", "", "0 to 27\n0 to 21", "1"), "form A or form B"),
        ("confidence", ("Asking about suicide", "", "Yes\nNo", ""), "Only knowledge items"),
        ("confidence", ("Asking about suicide", "A", "", ""), "forms A and B"),
    ],
)
def test_an_item_that_cannot_be_answered_or_scored_is_refused(client, kind, item, message):
    signed_in(client, StaffUserFactory())
    response = client.post(reverse(ADD), instrument_form(kind, [item]))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Instrument.objects.exists()


def test_every_evaluation_admin_screen_opens(client, course):
    evaluation = course_evaluation(course)
    signed_in(client, StaffUserFactory())
    instrument = Instrument.objects.first()
    for url in [
        reverse("wagtailsnippets_learning_instrument:list"),
        reverse("wagtailsnippets_learning_instrument:edit", args=[instrument.pk]),
        reverse("wagtailsnippets_learning_courseevaluation:list"),
        reverse("wagtailsnippets_learning_courseevaluation:edit", args=[evaluation.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_trainers_may_look_at_instruments_but_not_change_them(client, trainer_user):
    from django.contrib.auth.models import Group

    from cms.groups import sync_groups

    sync_groups()
    trainer_user.groups.add(Group.objects.get(name="Trainers"))
    signed_in(client, trainer_user)
    assert client.get(reverse("wagtailsnippets_learning_instrument:list")).status_code == 200
    assert client.get(reverse(ADD)).status_code in (302, 403)


def evaluation_form(course, rows):
    """The admin form's data for a course evaluation; `rows`: [(wave, instrument)]."""
    data = {
        "course": str(course.pk),
        "wave_instruments-TOTAL_FORMS": str(len(rows)),
        "wave_instruments-INITIAL_FORMS": "0",
        "wave_instruments-MIN_NUM_FORMS": "0",
        "wave_instruments-MAX_NUM_FORMS": "1000",
    }
    for n, (wave, instrument) in enumerate(rows):
        data |= {
            f"wave_instruments-{n}-wave": wave,
            f"wave_instruments-{n}-instrument": str(instrument.pk),
            f"wave_instruments-{n}-ORDER": str(n + 1),
        }
    return data


EVALUATION_ADD = "wagtailsnippets_learning_courseevaluation:add"


def test_a_course_evaluation_is_set_with_its_waves_inline(client, course):
    from learning.evaluation.models import CourseEvaluation
    from tests.learning.evaluation_factories import confidence, knowledge

    signed_in(client, StaffUserFactory())
    test = knowledge()
    rows = [("before", confidence()), ("before", test), ("last_day", test)]
    response = client.post(reverse(EVALUATION_ADD), evaluation_form(course, rows))
    assert response.status_code == 302
    asked = CourseEvaluation.objects.get(course=course).wave_instruments.order_by("sort_order")
    assert [(r.wave, r.instrument.kind) for r in asked] == [
        ("before", "confidence"),
        ("before", "knowledge"),
        ("last_day", "knowledge"),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (lambda f: [("before", f.retrospective)], "can only be asked after"),
        (lambda f: [("last_day", f.practice)], "asked at three months"),
        (lambda f: [("before", f.only_form_a), ("last_day", f.only_form_a)], "no items"),
        (lambda f: [("before", f.confidence), ("before", f.confidence)], "already in"),
    ],
)
def test_a_wave_that_could_not_be_asked_is_refused(client, course, rows, message):
    from types import SimpleNamespace

    from learning.evaluation.models import CourseEvaluation
    from tests.learning.evaluation_factories import (
        InstrumentFactory,
        InstrumentItemFactory,
        confidence,
    )

    only_form_a = InstrumentFactory(name="Form A only", kind="knowledge", scoring="correct")
    InstrumentItemFactory(instrument=only_form_a, form="A", choices="Yes\nNo", correct_choice=1)
    made = SimpleNamespace(
        confidence=confidence(),
        retrospective=InstrumentItemFactory(instrument__kind="retrospective").instrument,
        practice=InstrumentItemFactory(instrument__kind="practice").instrument,
        only_form_a=only_form_a,
    )
    signed_in(client, StaffUserFactory())
    response = client.post(reverse(EVALUATION_ADD), evaluation_form(course, rows(made)))
    assert response.status_code == 200 and message in response.content.decode()
    assert not CourseEvaluation.objects.exists()
