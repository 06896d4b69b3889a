"""The booking form: one block of fields per attendee, then the terms."""

import re
import secrets

from django import forms
from django.core.validators import MaxLengthValidator

from bookings.models import BillingDetails, Organisation, PlaceStatus, normalise_code
from bookings.models.organisations import ods_code_validator
from cms.forms import PlainTextForm
from cms.models.users import Profession
from cms.validators import normalise_vat_number, validate_vat_number
from courses.models import CoursePage
from courses.templatetags.courses_tags import pounds

MAX_PLACES = 10


class AttendeeForm(PlainTextForm, forms.Form):
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


class TermsForm(PlainTextForm, forms.Form):
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


class PassOnForm(PlainTextForm, forms.Form):
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


UK_POSTCODE_RE = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"


class InvoiceDetailsForm(PlainTextForm, forms.ModelForm):
    """Who the invoice goes to. The PO is checked against the organisation's own format."""

    class Meta:
        model = BillingDetails
        fields = [
            "organisation_name",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "ods_code",
            "billing_email",
            "po_number",
            "vat_number",
        ]
        labels = {
            "organisation_name": "Organisation to invoice",
            "address_line_1": "Billing address line 1",
            "address_line_2": "Billing address line 2 (optional)",
            "ods_code": "NHS organisation code (optional)",
            "billing_email": "Email address for invoices",
            "vat_number": "Organisation's VAT number (optional)",
        }
        help_texts = {
            "ods_code": "The ODS code, like RXX or A81001, if it is an NHS organisation.",
            "billing_email": "Usually accounts payable: we send the invoice here and to you.",
        }
        error_messages = {
            "organisation_name": {"required": "Enter the name of the organisation to invoice."},
            "address_line_1": {"required": "Enter the first line of the billing address."},
            "town": {"required": "Enter the town or city of the billing address."},
            "postcode": {"required": "Enter the postcode of the billing address."},
            "billing_email": {
                "required": "Enter the email address invoices should go to.",
                "invalid": "Enter an email address like accounts.payable@nhs.net.",
            },
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["ods_code"].validators.append(ods_code_validator)
        self.fields["vat_number"].validators.append(validate_vat_number)
        po = self.fields["po_number"]
        if organisation and organisation.po_required:
            po.label = "Purchase order (PO) number"
            po.help_text = (
                f"{organisation.name} needs a PO on every invoice"
                + (f" ({organisation.po_format_hint})" if organisation.po_format_hint else "")
                + ". If you do not have it yet, leave this blank: your places are confirmed "
                "now and the invoice is sent when you add the number."
            )
        else:
            po.label = "Purchase order (PO) number (optional)"

    @classmethod
    def initial_for(cls, order):
        org = order.organisation
        if org is None:
            return {}
        return {
            "organisation_name": org.name,
            "address_line_1": org.address_line_1,
            "address_line_2": org.address_line_2,
            "town": org.town,
            "postcode": org.postcode,
            "ods_code": org.ods_code,
            "billing_email": org.billing_email,
            "vat_number": org.vat_number,
        }

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if not re.match(UK_POSTCODE_RE, postcode):
            raise forms.ValidationError("Enter a real postcode, like SE5 9RS.")
        return postcode

    def clean_ods_code(self):
        return self.cleaned_data["ods_code"].strip().upper()

    def clean_vat_number(self):
        return normalise_vat_number(self.cleaned_data["vat_number"])

    def clean_po_number(self):
        from bookings.invoicing.po import check_po

        po_number = self.cleaned_data["po_number"].strip().upper()
        problem = check_po(self.organisation, po_number)
        if problem:
            raise forms.ValidationError(problem)
        return po_number


class AddPOForm(PlainTextForm, forms.Form):
    po_number = forms.CharField(
        label="Purchase order (PO) number",
        max_length=40,
        error_messages={"required": "Enter the purchase order number."},
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if organisation and organisation.po_format_hint:
            self.fields["po_number"].help_text = f"Format: {organisation.po_format_hint}."

    def clean_po_number(self):
        from bookings.invoicing.po import check_po

        po_number = self.cleaned_data["po_number"].strip().upper()
        problem = check_po(self.organisation, po_number)
        if problem:
            raise forms.ValidationError(problem)
        return po_number
