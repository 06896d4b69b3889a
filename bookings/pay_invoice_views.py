"""Paying by invoice: the booker's billing details and PO, the PO sent in later, and the
card link printed on every invoice (for accounts payable, who have no account here)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from bookings.exceptions import BookingError, InvoicingError
from bookings.forms import AddPOForm, InvoiceDetailsForm
from bookings.invoicing.card_link import settle_returned, start_invoice_payment
from bookings.invoicing.issue import awaiting_po
from bookings.invoicing.links import invoice_from_token
from bookings.invoicing.po import pay_by_invoice, record_po
from bookings.models import Order, OrderStatus
from bookings.payments import stripe_gateway
from bookings.views import HttpResponseSeeOther


@login_required
def invoice_details(request, reference):
    """A held booking switched to an invoice: who to invoice, and the PO if there is one."""
    orders = Order.objects.select_related("cohort__course", "organisation")
    order = get_object_or_404(orders, reference=reference, buyer=request.user)
    if order.status != OrderStatus.PENDING:
        return redirect("bookings:order", reference=order.reference)
    form = InvoiceDetailsForm(
        request.POST or None,
        organisation=order.organisation,
        initial=InvoiceDetailsForm.initial_for(order),
    )
    if request.method == "POST" and form.is_valid():
        try:
            order = pay_by_invoice(order_id=order.pk, details=form.cleaned_data, actor=request.user)
        except InvoicingError as error:
            form.add_error(error.field, error.message)
        except BookingError as error:
            messages.error(request, error.message)
            return redirect("bookings:order", reference=order.reference)
        else:
            messages.success(request, _confirmed_message(order))
            return redirect("bookings:order", reference=order.reference)
    context = {"order": order, "form": form}
    return TemplateResponse(request, "bookings/invoice_details.html", context)


def _confirmed_message(order):
    if awaiting_po(order):
        return (
            "Your places are confirmed. Add the purchase order number when you have it: we "
            "send the invoice then."
        )
    return (
        f"Your places are confirmed. We have emailed the invoice to {order.billing.billing_email}."
    )


def _managed_orders(user):
    if user.is_staff and user.has_perm("bookings.manage_order"):  # Finance, admins: not trainers
        return Order.objects.all()
    return Order.objects.filter(Q(buyer=user) | Q(organisation__managers=user)).distinct()


@login_required
def add_po(request, reference):
    """The awaited PO, given by the booker or one of the organisation's managers."""
    orders = _managed_orders(request.user).select_related("cohort__course", "organisation")
    order = get_object_or_404(orders, reference=reference)
    if not awaiting_po(order):
        return redirect("bookings:order", reference=order.reference)
    form = AddPOForm(request.POST or None, organisation=order.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invoice = record_po(
                order_id=order.pk, po_number=form.cleaned_data["po_number"], actor=request.user
            )
        except InvoicingError as error:
            form.add_error("po_number", error.message)
        else:
            messages.success(
                request,
                f"PO recorded. Invoice {invoice.number} is on its way to {invoice.customer_email}.",
            )
            return redirect("bookings:order", reference=order.reference)
    return TemplateResponse(request, "bookings/add_po.html", {"order": order, "form": form})


def _invoice_or_404(token):
    invoice = invoice_from_token(token)
    if invoice is None:
        raise Http404("This payment link is not valid.")
    return invoice


def invoice_pay(request, token):
    """The invoice's own page for paying its balance by card: no account needed."""
    invoice = _invoice_or_404(token)
    if request.GET.get("returned") == "1":
        settle_returned(invoice)
        invoice.refresh_from_db()
    context = {"invoice": invoice, "token": token, "returned": request.GET.get("returned")}
    response = TemplateResponse(request, "bookings/invoice_pay.html", context)
    response._csp_update = {"form-action": [stripe_gateway.checkout_origin()]}
    return response


@require_POST
def invoice_pay_start(request, token):
    invoice = _invoice_or_404(token)
    here = request.build_absolute_uri(reverse("bookings:invoice_pay", args=[token]))
    try:
        url = start_invoice_payment(
            invoice_id=invoice.pk, success_url=here + "?returned=1", cancel_url=here
        )
    except BookingError as error:
        messages.error(request, error.message)
        return redirect("bookings:invoice_pay", token=token)
    return HttpResponseSeeOther(url)
