from django.urls import path

from bookings import organisation_views, views, webhooks

app_name = "bookings"
urlpatterns = [
    path("book/cohorts/<int:cohort_id>/", views.book, name="book"),
    path("book/orders/<str:reference>/", views.order_summary, name="order"),
    path("book/orders/<str:reference>/pay/", views.pay, name="pay"),
    path("book/orders/<str:reference>/paid/", views.payment_return, name="payment_return"),
    path("account/bookings/", views.my_bookings, name="my_bookings"),
    path(
        "account/organisation/",
        organisation_views.organisation_index,
        name="organisation_index",
    ),
    path(
        "account/organisation/<int:pk>/",
        organisation_views.organisation_bookings,
        name="organisation",
    ),
    path("book/places/<int:pk>/pass-on/", organisation_views.pass_on, name="pass_on"),
    path("payments/stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]
