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


class TermsForm(forms.Form):
    terms = forms.BooleanField(
        label="I agree to the booking terms and the cancellation policy",
        error_messages={"required": "Agree to the booking terms and the cancellation policy."},
    )


class ConfirmForm(TermsForm):
    discount_code = forms.CharField(
        label="Discount code (optional)",
        required=False,
        max_length=40,
        help_text="If your organisation or the course team gave you a code, enter it here.",
    )
    # One token per form shown: a double click or a resubmitted form finds the same order.
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = ["discount_code", "terms", "submission_key"]

    def clean_discount_code(self):
        # Whether the code may be used is for the booking service to say, under lock.
        return normalise_code(self.cleaned_data["discount_code"])

    @staticmethod
    def new_key():
        return secrets.token_urlsafe(24)


class CancelPlacesForm(forms.Form):
    places = forms.TypedMultipleChoiceField(
        label="Which places do you want to cancel?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one place to cancel.",
            "invalid_choice": "Choose places from this booking that can still be cancelled.",
        },
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].choices = [
            (place.pk, f"{place.attendee_name}: {pounds(quote.amount_pence)} back")
            for place, quote in rows
        ]


class TransferForm(forms.Form):
    cohort = forms.TypedChoiceField(
        label="Which date do you want instead?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the date you want to move to.",
            "invalid_choice": "Choose one of the dates shown: the one you chose may have filled.",
        },
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [(o.cohort.pk, o.label) for o in options]


class JoinWaitingListForm(forms.Form):
    places_wanted = forms.TypedChoiceField(
        label="How many places do you need?",
        help_text="For yourself, or for colleagues too. We offer places only when there are "
        "enough for everyone you ask for.",
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_PLACES + 1)],
        error_messages={
            "required": "Choose how many places you need.",
            "invalid_choice": f"Choose a number of places from 1 to {MAX_PLACES}.",
        },
    )
    any_cohort = forms.BooleanField(
        label="Offer me places on another date of this course if they come up first",
        required=False,
    )
