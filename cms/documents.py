"""The Wagtail documents' upload form: the site's upload rules (cms.uploads) by extension,
content and size, up to DOCUMENT_MAX_MB. Set as WAGTAILDOCS_DOCUMENT_FORM_BASE."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from cms.uploads import check_upload


def max_bytes():
    return settings.DOCUMENT_MAX_MB * 1024 * 1024


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Editing a document without choosing a new file keeps the one checked at upload.
        if isinstance(upload, UploadedFile):
            check_upload(upload, max_bytes=max_bytes())
        return upload
