"""Certificate PDFs: rendered with WeasyPrint from a template, stored privately, once.

As for invoices (bookings/invoicing/documents.py): nothing is fetched while rendering (the
stylesheet is inline, the fonts are the machine's own, the signature image is read from
storage), and the PDF is tagged (PDF/UA-1) with a title and a language so that a screen
reader reads it in order.
"""

import base64

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML

from certificates.codes import grouped
from certificates.models import CertificateVersion
from cms.models.settings import default_site_settings


def verify_url(certificate):
    return settings.SITE_URL + reverse("certificates:verify_code", args=[certificate.code])


def signature_data_uri(site):
    """The signature image inline (a data URI), or None: a worker needs no media URL."""
    image = site.certificate_signature_image
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None  # a missing file leaves the signatory's printed name
    kind = "png" if data[:4] == b"\x89PNG" else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def render_pdf(version) -> bytes:
    certificate = version.certificate
    context = {
        "version": version,
        "certificate": certificate,
        "code": grouped(certificate.code),
        "verify_url": verify_url(certificate),
        "signature": signature_data_uri(default_site_settings()),
    }
    html = render_to_string("certificates/certificate_pdf.html", context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def has_stored_pdf(version):
    return bool(version.pdf) and version.pdf.storage.exists(version.pdf.name)


def ensure_pdf(version):
    """The version's stored PDF, rendered first when missing or its file has gone. Renders
    outside any lock, then the first file stored wins (as `bookings` does for invoices)."""
    if has_stored_pdf(version):
        return version.pdf
    content = render_pdf(version)
    with transaction.atomic():
        locked = CertificateVersion.objects.select_for_update().get(pk=version.pk)
        if not has_stored_pdf(locked):
            name = f"{version.certificate.code}-v{version.number}.pdf"
            locked.pdf.save(name, ContentFile(content), save=False)
            CertificateVersion.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name)
    version.pdf = locked.pdf
    return version.pdf


def deliver(version_id):
    """Render and store the PDF if need be, then email it to the learner once: the version
    row is locked while sending, and `emailed_at` says it went (a retried task sends none)."""
    from certificates.emails import send_certificate

    version = CertificateVersion.objects.select_related("certificate__place__attendee").get(
        pk=version_id
    )
    ensure_pdf(version)
    with transaction.atomic():
        locked = CertificateVersion.objects.select_for_update().get(pk=version_id)
        if locked.emailed_at is None:
            send_certificate(version)
            CertificateVersion.objects.filter(pk=version_id).update(emailed_at=timezone.now())
