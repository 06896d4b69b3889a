"""Certificate PDFs: rendered with WeasyPrint from a template, stored privately, once.

As for invoices (bookings/invoicing/documents.py): nothing is fetched from the network while
rendering. The fonts are shipped in `certificates/fonts/` (DejaVu Sans, open licence) and
loaded by file URL, the signature is the copy kept with the version, and the QR code is
made here with `segno` (SVG in the HTML certificate, PNG in the PDF). The PDF is tagged
(PDF/UA-1, cms/pdf.py) with a title, a language, alt text and the reading order of the
HTML, so that a screen reader reads it in order. The stylesheet is a file, parsed once per
process.
"""

import base64
import hashlib
from pathlib import Path

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bookings.invoicing.documents import save_pdf
from certificates.codes import grouped
from certificates.models import CertificateVersion, private_storage
from cms import pdf


def verify_url(certificate):
    return settings.SITE_URL + reverse("certificates:verify_code", args=[certificate.code])


STYLESHEET = Path(__file__).resolve().parent / "certificate_pdf.css"


def image_kind(data):
    return "png" if data[:4] == b"\x89PNG" else "jpeg"


def read_bytes(field_file):
    """The file's bytes, or None when it is missing (a lost file leaves the printed name)."""
    try:
        with field_file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def copy_signature(site):
    """The name of a private copy of the settings' signature image, to keep with a version
    (so a new image later never changes what was issued), or "" when there is none. Named by
    its hash: versions signed with the same image share one file."""
    image = site.certificate_signature_image
    data = read_bytes(image.file) if image is not None else None
    if not data:
        return ""
    storage = private_storage()
    name = f"certificates/signatures/{hashlib.sha256(data).hexdigest()}.{image_kind(data)}"
    if not storage.exists(name):
        name = storage.save(name, ContentFile(data))
    return name


def signature_data_uri(version):
    """The version's own copy of the signature inline (a data URI), or None: a worker needs
    no media URL."""
    data = read_bytes(version.signature) if version.signature else None
    if not data:
        return None
    return f"data:image/{image_kind(data)};base64,{base64.b64encode(data).decode()}"


def qr_svg(url):
    """The QR code of `url` as SVG markup (no XML declaration), to put inline in a page.
    Medium error correction survives a crease or a smudge on a printed certificate."""
    qr = segno.make(url, error="m")
    return qr.svg_inline(scale=3, border=2, omitsize=True, svgclass="qr")


def qr_data_uri(url):
    """The same QR code as a PNG data URI, for an <img> with alt text in the tagged PDF.
    A small PNG, not SVG: WeasyPrint draws an SVG's every module as a path, and a large
    PNG costs as much to embed (measured: SVG or 10 pixels a module +15% on a render, 5
    pixels nothing); `image-rendering: pixelated` keeps the modules' edges sharp when the
    22 mm the stylesheet gives it are printed."""
    qr = segno.make(url, error="m")
    return qr.png_data_uri(scale=5, border=2)


def certificate_context(version):
    """What both the HTML certificate and the PDF show for `version`."""
    certificate = version.certificate
    url = verify_url(certificate)
    return {
        "version": version,
        "certificate": certificate,
        "code": grouped(certificate.code),
        "verify_url": url,
        "signature": signature_data_uri(version),
    }


def warm_up():
    """Run by Celery's `worker_process_init` (certificates/apps.py): fonts loaded before
    a new worker process's first certificate."""
    pdf.warm_up(STYLESHEET)


def render_pdf(version) -> bytes:
    context = certificate_context(version)
    context["qr"] = qr_data_uri(context["verify_url"])
    html = render_to_string("certificates/certificate_pdf.html", context)
    return pdf.write_pdf(html, STYLESHEET)


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
            save_pdf(locked, f"{version.certificate.code}-v{version.number}.pdf", content)
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
