import uuid

from django import forms

from certificates.codes import normalise


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=40,
        help_text="13 letters and numbers, printed under “Verification code”. Spaces, dashes "
        "and lower case are fine.",
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


class OverrideForm(forms.Form):
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
