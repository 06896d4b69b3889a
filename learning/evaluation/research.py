"""The research export: the answers of consenting learners only, pseudonymised, one row per
answered item, and the data dictionary that describes each column.

What it may carry is a short list, read with `.values()` so that nothing else is ever
loaded: the pseudonym, the profession on the place, the cohort's and course's ids, the wave,
the knowledge test's form, and the answers and scores (whole numbers: the waves ask no free
text). Never a name, email, organisation, user or place id, nor a date of submission.

Small cells: within a cohort, a profession held by fewer than `SMALL_CELL` learners in the
export is written as "other", so that nobody can be singled out by their job. A learner who
withdraws consent leaves the export at once (`ResponseQuerySet.for_research`).
"""

from collections import defaultdict
from dataclasses import dataclass

from learning.evaluation.models import EvaluationResponse, Instrument, Kind, Wave

SMALL_CELL = 5
OTHER = "other"
NOT_GIVEN = "not_given"

COLUMNS = [
    (
        "pseudonym",
        "The learner's stable pseudonym: the same in every wave and course, derived with a "
        "secret key. It is not the user id and cannot be turned back into a person.",
    ),
    (
        "profession",
        "The profession given when the place was booked (a code: nurse, midwife, doctor, ahp, "
        "pharmacist, hca, social_worker, manager, student, other, or not_given). Within a "
        f"cohort, a profession held by fewer than {SMALL_CELL} learners in this export is "
        "written as other.",
    ),
    ("cohort", "The cohort's id: one run of a course on given dates."),
    ("course", "The course's id (the 5-day or the 3-week course)."),
    (
        "wave",
        "When the answers were given: before, last_day (on the last day) or follow_up "
        "(three months after the course).",
    ),
    (
        "knowledge_form",
        "The knowledge test's form in this wave: A before the course, B after; "
        "empty when the wave asks no knowledge test.",
    ),
    ("instrument_id", "The instrument's id (a questionnaire or test, the same in every wave)."),
    ("instrument", "The instrument's name."),
    ("instrument_kind", "confidence, knowledge, reaction, retrospective or practice."),
    ("item_id", "The item's id. Knowledge items of form B parallel form A's in order."),
    ("item", "The item's wording as asked."),
    (
        "value",
        "The answer: a point on the instrument's scale, or for a knowledge item the "
        "number of the choice picked (from 1).",
    ),
    (
        "item_score",
        "The item's score: the scale point, or for a knowledge item 1 when the "
        "choice was correct and 0 when not.",
    ),
    (
        "instrument_score",
        "The instrument's score in this wave (its mean, sum or number "
        "correct, as the instrument says); empty when it is not scored.",
    ),
    (
        "knowledge_score",
        "The number of knowledge items answered correctly in this wave "
        "(repeated on each row of the wave); empty when the wave asks no knowledge test.",
    ),
]
HEADER = [name for name, _ in COLUMNS]
WAVE_ORDER = {wave: n for n, wave in enumerate(Wave.values)}


@dataclass(frozen=True)
class Response:
    pseudonym: str
    profession: str
    cohort: int
    course: int
    wave: str
    knowledge_form: str
    answers: dict
    scores: dict


def consenting_responses():
    """The responses the export may use, holding only what it may carry."""
    rows = (
        EvaluationResponse.objects.for_research()
        .values_list(
            "pseudonym",
            "place__profession",
            "cohort_id",
            "cohort__course_id",
            "wave",
            "knowledge_form",
            "answers",
            "scores",
        )
        .order_by("cohort_id", "pseudonym")
    )
    found = [Response(*row) for row in rows]
    return sorted(found, key=lambda r: (r.cohort, r.pseudonym, WAVE_ORDER[r.wave]))


def grouped_professions(responses):
    """{(cohort, pseudonym): profession as exported}, small cells grouped as "other"."""
    learners = defaultdict(set)  # (cohort, profession) -> pseudonyms
    profession_of = {}
    for r in responses:
        profession = r.profession or NOT_GIVEN
        profession_of[(r.cohort, r.pseudonym)] = profession
        learners[(r.cohort, profession)].add(r.pseudonym)
    return {
        key: profession if len(learners[(key[0], profession)]) >= SMALL_CELL else OTHER
        for key, profession in profession_of.items()
    }


def export_rows():
    """The export's rows, after its header `HEADER`: one per answered item."""
    responses = consenting_responses()
    professions = grouped_professions(responses)
    instruments = {i.pk: i for i in Instrument.objects.prefetch_related("items")}
    items = {item.pk: item for i in instruments.values() for item in i.items.all()}
    for r in responses:
        knowledge = [
            r.scores.get(key)
            for key in r.answers
            if int(key) in instruments and instruments[int(key)].kind == Kind.KNOWLEDGE
        ]
        for key, values in r.answers.items():
            instrument = instruments.get(int(key))
            if instrument is None:
                continue  # deleted since (instruments are protected while a wave asks them)
            for item_id, value in sorted(values.items(), key=lambda kv: item_order(items, kv)):
                item = items.get(int(item_id))
                if item is None:
                    continue
                yield [
                    r.pseudonym,
                    professions[(r.cohort, r.pseudonym)],
                    r.cohort,
                    r.course,
                    r.wave,
                    r.knowledge_form,
                    instrument.pk,
                    instrument.name,
                    instrument.kind,
                    item.pk,
                    item.text,
                    value,
                    item_score(instrument, item, value),
                    blank(r.scores.get(key)),
                    blank(knowledge[0] if knowledge else None),
                ]


def item_order(items, pair):
    item = items.get(int(pair[0]))
    return (item.sort_order or 0, item.pk) if item else (0, 0)


def item_score(instrument, item, value):
    if instrument.kind == Kind.KNOWLEDGE:
        return int(value == item.correct_choice)
    return value


def blank(value):
    return "" if value is None else value
