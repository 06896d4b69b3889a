"""What a wave asks of each instrument, and scoring the answers on the server.

Knowledge tests come in two parallel forms: form A before the course, form B after it, so a
gain is not just having seen the same questions. Every other instrument asks all its items
in every wave, so answers can be compared item by item.
"""

from learning.evaluation.models import Form, Scoring, Wave


def knowledge_form(wave):
    return Form.A if wave == Wave.BEFORE else Form.B


def items_for(instrument, wave):
    """The items the instrument asks in the wave, in order (`items` prefetched or not)."""
    items = sorted(instrument.items.all(), key=lambda item: (item.sort_order or 0, item.pk))
    wanted = knowledge_form(wave) if instrument.is_knowledge else Form.BOTH
    return [item for item in items if item.form == wanted]


def allowed_values(instrument, item):
    """The answers an item accepts: the scale's points, or the choice numbers (from 1)."""
    if instrument.is_knowledge:
        return range(1, len(item.choice_list) + 1)
    return range(instrument.scale_min, instrument.scale_max + 1)


def score(instrument, items, answers):
    """The instrument's score from {item id: value}; None when not scored or unanswered."""
    if instrument.scoring == Scoring.CORRECT:
        return sum(1 for item in items if answers.get(item.pk) == item.correct_choice)
    values = [answers[item.pk] for item in items if answers.get(item.pk) is not None]
    if instrument.scoring == Scoring.NONE or not values:
        return None
    if instrument.scoring == Scoring.SUM:
        return sum(values)
    return round(sum(values) / len(values), 2)
