"""The learner's forms: research consent, and one wave's questions built from its instruments
(a radio group per item: the scale's points, or a knowledge item's choices). The service checks
everything again; the form is there to put each error beside its question."""

from django import forms

from learning import exceptions
from learning.evaluation import scoring

CONSENT_CHOICES = [
    ("yes", "Yes, my answers may be used for research and audit, without my name"),
    ("no", "No, do not use my answers for research or audit"),
]


class ErrorLinks:
    def error_links(self):
        """(message, href) for the error summary: a radio group links to its first option."""
        for error in self.non_field_errors():
            yield error, ""
        for name, errors in self.errors.items():
            if name != "__all__":
                for error in errors:
                    yield error, f"#{self[name].auto_id}_0"


class ConsentForm(ErrorLinks, forms.Form):
    agreed = forms.ChoiceField(
        choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no"},
    )


def field_name(instrument, item):
    return f"i{instrument.pk}-{item.pk}"


class WaveForm(ErrorLinks, forms.Form):
    def __init__(self, instruments, wave, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = [(i, scoring.items_for(i, wave)) for i in instruments]
        for instrument, items in self.sections:
            for item in items:
                self.fields[field_name(instrument, item)] = item_field(instrument, item)

    def clean(self):
        # An item that is not on this page (a tampered or stale form) is refused whole.
        unknown = [k for k in self.data if k.startswith("i") and k[1:2].isdigit()]
        if any(k not in self.fields for k in unknown):
            raise forms.ValidationError(exceptions.NOT_IN_WAVE)
        return super().clean()

    def answers(self):
        """{instrument id: {item id: value}}, leaving out optional items left blank."""
        return {
            instrument.pk: {
                item.pk: int(value)
                for item in items
                if (value := self.cleaned_data.get(field_name(instrument, item)))
            }
            for instrument, items in self.sections
        }

    def rows(self):
        """(instrument, hint, [(item, bound field)]) for the template."""
        for instrument, items in self.sections:
            fields = [(item, self[field_name(instrument, item)]) for item in items]
            yield instrument, scale_hint(instrument), fields


def scale_hint(instrument):
    """What the ends of a rating scale mean, e.g. "0 means not at all confident, 10 means
    completely confident"; nothing for a knowledge test."""
    if instrument.is_knowledge or not (instrument.min_anchor and instrument.max_anchor):
        return ""
    low = f"{instrument.scale_min} means {instrument.min_anchor.lower()}"
    return f"{low}, {instrument.scale_max} means {instrument.max_anchor.lower()}"


def item_field(instrument, item):
    if instrument.is_knowledge:
        choices = [(str(n), text) for n, text in enumerate(item.choice_list, start=1)]
        required = f"Select an answer to “{item.text}”"
    else:
        points = range(instrument.scale_min, instrument.scale_max + 1)
        choices = [(str(n), str(n)) for n in points]
        low, high = instrument.scale_min, instrument.scale_max
        # Each message names its question: a summary of identical lines helps nobody.
        required = f"Choose a number between {low} and {high} for “{item.text}”"
    return forms.ChoiceField(
        label=item.text,
        choices=choices,
        widget=forms.RadioSelect,
        required=not instrument.optional,
        error_messages={"required": required, "invalid_choice": exceptions.OUT_OF_RANGE},
    )
