from django.urls import path, re_path

from bookings import (
    change_views,
    invoice_views,
    organisation_views,
    pay_invoice_views,
    views,
    waiting_views,
    webhooks,
)

app_name = "bookings"
urlpatterns = [
    path("book/cohorts/<id:cohort_id>/", views.book, name="book"),
    path(
        "book/cohorts/<id:cohort_id>/waiting-list/",
        waiting_views.join,
        name="join_waiting_list",
    ),
    path(
        "book/waiting-list/<id:entry_id>/",
        waiting_views.entry_detail,
        name="waiting_list_entry",
    ),
    path("book/waiting-list/<id:entry_id>/leave/", waiting_views.leave, name="leave_waiting_list"),
    path("book/waiting-list/<id:entry_id>/decline/", waiting_views.decline, name="decline_offer"),
    path("book/offers/<str:token>/", waiting_views.offer, name="offer"),
    path("book/orders/<str:reference>/", views.order_summary, name="order"),
    path(
        "book/orders/<str:reference>/attendees/",
        waiting_views.offer_attendees,
        name="offer_attendees",
    ),
    path("book/orders/<str:reference>/pay/", views.pay, name="pay"),
    path("book/orders/<str:reference>/paid/", views.payment_return, name="payment_return"),
    path(
        "book/orders/<str:reference>/invoice/",
        pay_invoice_views.invoice_details,
        name="invoice_details",
    ),
    path("book/orders/<str:reference>/po/", pay_invoice_views.add_po, name="add_po"),
    path("invoices/pay/<str:token>/", pay_invoice_views.invoice_pay, name="invoice_pay"),
    path(
        "invoices/pay/<str:token>/start/",
        pay_invoice_views.invoice_pay_start,
        name="invoice_pay_start",
    ),
    path("book/orders/<str:reference>/cancel/", change_views.cancel, name="cancel"),
    path("book/orders/<str:reference>/receipt/", change_views.receipt, name="receipt"),
    path("book/places/<id:place_id>/transfer/", change_views.transfer, name="transfer"),
    re_path(
        r"^book/orders/(?P<reference>[^/]+)/invoices/(?P<number>[^/]+)\.(?P<extension>pdf|xml)$",
        invoice_views.invoice_download,
        name="invoice_download",
    ),
    re_path(
        r"^book/orders/(?P<reference>[^/]+)/credit-notes/(?P<number>[^/]+)\.(?P<extension>pdf|xml)$",
        invoice_views.credit_note_download,
        name="credit_note_download",
    ),
    path("account/bookings/", views.my_bookings, name="my_bookings"),
    path(
        "account/organisation/",
        organisation_views.organisation_index,
        name="organisation_index",
    ),
    path(
        "account/organisation/<id:pk>/",
        organisation_views.organisation_bookings,
        name="organisation",
    ),
    path("book/places/<id:pk>/pass-on/", organisation_views.pass_on, name="pass_on"),
    path("payments/stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]
