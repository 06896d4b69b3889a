import uuid

from django import forms

from cms.forms import PlainTextForm
from learning.mailings.placeholders import NAMES, unknown_placeholders

EVERYONE, CHOSEN = "everyone", "chosen"


class MessageForm(PlainTextForm, forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(
        max_length=200, error_messages={"required": "Enter a subject for the email."}
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Filled in for each learner: " + ", ".join(f"{{{n}}}" for n in NAMES) + ".",
        error_messages={"required": "Write the message."},
    )
    send_to = forms.ChoiceField(
        choices=[(EVERYONE, "Everyone with a place"), (CHOSEN, "Only the learners I choose")],
        widget=forms.RadioSelect,
        initial=EVERYONE,
        error_messages={"required": "Choose who gets the message."},
    )
    learners = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only if you send to the learners you choose.",
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = list(places)
        self.fields["learners"].choices = [(str(p.pk), p.attendee_name) for p in self.places]
        self.fields["key"].initial = uuid.uuid4().hex

    def clean_subject(self):
        return self.checked(self.cleaned_data["subject"])

    def clean_body(self):
        return self.checked(self.cleaned_data["body"])

    def checked(self, text):
        unknown = unknown_placeholders(text)
        if unknown:
            raise forms.ValidationError(
                f"Remove or correct {', '.join(unknown)}: only these can be filled in: "
                + ", ".join(f"{{{n}}}" for n in NAMES)
                + "."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("send_to") == CHOSEN and not cleaned.get("learners"):
            self.add_error("learners", "Choose at least one learner, or send to everyone.")
        return cleaned

    def recipients(self):
        if self.cleaned_data["send_to"] == EVERYONE:
            return self.places
        chosen = set(self.cleaned_data["learners"])
        return [p for p in self.places if str(p.pk) in chosen]
