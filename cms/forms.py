from django import forms

from cms.erasure import choices_for
from cms.models import User
from cms.validators import validate_plain_text, validate_single_line


class PlainTextForm:
    """Mixed into a form (before forms.Form): every text field refuses hidden control
    characters, and one-line fields line breaks too. Passwords are left as typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField):
                continue
            if isinstance(field.widget, forms.PasswordInput):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators.append(validate_plain_text if multiline else validate_single_line)


class SignupForm(PlainTextForm, forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup`)."""

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(PlainTextForm, forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "certificate_name",
            "profession",
            "job_title",
            "organisation",
            "registration_body",
            "registration_number",
            "staff_number",
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("registration_number") and not data.get("registration_body"):
            self.add_error(
                "registration_body", "Select the body you are registered with, or clear the number."
            )
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my account and learning records will be deleted.",
        error_messages={"required": "Confirm that you want to delete your account."},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # The questions downstream apps ask (cms.erasure), before the password.
        for choice in choices_for(user):
            self.fields[choice.name] = forms.ChoiceField(
                label=choice.question,
                help_text=choice.hint,
                choices=choice.options,
                widget=forms.RadioSelect,
                error_messages={"required": choice.error},
            )
        self.order_fields([c.name for c in choices_for(user)] + ["password", "confirm"])

    @property
    def erasure_choices(self):
        return {c.name: self.cleaned_data[c.name] for c in choices_for(self.user)}

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Check it and try again.")
        return password
