from django.urls import path
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cms.admin_scope import RowScopedMixin
from courses import admin_views
from courses.models import Cohort, CoursePage
from courses.services import visible_cohorts


class CohortViewSet(RowScopedMixin, ModelViewSet):
    model = Cohort
    icon = "date"
    menu_label = "Cohorts"
    url_prefix = "courses/cohorts"
    add_to_admin_menu = False
    index_view_class = admin_views.CohortIndexView
    inspect_view_enabled = True
    copy_view_enabled = False  # "Duplicate" below makes a draft with the sessions moved
    list_display = ["__str__", "status", "delivery", "start_date", "capacity"]
    list_filter = ["status", "delivery", "course", "start_date"]
    search_fields = ["title", "course__title", "venue_name"]
    list_export = ["course", "title", "delivery", "start_date", "end_date", "capacity", "status"]
    ordering = ["-start_date"]
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("delivery"), FieldPanel("status"), FieldPanel("capacity")]),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            MultiFieldPanel(
                [
                    FieldPanel("booking_opens"),
                    FieldPanel("booking_closes"),
                    FieldPanel("early_bird_deadline"),
                ],
                heading="Booking window",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("venue_name"),
                    FieldPanel("venue_address"),
                    FieldPanel("joining_details"),
                ],
                heading="Where",
            ),
            FieldPanel("trainers"),
            InlinePanel("sessions", heading="Sessions", label="Session", min_num=1),
        ],
        base_form_class=admin_views.CohortForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("duplicate/<int:pk>/", admin_views.duplicate_view, name="duplicate")
        ]

    def rows_for(self, user):
        """Trainers: the cohorts they teach (edit, history and usage too); managers: all."""
        return visible_cohorts(user).values("pk")


class CoursesGroup(ModelViewSetGroup):
    menu_label = "Courses"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = [CohortViewSet("courses_cohort")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CoursesGroup()


def manages_courses(user):
    return user.has_perm("courses.change_cohort")


@hooks.register("before_edit_page")
@hooks.register("before_delete_page")
@hooks.register("before_move_page")
@hooks.register("before_copy_page")
def keep_course_pages_to_managers(request, page, *args):
    """Trainers' page permissions on a course reach its modules, not the course page: its
    prices, policies and public text are the cohort managers'."""
    if page.specific_class is CoursePage and not manages_courses(request.user):
        return permission_denied(request)


@hooks.register("before_create_page")
def only_managers_add_courses(request, parent_page, page_class):
    if page_class is CoursePage and not manages_courses(request.user):
        return permission_denied(request)
