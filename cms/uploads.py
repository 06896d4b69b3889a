"""What an uploaded file may be: checked by its content, not only its name, and by its size.

Shared by the Wagtail documents (cms.documents) and cohort materials (learning.materials).
Nothing here lets in a file a browser would run: no HTML, no SVG, no scripts."""

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

OOXML = "application/vnd.openxmlformats-officedocument."
OPENDOCUMENT = "application/vnd.oasis.opendocument."


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    looks_right: callable


def starts_with(prefix):
    return lambda head, file: head.startswith(prefix)


def office_package(folder):
    """A .docx/.pptx/.xlsx is a zip with the content-types part and the format's folder."""

    def check(head, file):
        names = zip_names(file)
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)

    return check


def open_document(mimetype):
    def check(head, file):
        try:
            with zipfile.ZipFile(file) as package:
                return package.read("mimetype").decode("ascii", "replace") == mimetype
        except (zipfile.BadZipFile, KeyError, OSError):
            return False

    return check


def zip_names(file):
    try:
        with zipfile.ZipFile(file) as package:
            return package.namelist()
    except (zipfile.BadZipFile, OSError):
        return []


def image_of(formats):
    def check(head, file):
        try:
            with Image.open(file) as image:
                image.verify()
                return image.format in formats
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return False

    return check


def plain_text(head, file):
    data = file.read()
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


ALLOWED = {
    ".pdf": Kind("PDF", "application/pdf", starts_with(b"%PDF-")),
    ".docx": Kind("Word document", OOXML + "wordprocessingml.document", office_package("word/")),
    ".pptx": Kind(
        "PowerPoint slides", OOXML + "presentationml.presentation", office_package("ppt/")
    ),
    ".xlsx": Kind("Excel spreadsheet", OOXML + "spreadsheetml.sheet", office_package("xl/")),
    ".odt": Kind("OpenDocument text", OPENDOCUMENT + "text", open_document(OPENDOCUMENT + "text")),
    ".odp": Kind(
        "OpenDocument slides",
        OPENDOCUMENT + "presentation",
        open_document(OPENDOCUMENT + "presentation"),
    ),
    ".txt": Kind("Text file", "text/plain; charset=utf-8", plain_text),
    ".png": Kind("PNG image", "image/png", image_of({"PNG"})),
    ".jpg": Kind("JPEG image", "image/jpeg", image_of({"JPEG"})),
    ".jpeg": Kind("JPEG image", "image/jpeg", image_of({"JPEG"})),
}


def allowed_names():
    return ", ".join(sorted({kind.label for kind in ALLOWED.values()}))


def check_upload(upload, *, max_bytes):
    """(extension, Kind) of an acceptable upload; ValidationError with the reason otherwise."""
    name = upload.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    kind = ALLOWED.get(extension)
    if kind is None:
        raise ValidationError(
            f"The file must be one of these types: {allowed_names()}. ‘{name}’ is not one of them.",
            code="type",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(max_bytes)}; "
            f"‘{name}’ is {filesizeformat(upload.size)}.",
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(f"‘{name}’ is empty.", code="empty")
    if not content_matches(kind, upload):
        raise ValidationError(
            f"‘{name}’ is not a real {kind.label}: its contents do not match its name. "
            "Save it again from the program that made it, then upload it.",
            code="content",
        )
    return extension, kind


def content_matches(kind, upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return kind.looks_right(data[:8], io.BytesIO(data))
