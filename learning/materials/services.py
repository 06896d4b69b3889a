"""Adding and removing a cohort's materials."""

from django.db import transaction
from django.utils import timezone

from learning.materials.models import CohortMaterial


def add_material(*, cohort, title, description, upload, kind, actor, now=None):
    """Store a checked upload (see validators.check_upload) for the cohort."""
    extension, kind = kind
    material = CohortMaterial(
        cohort=cohort,
        title=title,
        description=description,
        content_type=kind.content_type,
        extension=extension,
        size=upload.size,
        uploaded_by=actor,
        uploaded_at=now or timezone.now(),
    )
    material.file.save(upload.name, upload, save=False)
    material.save()
    return material


def remove_material(material):
    """Delete the row, then the file once the deletion has committed (a rollback keeps both)."""
    storage, name = material.file.storage, material.file.name
    with transaction.atomic():
        material.delete()
        transaction.on_commit(lambda: storage.delete(name))
