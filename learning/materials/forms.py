from django import forms

from cms.forms import PlainTextForm
from learning.materials.validators import allowed_names, check_upload, max_bytes


class MaterialForm(PlainTextForm, forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="What learners will see, for example ‘Day 1 slides: depression and the PHQ-9’.",
        error_messages={"required": "Enter a title for the file."},
    )
    description = forms.CharField(
        max_length=500,
        required=False,
        help_text="Optional: a sentence on when to use it.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    file = forms.FileField(
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file you chose is empty.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = max_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"{allowed_names()}. Up to {limit} MB."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["kind"] = check_upload(upload)
        return upload
