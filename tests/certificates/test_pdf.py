"""The certificate PDF: what it says (text extracted with pypdf), and that it is tagged."""

import io

import pytest
from pypdf import PdfReader

from certificates.codes import grouped
from certificates.documents import ensure_pdf, render_pdf
from certificates.services import issue_certificate


@pytest.fixture
def version(completed, user, site):
    settings = site.get_site().sitesettings  # the signatory comes from the site settings
    settings.certificate_signatory_name = "Dr Sarah Okonjo"
    settings.certificate_signatory_title = "Consultant Liaison Psychiatrist"
    settings.save()
    user.registration_body, user.registration_number = "NMC", "12A3456B"
    user.save()
    return issue_certificate(completed.pk).current


def test_the_pdf_states_every_required_field(version):
    reader = PdfReader(io.BytesIO(render_pdf(version)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) == 1
    code = grouped(version.certificate.code)
    for stated in (
        "Certificate of completion",
        "Amara Okafor",
        "NMC registration number 12A3456B",
        "5-day course",
        f"{version.start_date:%-d %B %Y} to {version.end_date:%-d %B %Y}",
        "32.5 hours: 30.0 participatory, 2.5 self-directed",
        "Dr Sarah Okonjo, Consultant Liaison Psychiatrist",
        code,
        f"/certificates/verify/{version.certificate.code}/",
    ):
        assert stated in text, stated


def test_the_pdf_is_tagged_landscape_and_titled(version):
    reader = PdfReader(io.BytesIO(render_pdf(version)))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712  (a PDF BooleanObject)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Certificate of completion: Amara Okafor")
    box = reader.pages[0].mediabox
    assert box.width > box.height  # A4 landscape


def test_the_pdf_is_stored_privately_once(version):
    first = ensure_pdf(version)
    assert first.storage is not None and "private" in str(first.storage.location)
    assert ensure_pdf(version).name == first.name


def test_a_long_certificate_still_fits_one_page_with_its_code(version):
    """The demo course has eight outcomes and seven quizzes: the code must not fall off."""
    version.outcomes = [
        "Screen for depression and anxiety with the PHQ-9 and GAD-7, and talk through the "
        "results with the patient"
    ] * 8
    version.rule_summary = "To complete the course: " + "pass the Risk and suicide quiz; " * 12
    reader = PdfReader(io.BytesIO(render_pdf(version)))
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert grouped(version.certificate.code) in text
    assert "Dr Sarah Okonjo" in text
