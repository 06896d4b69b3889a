"""The card-payment link printed on each invoice: signed, so that accounts payable can pay
without an account, and nobody can pay (or see) another invoice by changing a number."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from bookings.models import Invoice

SALT = "invoice-pay"


def invoice_pay_url(invoice):
    token = signing.dumps(invoice.pk, salt=SALT)
    return settings.SITE_URL + reverse("bookings:invoice_pay", args=[token])


def invoice_from_token(token):
    """The invoice the token was made for; BadSignature or Invoice.DoesNotExist otherwise."""
    return Invoice.objects.select_related("order__cohort__course").get(
        pk=signing.loads(token, salt=SALT)
    )
