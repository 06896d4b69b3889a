from django import forms

from cms.forms import PlainTextForm


class ReflectionForm(PlainTextForm, forms.Form):
    # strip=False: the note is saved exactly as the learner typed it.
    text = forms.CharField(
        label="Your notes",
        help_text="Only you can see these notes: not your trainers, not other learners.",
        required=False,
        strip=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
