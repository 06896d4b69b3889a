"""Invoice and credit-note PDFs: rendered with WeasyPrint from templates, stored once.

Nothing is fetched while rendering: the stylesheet is a file beside this one (parsed once
per process, cms/pdf.py) and the fonts are the machine's own, so a worker with no network
renders the same file. The PDF is tagged (PDF/UA-1) with a title and a language, so a
screen reader can read it.
"""

from dataclasses import dataclass, replace
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from bookings.invoicing.links import invoice_pay_url
from bookings.invoicing.vat import EXEMPTION_REASON
from bookings.models import CreditNote, Invoice, ReceiptMethod
from cms import pdf
from cms.models.settings import default_site_settings

STYLESHEET = Path(__file__).resolve().parent / "document_pdf.css"
TEMPLATES = {
    Invoice: "bookings/invoicing/invoice_pdf.html",
    CreditNote: "bookings/invoicing/credit_note_pdf.html",
}


@dataclass(frozen=True)
class VatGroup:
    """The lines of one VAT rate, as the totals show them: "VAT at 20% on £100.00"."""

    label: str
    category: str
    percent: object
    net_pence: int
    vat_pence: int


def vat_groups(lines):
    """One group per VAT category and rate, in the order the lines first use them."""
    groups = {}
    for line in lines:
        key = (line.vat_category, line.vat_percent)
        group = groups.get(key) or VatGroup(line.vat_label, *key, net_pence=0, vat_pence=0)
        groups[key] = replace(
            group,
            net_pence=group.net_pence + line.net_pence,
            vat_pence=group.vat_pence + line.vat_pence,
        )
    return list(groups.values())


def document_context(document, site=None):
    """What the PDF template (and the email about it) needs to know about `document`."""
    site = site or default_site_settings()
    lines = list(document.lines.all())
    context = {
        "document": document,
        "lines": lines,
        "vat_groups": vat_groups(lines),
        "exemption_reason": EXEMPTION_REASON,
        "site": site,
    }
    if isinstance(document, Invoice):
        context.update(invoice_context(document))
    else:
        context["invoice"] = document.invoice
    return context


def invoice_context(invoice):
    return {
        "invoice": invoice,
        "terms_days": (invoice.due_date - invoice.issue_date).days,
        "card_paid_on": card_paid_on(invoice) if invoice.paid_by_card else None,
        "pay_url": None if invoice.paid_by_card else invoice_pay_url(invoice),
    }


def card_paid_on(invoice):
    """The day a receipt's card payment was made: the payment recorded on it, else the
    day the order was confirmed, else the day the receipt was issued."""
    payment = invoice.payments.filter(method=ReceiptMethod.CARD).first()
    if payment:
        return payment.received_on
    confirmed = invoice.order.confirmed_at
    return confirmed.date() if confirmed else invoice.issue_date


def render_pdf(document) -> bytes:
    """The document's PDF, rendered afresh (nothing is stored: see `ensure_pdf`)."""
    html = render_to_string(TEMPLATES[type(document)], document_context(document))
    return pdf.write_pdf(html, STYLESHEET)


def has_stored_pdf(document):
    return bool(document.pdf) and document.pdf.storage.exists(document.pdf.name)


def ensure_pdf(document):
    """The stored PDF of `document`, rendered and stored first when it is missing or its file
    has gone. Safe to call twice, even at once: rendering happens outside any lock (it takes
    a second), then the row is locked and the first file stored wins. Never touches the
    document's number or anything else it states."""
    if has_stored_pdf(document):
        return document.pdf
    content = render_pdf(document)
    model = type(document)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=document.pk)
        if not has_stored_pdf(locked):
            save_pdf(locked, f"{locked.number}.pdf", content)
    document.pdf = locked.pdf
    return document.pdf


def save_pdf(locked, name, content):
    """Store `content` as the PDF of `locked` (a row locked by the caller, with none stored).
    A file already at `name` is what a worker wrote before it died, ahead of the row saying
    so: the name is the document's own unique number, nothing else refers to that file, and
    it is replaced rather than left beside a second copy."""
    path = locked.pdf.field.generate_filename(locked, name)
    if locked.pdf.storage.exists(path):
        locked.pdf.storage.delete(path)
    locked.pdf.save(name, ContentFile(content), save=False)
    type(locked).objects.filter(pk=locked.pk).update(pdf=locked.pdf.name)
