"""Bookings in the Wagtail admin: orders (a listing with filters and search, each order's
timeline, and staff actions), the waiting lists, and discount codes (admins and finance only)."""

from django import forms
from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from bookings import admin_views, waiting_admin_views
from bookings.admin_forms import DiscountCodeForm, OrganisationForm
from bookings.finance.viewsets import FinanceGroup
from bookings.models import (
    CreditNote,
    DiscountCode,
    Invoice,
    InvoicePayment,
    Order,
    Organisation,
    WaitingListEntry,
)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Orders change only through services (holds, payments, refunds), never by hand-editing."""

    WRITES = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class KeptPolicy(ReadOnlyPolicy):
    """Organisations are kept: orders, and later invoices, refer to them."""

    WRITES = {"delete"}


register_permission_policy(Order, ReadOnlyPolicy(Order))
# Entries change through the learner's actions and offers, never by hand-editing.
register_permission_policy(WaitingListEntry, ReadOnlyPolicy(WaitingListEntry))
register_permission_policy(Organisation, KeptPolicy(Organisation))
# An issued invoice or credit note is never edited, and money received changes only
# through record_payment: the finance listings are read-only, actions go through services.
for model in (Invoice, CreditNote, InvoicePayment):
    register_permission_policy(model, ReadOnlyPolicy(model))


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "tasks"
    menu_label = "Orders"
    url_prefix = "bookings/orders"
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = ["reference"]
    list_display = [
        "reference",
        "buyer_name",
        "organisation",
        "cohort",
        "status",
        "payment_method",
        "created_at",
    ]
    list_filter = ["status", "payment_method", "cohort__course", "organisation"]
    search_fields = ["reference", "buyer_name", "buyer_email", "places__attendee_name"]
    list_export = [
        "reference",
        "buyer_name",
        "buyer_email",
        "organisation",
        "cohort",
        "status",
        "payment_method",
        "subtotal_pence",
        "discount_pence",
        "discount_code",
        "vat_pence",
        "total_pence",
        "created_at",
    ]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "reference",
        "buyer_name",
        "buyer_email",
        "organisation",
        "organisation",
        "cohort",
        "status",
        "payment_method",
        "subtotal_pence",
        "discount_pence",
        "discount_code",
        "vat_pence",
        "total_pence",
        "hold_expires_at",
        "created_at",
        "confirmed_at",
    ]
    inspect_template_name = "bookings/admin/order_inspect.html"


class WaitingListViewSet(ModelViewSet):
    model = WaitingListEntry
    icon = "list-ol"
    menu_label = "Waiting lists"
    url_prefix = "bookings/waiting-lists"
    add_to_admin_menu = False
    index_view_class = waiting_admin_views.WaitingListIndexView
    inspect_view_class = waiting_admin_views.WaitingListInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["places_wanted"]
    list_display = [
        "name",
        waiting_admin_views.QUEUE_COLUMN,
        "cohort",
        "places_wanted",
        "any_cohort",
        "status",
        "created_at",
        "offer_expires_at",
    ]
    list_filter = ["cohort", "status"]
    search_fields = ["name", "email"]
    ordering = ["created_at", "pk"]
    list_export = [
        "name",
        "email",
        "cohort",
        "places_wanted",
        "any_cohort",
        "status",
        "created_at",
        "offered_at",
        "offered_cohort",
        "offer_expires_at",
    ]
    inspect_view_fields = list_export + [
        "order",
        "offer_emailed_at",
        "offer_link_used_at",
        "closed_at",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("offer/<int:pk>/", waiting_admin_views.offer_view, name="offer")
        ]


class DiscountCodeViewSet(ModelViewSet):
    """Shown to users with the discount code permissions (superusers, the Finance group);
    the menu item and every view check them, so trainers never see it."""

    model = DiscountCode
    icon = "tag"
    menu_label = "Discount codes"
    url_prefix = "bookings/discount-codes"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["code", "discount_label", "validity_label", "usage_label", "active"]
    list_filter = ["active", "kind"]
    search_fields = ["code", "description"]
    list_export = [
        "code",
        "description",
        "kind",
        "value",
        "valid_from",
        "valid_to",
        "usage_limit",
        "times_used",
        "active",
    ]
    ordering = ["code"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("active")]),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
            FieldPanel("usage_limit"),
            MultiFieldPanel(
                [
                    FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("price_tiers", widget=forms.CheckboxSelectMultiple),
                ],
                heading="What it applies to",
            ),
        ],
        base_form_class=DiscountCodeForm,
    )


class OrganisationViewSet(ModelViewSet):
    """For admins and Finance (who hold the organisation permissions); not for trainers."""

    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    url_prefix = "bookings/organisations"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["name", "kind", "ods_code", "billing_email", "po_required"]
    list_filter = ["kind", "po_required"]
    search_fields = ["name", "ods_code", "email_domains", "billing_email"]
    list_export = [
        "name",
        "kind",
        "ods_code",
        "email_domains",
        "billing_contact_name",
        "billing_email",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "po_required",
        "po_format_hint",
    ]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("ods_code")]),
            FieldPanel("email_domains"),
            FieldPanel("manager_emails"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("billing_contact_name"), FieldPanel("billing_email")]
                    ),
                    FieldPanel("address_line_1"),
                    FieldPanel("address_line_2"),
                    FieldRowPanel([FieldPanel("town"), FieldPanel("postcode")]),
                    FieldRowPanel([FieldPanel("po_required"), FieldPanel("po_format_hint")]),
                ],
                heading="Billing",
            ),
        ],
        base_form_class=OrganisationForm,
    )


class BookingsGroup(ModelViewSetGroup):
    menu_label = "Bookings"
    menu_icon = "clipboard-list"
    menu_order = 210
    items = [
        OrderViewSet("bookings_order"),
        WaitingListViewSet("bookings_waitinglistentry"),
        DiscountCodeViewSet("bookings_discountcode"),
        OrganisationViewSet("bookings_organisation"),
    ]


@hooks.register("register_admin_urls")
def register_order_actions():
    return [
        path(
            "bookings/orders/<int:pk>/cancel/",
            admin_views.CancelView.as_view(),
            name="order_cancel",
        ),
        path(
            "bookings/orders/<int:pk>/refund/",
            admin_views.RefundView.as_view(),
            name="order_refund",
        ),
        path("bookings/orders/<int:pk>/move/", admin_views.MoveView.as_view(), name="order_move"),
    ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return BookingsGroup()


@hooks.register("register_admin_viewset")
def register_finance():
    return FinanceGroup()
