"""Orders in the Wagtail admin: a listing with filters and search, and each order's timeline."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from bookings import admin_views
from bookings.models import Order


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Orders change only through services (holds, payments, refunds), never by hand-editing."""

    WRITES = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Order, ReadOnlyPolicy(Order))


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "tasks"
    menu_label = "Orders"
    url_prefix = "bookings/orders"
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = ["reference"]
    list_display = ["reference", "buyer_name", "cohort", "status", "payment_method", "created_at"]
    list_filter = ["status", "payment_method", "cohort__course"]
    search_fields = ["reference", "buyer_name", "buyer_email", "places__attendee_name"]
    list_export = [
        "reference",
        "buyer_name",
        "buyer_email",
        "cohort",
        "status",
        "payment_method",
        "subtotal_pence",
        "discount_pence",
        "vat_pence",
        "total_pence",
        "created_at",
    ]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "reference",
        "buyer_name",
        "buyer_email",
        "cohort",
        "status",
        "payment_method",
        "subtotal_pence",
        "discount_pence",
        "vat_pence",
        "total_pence",
        "hold_expires_at",
        "created_at",
        "confirmed_at",
    ]
    inspect_template_name = "bookings/admin/order_inspect.html"


class BookingsGroup(ModelViewSetGroup):
    menu_label = "Bookings"
    menu_icon = "clipboard-list"
    menu_order = 210
    items = [OrderViewSet("bookings_order")]


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
