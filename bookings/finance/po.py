"""Invoice bookings confirmed without their purchase order: how long each has waited, and
recording the PO when it arrives (which issues the invoice).

Recording goes through `bookings.invoicing.po.record_po`, imported when used: where that
module is not installed yet, the list still shows and the form says so rather than
recording anything another way.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from bookings.exceptions import InvoicingError
from bookings.finance import MANAGE, VIEW
from bookings.finance.forms import PORecordForm, add_service_error
from bookings.models import Order, OrderStatus, PaymentMethod, PlaceStatus

NOT_INSTALLED = (
    "Recording a purchase order is not available yet on this site: the PO module "
    "(bookings.invoicing.po) is missing. Nothing was recorded."
)


def awaiting_po_orders():
    return (
        Order.objects.filter(
            payment_method=PaymentMethod.INVOICE,
            status=OrderStatus.CONFIRMED,
            billing__po_number="",
            invoices__isnull=True,
        )
        .select_related("billing", "organisation", "cohort__course")
        .annotate(
            waiting_since=Coalesce("billing__po_requested_at", F("confirmed_at")),
            place_count=Count("places", filter=Q(places__status=PlaceStatus.CONFIRMED)),
        )
        .order_by("waiting_since", "pk")
    )


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
        from bookings.invoicing.po import record_po
    except ImportError:
        form.add_error(None, NOT_INSTALLED)
        return None
    try:
        return record_po(
            order_id=order.pk, po_number=form.cleaned_data["po_number"], actor=request.user
        )
    except InvoicingError as error:
        add_service_error(form, error)
        return None
