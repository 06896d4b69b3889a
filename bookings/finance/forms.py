"""Forms for the finance actions. They only read input: the services decide what is
allowed, and their refusals land on the field they name (see `add_service_error`)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput

from bookings.models import ReceiptMethod
from cms.forms import PlainTextForm


def to_pence(pounds):
    return int((pounds * 100).to_integral_value())


def add_service_error(form, error):
    """Put an InvoicingError's message on the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class PaymentForm(PlainTextForm, forms.Form):
    amount = forms.DecimalField(label="Amount received (£)", max_digits=10, decimal_places=2)
    received_on = forms.DateField(
        label="Date received", widget=AdminDateInput, initial=timezone.localdate
    )
    reference = forms.CharField(
        max_length=100, help_text="As it appears on the bank statement, for example BACS 4471."
    )
    method = forms.ChoiceField(choices=ReceiptMethod.choices, initial=ReceiptMethod.BANK_TRANSFER)

    def clean_amount(self):
        return to_pence(self.cleaned_data["amount"])


class CreditNoteForm(PlainTextForm, forms.Form):
    amount = forms.DecimalField(
        label="Amount to credit (£, VAT included)",
        max_digits=10,
        decimal_places=2,
        required=False,
    )
    whole_balance = forms.BooleanField(label="Credit the whole balance still owed", required=False)
    reason = forms.CharField(
        max_length=300, help_text="Printed on the credit note, for example: place cancelled."
    )

    def __init__(self, *args, balance_pence, **kwargs):
        super().__init__(*args, **kwargs)
        self.balance_pence = balance_pence

    def clean(self):
        data = super().clean()
        if data.get("whole_balance"):
            if self.balance_pence <= 0:
                self.add_error("whole_balance", "Nothing is owed on this invoice.")
            data["amount"] = self.balance_pence
        elif data.get("amount") is None:
            if "amount" not in self.errors:
                self.add_error("amount", "Enter an amount, or tick the whole balance.")
        else:
            data["amount"] = to_pence(Decimal(data["amount"]))
        return data


class PORecordForm(PlainTextForm, forms.Form):
    po_number = forms.CharField(label="Purchase order number", max_length=40)
