"""What finance does to an invoice: record a payment, issue a credit note, resend it, and
download its PDF or XML. Each calls one service and shows the service's own message.

The PDF, XML and email are built in `bookings.invoicing.documents`, `.ubl` and `.delivery`;
they are imported when used, so this page works (and says so plainly) where those modules
are not installed yet.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from bookings.exceptions import InvoicingError
from bookings.finance import MANAGE, VIEW
from bookings.finance.forms import CreditNoteForm, PaymentForm, add_service_error
from bookings.forms import InvoiceDetailsForm
from bookings.invoicing import ubl
from bookings.invoicing.delivery import resend
from bookings.invoicing.documents import ensure_pdf
from bookings.invoicing.issue import issue_credit_note, reissue_with_details
from bookings.invoicing.receipts import record_payment
from bookings.models import BillingDetails, CreditNote, Invoice
from courses.templatetags.courses_tags import pounds


def inspect_url(invoice):
    return reverse("finance_invoice:inspect", args=[invoice.pk])


class InvoiceActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "bookings/admin/finance/action_form.html"
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        if not request.user.has_perm(MANAGE):
            raise PermissionDenied
        self.invoice = get_object_or_404(Invoice, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return f"{self.invoice.number}: {self.invoice.customer_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            invoice=self.invoice,
            action_url=self.request.path,
            submit_button_label=self.submit_label,
            back_url=inspect_url(self.invoice),
        )
        return context

    def form_valid(self, form):
        try:
            message = self.act(form.cleaned_data)
        except InvoicingError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(inspect_url(self.invoice))


class RecordPaymentView(InvoiceActionView):
    form_class = PaymentForm
    page_title = "Record a payment"
    submit_label = "Record the payment"

    def act(self, data):
        payment = record_payment(
            invoice_id=self.invoice.pk,
            amount_pence=data["amount"],
            received_on=data["received_on"],
            reference=data["reference"],
            method=data["method"],
            actor=self.request.user,
        )
        invoice = payment.invoice
        if invoice.overpaid:
            messages.warning(
                self.request,
                f"{invoice.number} is overpaid by {pounds(-invoice.balance_pence)}: "
                "the customer is owed a refund.",
            )
        return (
            f"{pounds(payment.amount_pence)} recorded on {invoice.number}; "
            f"it is now {invoice.display_status().lower()}."
        )


class CorrectDetailsView(InvoiceActionView):
    """An address or PO was wrong: credit the invoice and issue it again, corrected."""

    form_class = InvoiceDetailsForm
    page_title = "Correct the customer details"
    submit_label = "Credit and re-issue"

    def get_form_kwargs(self):
        billing = get_object_or_404(BillingDetails, order_id=self.invoice.order_id)
        kwargs = super().get_form_kwargs()
        kwargs.update(organisation=self.invoice.order.organisation, initial=model_to_dict(billing))
        return kwargs

    def act(self, data):
        new = reissue_with_details(
            invoice_id=self.invoice.pk, details=data, actor=self.request.user
        )
        self.invoice = new  # back to the new invoice's page
        return f"{new.number} issued to the corrected details; the old one is credited in full."


class CreditNoteView(InvoiceActionView):
    form_class = CreditNoteForm
    page_title = "Issue a credit note"
    submit_label = "Issue the credit note"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "balance_pence": self.invoice.balance_pence}

    def act(self, data):
        note = issue_credit_note(
            invoice_id=self.invoice.pk,
            amount_pence=data["amount"],
            reason=data["reason"],
            actor=self.request.user,
        )
        return f"Credit note {note.number} for {pounds(note.total_pence)} issued."


@require_POST
def resend_view(request, pk):
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    invoice = get_object_or_404(Invoice, pk=pk)
    resend(invoice, actor=request.user)
    messages.success(request, f"{invoice.number} is on its way to {invoice.customer_email}.")
    return redirect(inspect_url(invoice))


def document_download(model, kind):
    """A view sending one document's PDF (rendered first if it was never stored) or XML."""

    def view(request, pk):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        document = get_object_or_404(model, pk=pk)
        content, content_type = render_document(document, kind)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{document.number}.{kind}"'
        return response

    return view


def render_document(document, kind):
    if kind == "pdf":
        with ensure_pdf(document).open("rb") as stored:
            return stored.read(), "application/pdf"
    if isinstance(document, Invoice):
        return ubl.invoice_xml(document), "application/xml"
    return ubl.credit_note_xml(document), "application/xml"


def invoice_urls():
    return [
        path("<int:pk>/payment/", RecordPaymentView.as_view(), name="record_payment"),
        path("<int:pk>/credit/", CreditNoteView.as_view(), name="credit"),
        path("<int:pk>/correct/", CorrectDetailsView.as_view(), name="correct"),
        path("<int:pk>/resend/", resend_view, name="resend"),
        path("<int:pk>/pdf/", document_download(Invoice, "pdf"), name="pdf"),
        path("<int:pk>/xml/", document_download(Invoice, "xml"), name="xml"),
    ]


def credit_note_urls():
    return [
        path("<int:pk>/pdf/", document_download(CreditNote, "pdf"), name="pdf"),
        path("<int:pk>/xml/", document_download(CreditNote, "xml"), name="xml"),
    ]
