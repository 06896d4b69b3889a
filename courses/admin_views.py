"""Wagtail admin views for cohorts, scoped so that trainers see only the cohorts they run."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic

from courses.availability import places_taken
from courses.services import duplicate_cohort, visible_cohorts


class CohortForm(WagtailAdminModelForm):
    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            taken = places_taken([self.instance.pk])[self.instance.pk]
            if capacity < taken:
                raise forms.ValidationError(
                    f"{taken} places are already taken: the capacity cannot be lower than that."
                )
        return capacity


class CohortIndexView(generic.IndexView):
    """Kept to the user's cohorts by CohortViewSet.rows_for, like every cohort view."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("courses.add_cohort"):
            url = reverse("courses_cohort:duplicate", args=[instance.pk])
            buttons.append(
                MenuItem("Duplicate for the next run", url=url, icon_name="copy", priority=20)
            )
        return buttons


class DuplicateForm(forms.Form):
    start_date = forms.DateField(
        label="First day of the new cohort",
        help_text="Sessions and deadlines move by the same number of days. For example, 2027-03-15",
    )


def duplicate_view(request, pk):
    if not request.user.has_perm("courses.add_cohort"):
        messages.error(request, "You do not have permission to create cohorts.")
        return redirect("courses_cohort:index")
    cohort = get_object_or_404(visible_cohorts(request.user), pk=pk)
    form = DuplicateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        copy = duplicate_cohort(cohort=cohort, start_date=form.cleaned_data["start_date"])
        messages.success(
            request, f"Created a draft copy: {copy}. Check it, then open it for booking."
        )
        return redirect(reverse("courses_cohort:edit", args=[copy.pk]))
    return TemplateResponse(
        request, "courses/admin/duplicate.html", {"form": form, "cohort": cohort}
    )
