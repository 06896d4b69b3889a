import uuid

from django import forms

from certificates.codes import normalise
from certificates.models import StatusReason
from certificates.statuses import ACTIONS
from cms.forms import PlainTextForm


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=40,
        help_text="13 letters and numbers, printed under “Verification code”. Spaces, dashes "
        "and lower case are fine.",
        error_messages={
            "required": "Enter the certificate code",
            "max_length": "A certificate code has 13 letters and numbers: this is too long",
        },
    )

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                "That is not a certificate code: check each character (the last one is a "
                "check character, so a typo shows here)."
            )
        return code


class IssueAllForm(forms.Form):
    """The confirmation: a key, new on each page, so that a double click or a resent form
    is recognised as the same request; and the number the trainer was shown."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    count = forms.IntegerField(widget=forms.HiddenInput, min_value=0)  # as confirmed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].initial = uuid.uuid4().hex


class OverrideForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label="Why is this learner getting a certificate of completion?",
        help_text="Kept on the certificate and shown to staff, for example “Attended Day 3 "
        "with the March cohort instead”.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the reason for issuing the certificate without the rule being met.",
            "max_length": "Shorten the reason to 2,000 characters or fewer.",
        },
    )


class StatusForm(PlainTextForm, forms.Form):
    """Staff suspend, revoke or reinstate a certificate; the choices offered are the ones
    that apply to it as it stands."""

    action = forms.ChoiceField(
        label="What to do",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the certificate"},
    )
    reason = forms.ChoiceField(
        label="Kind of reason",
        choices=[
            ("", "Choose a reason"),
            *[c for c in StatusReason.choices if c[0] != StatusReason.WITHDRAWN],
        ],
        help_text="Shown to anyone who checks the certificate.",
        error_messages={"required": "Choose the kind of reason"},
    )
    note = forms.CharField(
        label="Note for staff",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="What happened and who decided: kept in the certificate's history, never "
        "shown publicly.",
        error_messages={"required": "Write a note saying what happened"},
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a.name, a.verb) for a in actions]

    @property
    def chosen(self):
        return ACTIONS[self.cleaned_data["action"]]


class NameCorrectionForm(PlainTextForm, forms.Form):
    name = forms.CharField(
        label="Your name as it is on your professional register",
        max_length=200,
        help_text="For example as the NMC, GMC or HCPC register shows it.",
        error_messages={
            "required": "Enter your name as it is on your professional register",
            "max_length": "Your name must be 200 characters or fewer",
        },
    )
    note = forms.CharField(
        label="Anything we should know (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example your registration number, or that you changed your name.",
        error_messages={"max_length": "The note must be 1,000 characters or fewer"},
    )

    def __init__(self, *args, current_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.current_name = current_name

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if name == self.current_name:
            raise forms.ValidationError(
                "Enter the corrected name: this is the name your certificate already states"
            )
        return name


class CorrectionDecisionForm(PlainTextForm, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve: re-issue the certificate"), ("decline", "Decline")],
        error_messages={"required": "Choose to approve or decline the correction"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the certificate's history. When you decline, the learner is "
        "emailed this note as the reason.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note"):
            self.add_error("note", "Write the reason the learner will be told")
        return cleaned
