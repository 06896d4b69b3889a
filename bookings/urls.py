from django.urls import path

from bookings import views, webhooks

app_name = "bookings"
urlpatterns = [
    path("book/cohorts/<int:cohort_id>/", views.book, name="book"),
    path("book/orders/<str:reference>/", views.order_summary, name="order"),
    path("book/orders/<str:reference>/pay/", views.pay, name="pay"),
    path("book/orders/<str:reference>/paid/", views.payment_return, name="payment_return"),
    path("book/orders/<str:reference>/cancel/", views.cancel, name="cancel"),
    path("book/orders/<str:reference>/receipt/", views.receipt, name="receipt"),
    path("book/places/<int:place_id>/transfer/", views.transfer, name="transfer"),
    path("account/bookings/", views.my_bookings, name="my_bookings"),
    path("payments/stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]
