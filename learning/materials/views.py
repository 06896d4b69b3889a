"""Trainers' screens for a cohort's materials in the Wagtail admin, and the download that
lets in the cohort's learners, its trainers and cohort managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from bookings.models import Place, PlaceStatus
from courses.services import visible_cohorts
from learning.materials.forms import MaterialForm
from learning.materials.models import CohortMaterial
from learning.materials.services import add_material, remove_material
from learning.workspace import workspace_context

PERMISSION = "learning.add_cohortmaterial"


def cohorts_for(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    return visible_cohorts(user).select_related("course")


def cohort_materials(request, cohort_id):
    cohort = get_object_or_404(cohorts_for(request.user), pk=cohort_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        material = add_material(
            cohort=cohort,
            title=data["title"],
            description=data["description"],
            upload=data["file"],
            kind=data["kind"],
            actor=request.user,
        )
        messages.success(request, f"‘{material.title}’ is now in the cohort’s My learning.")
        return redirect(request.path)
    materials = cohort.materials.select_related("uploaded_by")
    context = workspace_context(request, cohort, "materials", form=form, materials=materials)
    return TemplateResponse(request, "learning/admin/materials.html", context)


def delete_material(request, cohort_id, material_id):
    cohort = get_object_or_404(cohorts_for(request.user), pk=cohort_id)
    material = get_object_or_404(cohort.materials, pk=material_id)
    if not request.user.has_perm("learning.delete_cohortmaterial"):
        raise PermissionDenied
    if request.method == "POST":
        remove_material(material)
        messages.success(request, f"‘{material.title}’ is deleted.")
        return redirect("learning_materials_cohort", cohort.pk)
    context = {"cohort": cohort, "material": material}
    return TemplateResponse(request, "learning/admin/material_delete.html", context)


def may_download(user, cohort_id):
    if Place.objects.filter(
        cohort_id=cohort_id, attendee=user, status=PlaceStatus.CONFIRMED
    ).exists():
        return True
    return user.has_perm("learning.view_cohortmaterial") and (
        visible_cohorts(user).filter(pk=cohort_id).exists()
    )


@login_required
def download(request, cohort_id, material_id):
    material = get_object_or_404(
        CohortMaterial.objects.select_related("cohort"), pk=material_id, cohort_id=cohort_id
    )
    if not may_download(request.user, cohort_id):
        raise PermissionDenied("Only the cohort’s learners and trainers can download this.")
    filename = (slugify(material.title) or "material") + material.extension
    response = FileResponse(material.file.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = material.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
