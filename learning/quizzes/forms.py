"""The answer form for one page of an attempt, built from the attempt's snapshot: a radio
group per single-choice or true/false question, a checkbox group per multiple-choice one.
Every question may be left unanswered (it scores no mark), so the only errors are answers
that could not have come from the page."""

from django import forms

from learning import exceptions

PREFIX = "q-"


def field_name(question_id):
    return f"{PREFIX}{question_id}"


class AnswerPageForm(forms.Form):
    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(str(c["id"]), c["text"]) for c in question["choices"]]
            if question["kind"] == "multiple":
                field = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, required=False
                )
            else:
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, required=False)
            field.label = question["text"]
            field.error_messages["invalid_choice"] = exceptions.NOT_A_CHOICE
            field.error_messages["invalid_list"] = exceptions.NOT_A_CHOICE
            self.fields[field_name(question["id"])] = field

    def clean(self):
        # A question that is not on this page (a tampered or stale form) is refused whole.
        unknown = [k for k in self.data if k.startswith(PREFIX) and k not in self.fields]
        if unknown:
            raise forms.ValidationError(exceptions.NOT_IN_ATTEMPT)
        return super().clean()

    def answers(self):
        """{question id: [choice ids]}; an empty list clears a question."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question["id"])) or []
            values = value if isinstance(value, list) else [value]
            answers[question["id"]] = [int(v) for v in values if v]
        return answers

    def rows(self):
        """(question, bound field, selected choice ids) in page order, for the template."""
        for question in self.questions:
            bound = self[field_name(question["id"])]
            value = bound.value() or []
            selected = {str(v) for v in (value if isinstance(value, list) else [value])}
            yield question, bound, selected

    def error_links(self):
        """(message, href) for the error summary: a group's error links to its first input."""
        for error in self.non_field_errors():
            yield error, ""
        for name, errors in self.errors.items():
            if name != "__all__":
                for error in errors:
                    yield error, f"#{self[name].auto_id}_0"


def initial_for(attempt, questions):
    """The answers the learner saved before, as form data."""
    return {
        field_name(q["id"]): [str(c) for c in attempt.answers.get(str(q["id"]), [])]
        if q["kind"] == "multiple"
        else next((str(c) for c in attempt.answers.get(str(q["id"]), [])), None)
        for q in questions
    }
