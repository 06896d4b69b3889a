"""What a cohort material may be: the site's upload rules (cms.uploads), up to
COHORT_MATERIAL_MAX_MB."""

from django.conf import settings

from cms import uploads
from cms.uploads import ALLOWED, allowed_names  # noqa: F401 - the materials' names for them


def max_bytes():
    return settings.COHORT_MATERIAL_MAX_MB * 1024 * 1024


def check_upload(upload):
    return uploads.check_upload(upload, max_bytes=max_bytes())
