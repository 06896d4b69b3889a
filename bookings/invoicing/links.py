"""Addresses of an invoice's pages and files: the signed pay-by-card link printed on the
invoice and sent by email, and the buyer's downloads of each PDF and XML."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from bookings.models import CreditNote, Invoice

PAY_SALT = "invoice-pay"


def invoice_pay_url(invoice):
    """The absolute link to pay `invoice` by card. Signed, so it can be printed on paper and
    forwarded to accounts payable: whoever holds it may pay, and no one can guess another."""
    token = signing.dumps(invoice.pk, salt=PAY_SALT)
    return settings.SITE_URL + reverse("bookings:invoice_pay", args=[token])


def invoice_from_token(token):
    """The invoice a pay link was made for, or None when the token is forged or the invoice
    is gone."""
    try:
        pk = signing.loads(token, salt=PAY_SALT)
    except signing.BadSignature:
        return None
    return Invoice.objects.filter(pk=pk).first()


def document_path(document, extension):
    """The download path of an invoice's or credit note's "pdf" or "xml"."""
    if isinstance(document, CreditNote):
        reference = document.invoice.order.reference
        name = "bookings:credit_note_download"
    else:
        reference = document.order.reference
        name = "bookings:invoice_download"
    return reverse(name, args=[reference, document.number, extension])


def document_url(document, extension):
    return settings.SITE_URL + document_path(document, extension)
