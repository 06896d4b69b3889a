"""The Certificates menu in the Wagtail admin: completion rules (editable), the
certificates issued (read only; suspending, revoking and reinstating have their own screen,
a button on each listed certificate) and learners' name corrections to decide."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from certificates import admin_views, cohort_views, progress_views
from certificates.models import Certificate, CompletionRule
from certificates.panels import CertificatesDuePanel
from cms.admin_scope import RowScopedSnippetViewSet
from courses.services import visible_cohorts
from learning.quizzes.admin import ReadOnlyPolicy


class CompletionRuleViewSet(SnippetViewSet):
    model = CompletionRule
    icon = "tasks"
    menu_label = "Completion rules"
    list_display = ["course", "attendance_percent", "mandatory_sessions", "evaluation_required"]


class CertificateViewSet(RowScopedSnippetViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = "Certificates"
    inspect_view_enabled = True
    list_display = ["display_code", "place", "kind", "status", "issued_at"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "place__attendee_name"]
    list_export = ["code", "place", "kind", "status", "issued_at", "override_reason"]

    def rows_for(self, user):
        """Trainers: the certificates of the cohorts they teach; cohort managers: all."""
        return Certificate.objects.filter(place__cohort__in=visible_cohorts(user)).values("pk")


class CertificatesGroup(SnippetViewSetGroup):
    menu_label = "Certificates"
    menu_icon = "doc-full"
    menu_order = 320
    items = (CompletionRuleViewSet, CertificateViewSet)


register_permission_policy(Certificate, ReadOnlyPolicy(Certificate))
register_snippet(CertificatesGroup)


@hooks.register("register_admin_urls")
def progress_urls():
    return [
        path(
            "my-cohorts/<int:cohort_id>/progress/",
            progress_views.progress,
            name="certificates_progress",
        ),
        path(
            "my-cohorts/<int:cohort_id>/progress.csv",
            progress_views.progress_csv,
            name="certificates_progress_csv",
        ),
    ]


@hooks.register("register_admin_urls")
def cohort_certificate_urls():
    base = "my-cohorts/<int:cohort_id>/certificates"
    return [
        path(f"{base}/", cohort_views.certificates, name="certificates_cohort"),
        path(f"{base}/issue/", cohort_views.issue_all, name="certificates_issue_all"),
        path(f"{base}/batches/<int:batch_id>/", cohort_views.batch, name="certificates_batch"),
        path(
            f"{base}/override/<int:place_id>/",
            cohort_views.override,
            name="certificates_override",
        ),
        path(f"{base}/all.zip", cohort_views.download_zip, name="certificates_zip"),
        path(
            f"{base}/training-records.csv",
            cohort_views.staff_csv,
            name="certificates_staff_csv",
        ),
    ]


@hooks.register("construct_homepage_panels")
def certificates_due_panel(request, panels):
    panels.append(CertificatesDuePanel(request))


@hooks.register("register_admin_urls")
def status_and_correction_urls():
    return [
        path("certificates/<int:pk>/status/", admin_views.status_view, name="certificates_status"),
        path(
            "certificates/corrections/",
            admin_views.corrections_view,
            name="certificates_corrections",
        ),
        path(
            "certificates/corrections/<int:pk>/",
            admin_views.correction_view,
            name="certificates_correction",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def status_button(snippet, user, next_url=None):
    if isinstance(snippet, Certificate) and user.has_perm(admin_views.PERMISSION):
        url = reverse("certificates_status", args=[snippet.pk])
        yield ListingButton("Suspend, revoke or reinstate", url=url, icon_name="warning")


class CorrectionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def corrections_menu_item():
    return CorrectionsMenuItem(
        "Name corrections", reverse("certificates_corrections"), icon_name="user", order=321
    )
