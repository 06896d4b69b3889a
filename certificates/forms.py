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
