"""Uploads: Wagtail documents and images in the admin, and the shared upload rules
(cms.uploads) that cohort materials use too. Checked by extension AND content and by size,
refused with a clear message; nothing a browser would run (HTML, SVG) gets in, and a file
sent as an attachment is served so that it cannot run as a page of the site."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.uploads import ALLOWED, check_upload
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory
from tests.security.fuzz import ANY_CHAR, fuzz

pytestmark = pytest.mark.django_db
Document, Image_ = get_document_model(), get_image_model()
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script></svg>"


def png(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def admin(client, db):
    user = TOTPAuthenticatorFactory(user=StaffUserFactory(email="uploads@example.com")).user
    client.force_login(user)
    return user


def add_document(client, name, content):
    file = SimpleUploadedFile(name, content)
    return client.post("/admin/documents/add/", {"title": "Handout", "file": file})


def add_image(client, name, content):
    file = SimpleUploadedFile(name, content)
    return client.post("/admin/images/add/", {"title": "Picture", "file": file})


def test_the_document_and_image_rules_are_set(settings):
    assert {"." + e for e in settings.WAGTAILDOCS_EXTENSIONS} == set(ALLOWED)
    assert settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "cms.documents.DocumentForm"
    assert settings.DOCUMENT_MAX_MB > 0 and settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE > 0
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_a_real_pdf_document_is_accepted(client, admin):
    assert add_document(client, "handout.pdf", PDF).status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("page.html", HTML, "must be one of these types"),
        ("page.htm", HTML, "must be one of these types"),
        ("logo.svg", SVG, "must be one of these types"),
        ("run.js", b"alert(1)", "must be one of these types"),
        ("handout.pdf", HTML, "not a real PDF"),
        ("handout.txt", b"\x00\x01binary", "not a real Text file"),
        ("picture.png", SVG, "not a real PNG image"),
        ("slides.pptx", PDF, "not a real PowerPoint slides"),
    ],
)
def test_documents_of_the_wrong_type_or_in_disguise_are_refused(
    client, admin, name, content, reason
):
    response = add_document(client, name, content)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused_with_both_sizes(client, admin, settings):
    settings.DOCUMENT_MAX_MB = 1
    response = add_document(client, "big.pdf", PDF + b"0" * (1024 * 1024))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file must be smaller than 1.0\xa0MB" in page and "is 1.0\xa0MB" in page
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("logo.svg", SVG), ("picture.png", HTML), ("picture.png", SVG), ("page.html", png())],
)
def test_images_that_are_not_images_are_refused(client, admin, name, content):
    response = add_image(client, name, content)
    assert response.status_code == 200
    page = response.content.decode()
    refusals = ["Not a supported image format", "Not a valid .", "Upload a valid image"]
    assert any(reason in page for reason in refusals)
    assert not Image_.objects.exists()


def test_an_image_over_the_size_limit_is_refused_clearly(client, admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(client, "picture.png", png((64, 64)))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Image_.objects.exists()


def test_a_real_image_is_accepted(client, admin):
    assert add_image(client, "picture.png", png()).status_code == 302
    assert Image_.objects.count() == 1


@pytest.mark.parametrize(("name", "content"), [("old.html", HTML), ("old.svg", SVG)])
def test_an_html_or_svg_document_stored_before_the_rules_cannot_run(client, admin, name, content):
    """Served as a download that the browser may not sniff, run or frame as our page."""
    document = Document(title="Old upload")
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy


filenames = st.one_of(
    st.builds(
        lambda stem, ext: f"{stem}.{ext}",
        st.text(ANY_CHAR, max_size=20),
        st.sampled_from(
            [*(e.lstrip(".") for e in ALLOWED), "html", "svg", "PDF", "Pdf", "exe", ""]
        ),
    ),
    st.text(ANY_CHAR, max_size=30),
)
contents = st.one_of(
    st.binary(max_size=400),
    st.sampled_from([PDF, HTML, SVG, png(), b"%PDF-", b"PK\x03\x04", b""]),
    st.builds(
        lambda a, b: a + b,
        st.sampled_from([PDF[:5], b"PK\x03\x04", b"\x89PNG"]),
        st.binary(max_size=200),
    ),
)


@fuzz(name=filenames, content=contents, max_examples=80)
def test_any_file_is_either_an_allowed_kind_whose_content_matches_or_refused(db, name, content):
    if os.path.basename(name) in ("", ".", ".."):
        name = "x"  # Django's upload handler never passes such a name on
    upload = SimpleUploadedFile(name, content)
    try:
        extension, kind = check_upload(upload, max_bytes=1024 * 1024)
    except ValidationError as error:
        assert error.messages and all(m.strip() for m in error.messages)
        return
    assert extension in ALLOWED and extension not in (".html", ".svg")
    upload.seek(0)
    assert kind.looks_right(content[:8], io.BytesIO(content))


@fuzz(name=filenames, content=contents, max_examples=25)
def test_the_admin_document_form_never_fails_on_any_file(client, admin, name, content):
    from tests.security.fuzz import each_example

    before = Document.objects.count()
    with each_example():
        response = add_document(client, name or "x", content)
        if response.status_code == 302:
            document = Document.objects.latest("pk")
            assert "." + document.file_extension.lower() in ALLOWED
        else:
            assert response.status_code == 200
            assert Document.objects.count() == before
