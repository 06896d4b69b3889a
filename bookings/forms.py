"""The booking form: one block of fields per attendee, then the terms."""

import secrets

from django import forms
from django.core.validators import MaxLengthValidator

from bookings.models import normalise_code
from cms.models.users import Profession
from courses.templatetags.courses_tags import pounds

MAX_PLACES = 10


class AttendeeForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the full name of the person attending."},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send joining instructions and access to the course materials here.",
        error_messages={
            "required": "Enter the email address of the person attending.",
            "invalid": "Enter an email address like name@nhs.net.",
        },
    )
    profession = forms.ChoiceField(
        label="Profession",
        choices=[("", "Choose a profession"), *Profession.choices],
        error_messages={"required": "Choose the profession of the person attending."},
    )
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    price_tier = forms.TypedChoiceField(
        label="Price",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the price this person qualifies for.",
            "invalid_choice": "Choose one of the prices offered for this course.",
        },
    )
    requirements = forms.CharField(
        label="Access or dietary requirements (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[MaxLengthValidator(1000)],
    )

    def __init__(self, *args, tiers, in_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price_tier"].choices = [
            (t.pk, f"{t.name}: {pounds(t.price_pence)} ({t.who_qualifies})") for t in tiers
        ]
        if not in_person:
            del self.fields["requirements"]


class BaseAttendeeFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        emails = [f.cleaned_data["email"].lower() for f in self.forms if f.cleaned_data]
        if len(emails) != len(set(emails)):
            raise forms.ValidationError("Each person needs their own email address.")


AttendeeFormSet = forms.formset_factory(
    AttendeeForm,
    formset=BaseAttendeeFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_PLACES,
    validate_min=True,
    validate_max=True,
    absolute_max=MAX_PLACES,
)


class ConfirmForm(forms.Form):
    discount_code = forms.CharField(
        label="Discount code (optional)",
        required=False,
        max_length=40,
        help_text="If your organisation or the course team gave you a code, enter it here.",
    )
    terms = forms.BooleanField(
        label="I agree to the booking terms and the cancellation policy",
        error_messages={"required": "Agree to the booking terms and the cancellation policy."},
    )
    # One token per form shown: a double click or a resubmitted form finds the same order.
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_discount_code(self):
        # Whether the code may be used is for the booking service to say, under lock.
        return normalise_code(self.cleaned_data["discount_code"])

    @staticmethod
    def new_key():
        return secrets.token_urlsafe(24)
