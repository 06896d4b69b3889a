"""Orders in the Wagtail admin: a listing with filters and search, and each order's timeline."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from bookings.admin_forms import OrganisationForm
from bookings.models import Order, Organisation


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
register_permission_policy(Organisation, KeptPolicy(Organisation))


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
        "vat_pence",
        "total_pence",
        "hold_expires_at",
        "created_at",
        "confirmed_at",
    ]
    inspect_template_name = "bookings/admin/order_inspect.html"


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
    items = [OrderViewSet("bookings_order"), OrganisationViewSet("bookings_organisation")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return BookingsGroup()
