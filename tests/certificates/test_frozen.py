"""What a certificate states is frozen at issue: the course code, the issuing organisations,
the signature image and an expiry date only where the course sets a validity. All of it is
shown on the verify page, the learner's HTML certificate and the PDF, with a QR code."""

import base64
import datetime
import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Collection

from certificates.documents import qr_svg, render_pdf
from certificates.models import CertificateEvent, CompletionRule
from certificates.services import add_months, issue_certificate


def png(colour):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (60, 20), colour).save(buffer, "PNG")
    return buffer.getvalue()


def signature_image(colour):
    if Collection.get_first_root_node() is None:  # made by a migration; not without them
        Collection.add_root(name="Root")
    image = ImageFile(io.BytesIO(png(colour)), name=f"signature-{colour}.png")
    return get_image_model().objects.create(title=f"Signature {colour}", file=image)


@pytest.fixture
def settings_with_issuers(site):
    values = site.get_site().sitesettings
    values.certificate_trust_name = "King's College Hospital NHS Foundation Trust"
    values.certificate_university_name = "King's College London"
    values.certificate_signatory_name = "Dr Sarah Okonjo"
    values.certificate_signature_image = signature_image("black")
    values.save()
    return values


@pytest.fixture
def certificate(completed, course, settings_with_issuers):
    course.course_code = "MHS-5D"
    course.save()
    return issue_certificate(completed.pk)


def test_the_course_code_issuers_and_signature_are_frozen(certificate, course, site):
    version = certificate.current
    first_signature = version.signature.read()
    values = site.get_site().sitesettings
    values.certificate_trust_name = "Another NHS Trust"
    values.certificate_signature_image = signature_image("red")
    values.save()
    course.course_code = "CHANGED"
    course.save()
    version.refresh_from_db()
    assert (version.course_code, version.trust_name, version.university_name) == (
        "MHS-5D",
        "King's College Hospital NHS Foundation Trust",
        "King's College London",
    )
    version.signature.open("rb")
    assert version.signature.read() == first_signature == png("black")


def test_no_expiry_unless_the_course_sets_a_validity(certificate):
    assert certificate.current.expires_on is None


def test_a_validity_period_sets_the_expiry_date(completed, course):
    CompletionRule.objects.create(course=course, validity_months=12)
    version = issue_certificate(completed.pk, now=datetime_at(2026, 3, 15)).current
    assert version.expires_on == datetime.date(2027, 3, 15)


def datetime_at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 12, 5), 2, datetime.date(2028, 2, 5)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
    ],
)
def test_months_are_added_within_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_issuing_is_recorded_in_the_history(certificate):
    event = CertificateEvent.objects.get(certificate=certificate)
    assert (event.kind, event.version) == ("issued", certificate.current)


def test_the_verify_page_shows_every_frozen_field_and_a_qr_code(client, certificate):
    page = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    for stated in (
        "MHS-5D",
        "King&#x27;s College Hospital NHS Foundation Trust",
        "King&#x27;s College London",
        'alt="Signature of Dr Sarah Okonjo"',
        "<svg",
        "QR code linking to this certificate's check page",
    ):
        assert stated in page, stated
    assert "Valid until" not in page


def test_the_learners_html_certificate_shows_the_same(client, user, certificate):
    client.force_login(user)
    response = client.get(f"/certificates/{certificate.code}/")
    page = response.content.decode()
    assert response.status_code == 200
    for stated in ("MHS-5D", "King&#x27;s College London", "<svg", "Ask for a name correction"):
        assert stated in page, stated


def test_another_learner_cannot_see_the_html_certificate(client, other_user, certificate):
    client.force_login(other_user)
    assert client.get(f"/certificates/{certificate.code}/").status_code == 404


def test_the_qr_code_encodes_the_verify_url():
    svg = qr_svg("https://example.org/certificates/verify/ABC/")
    assert svg.startswith("<svg") and "<?xml" not in svg


def test_the_pdf_states_the_frozen_fields_and_embeds_the_shipped_font(certificate):
    reader = PdfReader(io.BytesIO(render_pdf(certificate.current)))
    text = " ".join(reader.pages[0].extract_text().split())
    for stated in ("course code MHS-5D", "King's College Hospital NHS Foundation Trust"):
        assert stated in text, stated
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    # Named after the stylesheet's @font-face family: the shipped files, not a system font.
    assert fonts and all("Certificate-Sans" in name for name in fonts), fonts


def test_the_pdf_shows_the_expiry_date_when_there_is_one(certificate):
    version = certificate.current
    version.expires_on = datetime.date(2027, 11, 30)
    text = " ".join(PdfReader(io.BytesIO(render_pdf(version))).pages[0].extract_text().split())
    assert "Valid until 30 November 2027" in text


def test_the_pdf_gives_its_images_alt_text(certificate):
    alt = pdf_alt_texts(render_pdf(certificate.current))
    assert "QR code linking to" in alt and "Signature of Dr Sarah Okonjo" in alt


def pdf_alt_texts(pdf):
    """The /Alt entries of the PDF's structure elements, joined."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def walk(node):
        node = node.get_object()
        if hasattr(node, "get") and node.get("/Alt"):
            found.append(str(node["/Alt"]))
        kids = node.get("/K") if hasattr(node, "get") else None
        if isinstance(kids, list):
            for kid in kids:
                walk(kid)
        elif kids is not None and hasattr(kids.get_object(), "get"):
            walk(kids)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return " ".join(found)


def test_a_new_worker_process_loads_the_pdf_fonts_before_its_first_certificate():
    from celery.signals import worker_process_init

    from certificates.documents import STYLESHEET
    from cms import pdf

    pdf.stylesheet.cache_clear()
    worker_process_init.send(sender=None)
    pdf.stylesheet(STYLESHEET)
    assert pdf.stylesheet.cache_info().hits == 1  # parsed already, by the warm-up


def test_the_pdf_qr_code_is_a_png_of_the_verify_url():
    from certificates.documents import qr_data_uri

    uri = qr_data_uri("https://example.org/certificates/verify/ABC/")
    png = base64.b64decode(uri.removeprefix("data:image/png;base64,"))
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width >= 150, width  # 5 pixels a module at least, printed without smoothing
