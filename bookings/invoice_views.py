"""The buyer's downloads of their invoices and credit notes, as PDF and as UBL XML.

Who may download: the order's buyer, the managers of the organisation it was booked for, and
staff who may see orders (`bookings.view_order`) or work in Finance. Everyone else gets the
same 404 as for a document that does not exist, so numbers cannot be probed. Trainers are
staff but not Finance: they do not see money.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

from bookings.invoicing.documents import ensure_pdf
from bookings.invoicing.ubl import credit_note_xml, invoice_xml
from bookings.models import CreditNote, Invoice

FINANCE_GROUP = "Finance"


def may_see_documents(user, order):
    """Whether `user` may download the invoices and credit notes of `order`."""
    if not user.is_authenticated:
        return False
    if order.buyer_id == user.pk:
        return True
    # Not Organisation.objects.managed_by: that lets every staff user in, trainers included.
    if order.organisation_id and order.organisation.managers.filter(pk=user.pk).exists():
        return True
    return user.has_perm("bookings.view_order") or user.groups.filter(name=FINANCE_GROUP).exists()


@login_required
def invoice_download(request, reference, number, extension):
    invoices = Invoice.objects.select_related("order__organisation")
    invoice = get_object_or_404(invoices, number=number, order__reference=reference)
    if not may_see_documents(request.user, invoice.order):
        raise Http404
    return _download(invoice, extension, invoice_xml)


@login_required
def credit_note_download(request, reference, number, extension):
    notes = CreditNote.objects.select_related("invoice__order__organisation")
    note = get_object_or_404(notes, number=number, invoice__order__reference=reference)
    if not may_see_documents(request.user, note.invoice.order):
        raise Http404
    return _download(note, extension, credit_note_xml)


def _download(document, extension, to_xml):
    if extension == "xml":
        response = HttpResponse(to_xml(document), content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{document.number}.xml"'
        return response
    # Rendered here if the stored file is missing: a render that failed at issue is redone.
    pdf = ensure_pdf(document)
    return FileResponse(
        pdf.open("rb"),
        as_attachment=True,
        filename=f"{document.number}.pdf",
        content_type="application/pdf",
    )
