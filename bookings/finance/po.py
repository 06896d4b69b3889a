"""Invoice bookings confirmed without their purchase order: how long each has waited, and
recording the PO when it arrives (which issues the invoice).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from bookings.exceptions import InvoicingError
from bookings.finance import MANAGE, VIEW
from bookings.finance.forms import PORecordForm, add_service_error
from bookings.invoicing.po import awaiting_po_orders, record_po


def days_waiting(order, today):
    since = order.waiting_since or order.created_at
    return (today - timezone.localtime(since).date()).days


def awaiting_po_view(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    today = timezone.localdate()
    orders = list(awaiting_po_orders())
    for order in orders:
        order.days_waiting = days_waiting(order, today)
    return TemplateResponse(
        request,
        "bookings/admin/finance/awaiting_po.html",
        {
            "title": "Awaiting PO",
            "icon": "time",
            "orders": orders,
            "can_record": request.user.has_perm(MANAGE),
        },
    )


def record_po_view(request, pk):
    """GET shows the form for one booking; POST records the PO and issues the invoice."""
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    order = get_object_or_404(awaiting_po_orders(), pk=pk)
    form = PORecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invoice = record(request, order, form)
        if invoice is not None:
            messages.success(request, f"PO recorded; invoice {invoice.number} issued.")
            return redirect(reverse("finance_awaiting_po:index"))
    return TemplateResponse(
        request,
        "bookings/admin/finance/record_po.html",
        {
            "title": "Record a purchase order",
            "subtitle": order.reference,
            "icon": "time",
            "order": order,
            "form": form,
        },
    )


def record(request, order, form):
    try:
        return record_po(
            order_id=order.pk, po_number=form.cleaned_data["po_number"], actor=request.user
        )
    except InvoicingError as error:
        add_service_error(form, error)
        return None
