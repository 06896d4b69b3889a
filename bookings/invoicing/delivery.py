"""Delivering an invoice or credit note: its PDF stored, then emailed once to the billing
contact and the booker, with the PDF and the UBL e-invoice attached.

`deliver` runs from the `deliver_document` task after the document's transaction commits;
the task may run twice (a retry, a requeue), so the first email is guarded by the
document's `emailed_at`, set under a row lock. `resend` is finance sending it again on
request, and is not guarded.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bookings.emails import _send
from bookings.invoicing.documents import document_context, ensure_pdf
from bookings.invoicing.ubl import credit_note_xml, invoice_xml
from bookings.models import CreditNote, Invoice, OrderEvent
from bookings.templatetags.invoice_tags import money

MODELS = {"invoice": Invoice, "credit_note": CreditNote}


def deliver(document_id, kind, *, email=True):
    """Store the PDF of the `kind` ("invoice" or "credit_note") `document_id`, then email
    it unless `email` is False or it was emailed already. True if it was emailed now."""
    document = MODELS[kind].objects.get(pk=document_id)
    ensure_pdf(document)
    if not email:
        return False
    return _email_once(document)


def _email_once(document):
    model = type(document)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=document.pk)
        if locked.emailed_at:
            return False
        recipients = send_document(locked)
        locked.emailed_at = timezone.now()
        locked.save(update_fields=["emailed_at"])
        _record(locked, f"{label(locked)} {locked.number} emailed to {', '.join(recipients)}")
    return True


def resend(document, *, actor=None):
    """Email the document again, as finance asks (a lost email, a new accounts payable
    inbox). Returns the addresses it went to."""
    recipients = send_document(document)
    _record(document, f"{label(document)} {document.number} emailed again", actor=actor)
    return recipients


def recipients_of(document):
    """The billing contact, and the booker when they are someone else."""
    buyer = order_of(document).buyer_email
    addresses = [document.customer_email]
    if buyer and buyer.lower() != document.customer_email.lower():
        addresses.append(buyer)
    return addresses


def send_document(document):
    pdf = ensure_pdf(document)
    with pdf.open("rb") as stored:
        attachments = [
            (f"{document.number}.pdf", stored.read(), "application/pdf"),
            (f"{document.number}.xml", xml_of(document), "application/xml"),
        ]
    context = email_context(document)
    recipients = recipients_of(document)
    for address in recipients:
        _send(
            to=address,
            subject=subject_of(document),
            template=template_of(document),
            context=context,
            attachments=attachments,
        )
    return recipients


def email_context(document):
    order = order_of(document)
    return {
        **document_context(document),
        "order": order,
        "course": order.cohort.course,
        "cohort": order.cohort,
        "order_url": settings.SITE_URL + reverse("bookings:order", args=[order.reference]),
    }


def order_of(document):
    return document.invoice.order if isinstance(document, CreditNote) else document.order


def xml_of(document):
    return credit_note_xml(document) if isinstance(document, CreditNote) else invoice_xml(document)


def label(document):
    if isinstance(document, CreditNote):
        return "Credit note"
    return "Receipt" if document.paid_by_card else "Invoice"


def template_of(document):
    return "credit_note_issued" if isinstance(document, CreditNote) else "invoice_issued"


def subject_of(document):
    if isinstance(document, CreditNote):
        return f"Credit note {document.number} against invoice {document.invoice.number}"
    if document.paid_by_card:
        return f"Receipt {document.number}: paid by card"
    return (
        f"Invoice {document.number}: {money(document.total_pence)} due by "
        f"{document.due_date:%-d %B %Y}"
    )


def _record(document, message, actor=None):
    OrderEvent.objects.create(
        order=order_of(document), kind="document_emailed", actor=actor, message=message[:300]
    )
