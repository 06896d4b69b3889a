"""A file that a cohort's trainers share with that cohort's learners."""

import os
import uuid

from django.conf import settings
from django.db import models


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def material_path(material, filename):
    # A random name: the stored path says nothing about the file and cannot be guessed.
    extension = os.path.splitext(filename)[1].lower()
    return f"cohort-materials/{material.cohort_id}/{uuid.uuid4().hex}{extension}"


class CohortMaterial(models.Model):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)
    file = models.FileField(storage=private_storage, upload_to=material_path, max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["cohort", "uploaded_at", "pk"]
        verbose_name = "cohort material"

    def __str__(self):
        return self.title

    @property
    def kind_label(self):
        from learning.materials.validators import ALLOWED

        return ALLOWED[self.extension].label
