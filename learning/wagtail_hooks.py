from django.http import HttpResponseForbidden
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from learning.attendance import views as attendance_views
from learning.evaluation import report_views, research_views
from learning.evaluation.admin import VIEWSETS as EVALUATION_VIEWSETS
from learning.mailings import views as mailing_views
from learning.mailings.admin import MessageTemplateViewSet
from learning.materials import views as material_views
from learning.quizzes.admin import LearningGroup, ReadOnlyPolicy
from learning.quizzes.models import QuizAttempt, QuizRegrade
from learning.resources import is_private
from learning.workspace import WORKSPACE_PERMISSION
from learning.workspace import views as workspace_views
from learning.workspace.panels import UpcomingCohortsPanel


@hooks.register("before_serve_document")
def keep_resources_private(document, request):
    """Module resources never leave through the public documents URL, even for staff: the
    module's own download link is the one way out, so every download passes its rule."""
    if is_private(document):
        return HttpResponseForbidden("Download this file from its module page.")


for model in (QuizAttempt, QuizRegrade):
    register_permission_policy(model, ReadOnlyPolicy(model))


class LearningMenu(LearningGroup):
    """One "Learning" menu for the app: the quiz screens, evaluation's, message templates."""

    items = (*LearningGroup.items, *EVALUATION_VIEWSETS, MessageTemplateViewSet)


register_snippet(LearningMenu)


@hooks.register("register_admin_urls")
def attendance_urls():
    return [
        path("attendance/", attendance_views.session_list, name="learning_attendance"),
        path(
            "attendance/<int:session_id>/",
            attendance_views.register,
            name="learning_attendance_register",
        ),
        path(
            "attendance/<int:session_id>/mark/",
            attendance_views.save_mark,
            name="learning_attendance_mark",
        ),
        path(
            "attendance/check-in-code/<int:session_id>/",
            attendance_views.check_in_code,
            name="learning_attendance_check_in_code",
        ),
        path(
            "attendance/sign-in-sheet/<int:session_id>/",
            attendance_views.sign_in_sheet,
            name="learning_attendance_sign_in_sheet",
        ),
    ]


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(attendance_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def attendance_menu_item():
    return AttendanceMenuItem(
        "Attendance", reverse("learning_attendance"), icon_name="group", order=310
    )


@hooks.register("register_admin_urls")
def material_urls():
    return [
        path(
            "my-cohorts/<int:cohort_id>/materials/",
            material_views.cohort_materials,
            name="learning_materials_cohort",
        ),
        path(
            "my-cohorts/<int:cohort_id>/materials/<int:material_id>/delete/",
            material_views.delete_material,
            name="learning_materials_delete",
        ),
    ]


@hooks.register("register_admin_urls")
def mailing_urls():
    return [
        path(
            "my-cohorts/<int:cohort_id>/messages/",
            mailing_views.cohort_messages,
            name="learning_messages_cohort",
        ),
        path(
            "my-cohorts/<int:cohort_id>/messages/new/",
            mailing_views.new_message,
            name="learning_messages_new",
        ),
        path(
            "my-cohorts/<int:cohort_id>/messages/<int:message_id>/",
            mailing_views.message_detail,
            name="learning_messages_detail",
        ),
    ]


@hooks.register("register_admin_urls")
def workspace_urls():
    return [
        path("my-cohorts/", workspace_views.my_cohorts, name="learning_my_cohorts"),
        path("my-cohorts/<int:cohort_id>/", workspace_views.cohort_home, name="learning_workspace"),
        path(
            "my-cohorts/<int:cohort_id>/roster/",
            workspace_views.roster,
            name="learning_workspace_roster",
        ),
        path(
            "my-cohorts/<int:cohort_id>/register/",
            workspace_views.sessions,
            name="learning_workspace_sessions",
        ),
    ]


class MyCohortsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(WORKSPACE_PERMISSION)


@hooks.register("register_admin_menu_item")
def my_cohorts_menu_item():
    return MyCohortsMenuItem(
        "My cohorts", reverse("learning_my_cohorts"), icon_name="group", order=305
    )


@hooks.register("construct_homepage_panels")
def upcoming_cohorts_panel(request, panels):
    panels.append(UpcomingCohortsPanel(request))


@hooks.register("register_admin_urls")
def research_urls():
    return [
        path("research-export/", research_views.export_page, name="learning_research_export"),
        path(
            "research-export/answers.csv",
            research_views.export_csv,
            name="learning_research_export_csv",
        ),
        path(
            "research-export/dictionary.csv",
            research_views.dictionary_csv,
            name="learning_research_dictionary_csv",
        ),
    ]


class ResearchMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(research_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def research_menu_item():
    return ResearchMenuItem(
        "Research export", reverse("learning_research_export"), icon_name="table", order=330
    )


@hooks.register("register_admin_urls")
def evaluation_report_urls():
    """The workspace's Evaluation tab and its downloads; the course-wide report for staff."""
    return [
        path(
            "my-cohorts/<int:cohort_id>/evaluation/",
            report_views.cohort_evaluation,
            name="learning_evaluation_cohort",
        ),
        path(
            "my-cohorts/<int:cohort_id>/evaluation.csv",
            report_views.cohort_evaluation_csv,
            name="learning_evaluation_cohort_csv",
        ),
        path(
            "my-cohorts/<int:cohort_id>/evaluation.pdf",
            report_views.cohort_evaluation_pdf,
            name="learning_evaluation_cohort_pdf",
        ),
        path(
            "reports/course-impact/",
            report_views.course_evaluation,
            name="learning_evaluation_course",
        ),
        path(
            "reports/course-impact.csv",
            report_views.course_evaluation_csv,
            name="learning_evaluation_course_csv",
        ),
        path(
            "reports/course-impact.pdf",
            report_views.course_evaluation_pdf,
            name="learning_evaluation_course_pdf",
        ),
    ]


class CourseImpactMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm(report_views.COURSE_PERMISSION) and user.has_perm(
            report_views.PERMISSION
        )


@hooks.register("register_reports_menu_item")
def course_impact_menu_item():
    return CourseImpactMenuItem(
        "Course impact",
        reverse("learning_evaluation_course"),
        icon_name="clipboard-list",
        order=700,
    )
