"""The Finance menu: invoices, credit notes and payments received as read-only listings
(their permission policies, in wagtail_hooks, refuse add, change and delete), and the
workspace's own pages — awaiting PO, aged debt, exports, reports."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ActionItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from bookings.finance import MANAGE, VIEW, actions, aged_debt, exports, po, reports
from bookings.finance.columns import CREDIT_NOTE_COLUMNS, INVOICE_COLUMNS, PAYMENT_COLUMNS
from bookings.finance.filters import InvoiceFilterSet
from bookings.models import CreditNote, Invoice, InvoicePayment, InvoiceStatus

OPEN = (InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID)


def index_selecting(*related):
    """An index view whose rows come with `related` in the same query."""

    class IndexView(generic.IndexView):
        def get_base_queryset(self):
            return super().get_base_queryset().select_related(*related)

    return IndexView


class InvoiceIndexView(index_selecting("order__cohort__course")):
    """Each open invoice's menu offers the daily actions, for those who may take them."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in OPEN and self.request.user.has_perm(MANAGE):
            for name, label, icon in (
                ("record_payment", "Record a payment", "success"),
                ("credit", "Issue a credit note", "undo"),
            ):
                url = reverse(f"finance_invoice:{name}", args=[instance.pk])
                buttons.append(ActionItem(label, url=url, icon_name=icon, priority=5))
        return buttons


class InvoiceInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        invoices = Invoice.objects.select_related("order__cohort__course").prefetch_related(
            "lines", "payments", "credit_notes"
        )
        return get_object_or_404(invoices, pk=self.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "overpaid_by": -self.object.balance_pence}


class ReadOnlyViewSet(ModelViewSet):
    """Listing and inspect only. ModelViewSet still routes add/edit/delete, so it needs a
    form; the read-only permission policy refuses those views to everyone."""

    form_fields = []
    add_to_admin_menu = False
    copy_view_enabled = False


class InvoiceViewSet(ReadOnlyViewSet):
    model = Invoice
    icon = "doc-full"
    menu_label = "Invoices"
    url_prefix = "finance/invoices"
    inspect_view_enabled = True
    index_view_class = InvoiceIndexView
    inspect_view_class = InvoiceInspectView
    inspect_template_name = "bookings/admin/finance/invoice_inspect.html"
    list_display = INVOICE_COLUMNS
    filterset_class = InvoiceFilterSet
    search_fields = ["number", "po_number", "customer_name"]
    search_backend_name = None  # not indexed: a plain icontains over these fields
    ordering = ["-issue_date", "-sequence_number"]
    list_export = [
        "number",
        "issue_date",
        "due_date",
        "customer_name",
        "po_number",
        "net_pence",
        "vat_pence",
        "total_pence",
        "paid_pence",
        "credited_pence",
        "status",
    ]
    inspect_view_fields = [
        "number",
        "customer_name",
        "customer_email",
        "po_number",
        "issue_date",
        "tax_point",
        "due_date",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + actions.invoice_urls()


class CreditNoteViewSet(ReadOnlyViewSet):
    model = CreditNote
    icon = "undo"
    menu_label = "Credit notes"
    url_prefix = "finance/credit-notes"
    inspect_view_enabled = True
    inspect_template_name = "bookings/admin/finance/credit_note_inspect.html"
    index_view_class = index_selecting("invoice")
    list_display = CREDIT_NOTE_COLUMNS
    search_fields = ["number", "invoice__number", "po_number", "customer_name"]
    search_backend_name = None
    ordering = ["-issue_date", "-sequence_number"]
    inspect_view_fields = ["number", "invoice", "customer_name", "po_number", "issue_date"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + actions.credit_note_urls()


class PaymentViewSet(ReadOnlyViewSet):
    model = InvoicePayment
    icon = "success"
    menu_label = "Payments received"
    url_prefix = "finance/payments"
    index_view_class = index_selecting("invoice")
    list_display = PAYMENT_COLUMNS
    list_filter = ["method"]
    search_fields = ["reference", "invoice__number", "invoice__customer_name"]
    search_backend_name = None
    ordering = ["-received_on", "-pk"]


class FinancePage(ViewSet):
    """One of the workspace's own pages: a view at the prefix's root (and any extra routes),
    in the Finance menu for those holding `permission`."""

    permission = VIEW
    view = None
    extra_urls = ()

    def get_urlpatterns(self):
        return [path("", self.view, name="index"), *self.extra_urls]

    @property
    def menu_item_class(self):
        permission = self.permission

        class PermittedMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm(permission)

        return PermittedMenuItem


def finance_pages():
    return [
        FinancePage(
            "finance_awaiting_po",
            url_prefix="finance/awaiting-po",
            menu_label="Awaiting PO",
            icon="time",
            view=po.awaiting_po_view,
            extra_urls=[path("<int:pk>/", po.record_po_view, name="record")],
        ),
        FinancePage(
            "finance_aged_debt",
            url_prefix="finance/aged-debt",
            menu_label="Aged debt",
            icon="warning",
            view=aged_debt.aged_debt_view,
            extra_urls=[path("csv/", aged_debt.aged_debt_csv, name="csv")],
        ),
        FinancePage(
            "finance_exports",
            url_prefix="finance/exports",
            menu_label="Exports",
            icon="download",
            view=exports.exports_view,
        ),
        FinancePage(
            "finance_reports",
            url_prefix="finance/reports",
            menu_label="Reports",
            icon="table",
            view=reports.reports_view,
        ),
    ]


class FinanceGroup(ViewSetGroup):
    menu_label = "Finance"
    menu_icon = "doc-full-inverse"
    menu_order = 220

    def __init__(self):
        self.items = [
            InvoiceViewSet("finance_invoice"),
            CreditNoteViewSet("finance_creditnote"),
            PaymentViewSet("finance_payment"),
            *finance_pages(),
        ]
        super().__init__()
