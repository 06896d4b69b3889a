"""Factories for evaluation (kept beside the learning tests): instruments with their items,
and a course evaluation asking confidence and a knowledge test before the course, and
confidence, the knowledge test's form B and reaction on the last day."""

import factory

from learning.evaluation import scoring
from learning.evaluation.models import (
    CourseEvaluation,
    Instrument,
    InstrumentItem,
    WaveInstrument,
)

CONFIDENCE_ITEMS = [
    "Asking someone about suicidal thoughts",
    "Screening for depression with the PHQ-9",
]
# (form, text, choices, correct choice number): the Nth of form B parallels form A's Nth.
KNOWLEDGE_ITEMS = [
    ("A", "What is the range of the PHQ-9 total score?", "0 to 27\n0 to 21\n0 to 10", 1),
    ("A", "Does asking about suicide put the idea in someone's head?", "Yes\nNo", 2),
    ("B", "What is the range of the GAD-7 total score?", "0 to 27\n0 to 21\n0 to 10", 2),
    ("B", "Does asking directly about suicide raise the risk?", "Yes\nNo", 2),
]


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    name = factory.Sequence(lambda n: f"Instrument {n}")
    kind = "confidence"
    prompt = "How confident do you feel doing each of these at work?"
    scale_min = 0
    scale_max = 10
    min_anchor = "Not at all confident"
    max_anchor = "Completely confident"
    scoring = "mean"


class InstrumentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentItem

    instrument = factory.SubFactory(InstrumentFactory)
    text = factory.Sequence(lambda n: f"Skill {n}")
    sort_order = factory.Sequence(int)


def confidence(name="Confidence in each skill"):
    instrument = InstrumentFactory(name=name)
    for text in CONFIDENCE_ITEMS:
        InstrumentItemFactory(instrument=instrument, text=text)
    return instrument


def knowledge(name="Knowledge test"):
    instrument = InstrumentFactory(name=name, kind="knowledge", scoring="correct", prompt="")
    for form, text, choices, correct in KNOWLEDGE_ITEMS:
        InstrumentItemFactory(
            instrument=instrument, form=form, text=text, choices=choices, correct_choice=correct
        )
    return instrument


def reaction(name="Reaction"):
    instrument = InstrumentFactory(
        name=name,
        kind="reaction",
        scale_min=1,
        scale_max=5,
        min_anchor="Strongly disagree",
        max_anchor="Strongly agree",
    )
    InstrumentItemFactory(instrument=instrument, text="The course was relevant to my work")
    return instrument


def course_evaluation(course):
    """Before: confidence and knowledge (form A). Last day: the same, form B, and reaction.
    Instruments are shared between courses, as the admin allows."""
    evaluation = CourseEvaluation.objects.create(course=course)
    found = {i.kind: i for i in Instrument.objects.all()}
    asked = {
        "before": [found.get("confidence") or confidence(), found.get("knowledge") or knowledge()]
    }
    asked["last_day"] = [*asked["before"], found.get("reaction") or reaction()]
    for wave, chosen in asked.items():
        for order, instrument in enumerate(chosen):
            WaveInstrument.objects.create(
                evaluation=evaluation, wave=wave, instrument=instrument, sort_order=order
            )
    return evaluation


def instruments():
    return {i.kind: i for i in Instrument.objects.prefetch_related("items")}


def before_answers(confidence=(3, 4), knowledge=(1, 1)):
    """Answers for the before wave: confidence points, and knowledge choice numbers."""
    found = instruments()
    conf, know = found["confidence"], found["knowledge"]
    conf_items = scoring.items_for(conf, "before")
    know_items = scoring.items_for(know, "before")
    return {
        conf.pk: {item.pk: value for item, value in zip(conf_items, confidence, strict=True)},
        know.pk: {item.pk: value for item, value in zip(know_items, knowledge, strict=True)},
    }
