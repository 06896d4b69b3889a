"""The Certificates menu in the Wagtail admin: completion rules (editable) and the
certificates issued (read only: revoking, suspending and overrides get their own screens)."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from certificates import cohort_views, progress_views
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
