"""The booking form: one block of fields per attendee, then the terms."""

import secrets

from django import forms
from django.core.validators import MaxLengthValidator

from bookings.models import Organisation, PlaceStatus, normalise_code
from cms.models.users import Profession
from courses.models import CoursePage
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


class PayerForm(forms.Form):
    """Who the places are for: an organisation, whose managers will then see them, or none."""

    organisation = forms.ModelChoiceField(
        label="Which organisation are you booking for?",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="None: I am booking for myself",
        help_text="Choose your employer if it is paying or you are booking for colleagues. "
        "Its nominated managers will see these places, and can pass them on to colleagues.",
        error_messages={"invalid_choice": "Choose an organisation from the list, or none."},
    )


class PassOnForm(forms.Form):
    """The colleague who takes the place. The service checks the email's domain."""

    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the full name of the person taking the place."},
    )
    email = forms.EmailField(
        label="Work email address",
        error_messages={
            "required": "Enter the email address of the person taking the place.",
            "invalid": "Enter an email address like name@nhs.net.",
        },
    )
    profession = forms.ChoiceField(
        label="Profession",
        choices=[("", "Choose a profession"), *Profession.choices],
        error_messages={"required": "Choose the profession of the person taking the place."},
    )
    outside_domain = forms.BooleanField(
        label="Allow an email address outside the organisation's domains (staff only)",
        required=False,
    )

    def __init__(self, *args, organisation, staff, **kwargs):
        super().__init__(*args, **kwargs)
        domains = " or ".join(f"@{d}" for d in organisation.domains)
        if domains:
            self.fields["email"].help_text = f"It must end in {domains}."
        if not staff:
            del self.fields["outside_domain"]


class OrganisationBookingsFilter(forms.Form):
    """The managers' page filters; a value that is not on offer is explained and ignored."""

    course = forms.ModelChoiceField(
        label="Course", queryset=None, required=False, empty_label="All courses"
    )
    cohort = forms.ModelChoiceField(
        label="Dates", queryset=None, required=False, empty_label="All dates"
    )
    status = forms.ChoiceField(
        label="Place status", choices=[("", "Any status"), *PlaceStatus.choices], required=False
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.fields["course"].queryset = CoursePage.objects.filter(cohorts__in=cohorts).distinct()

    def filters(self):
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}
