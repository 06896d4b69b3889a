"""Staff screens in the Wagtail admin: the sessions that have started, and one session's
register. Trainers see the cohorts they teach; cohort managers see all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from courses.models import CohortSession
from courses.services import visible_cohorts
from learning.attendance.forms import RegisterForm
from learning.attendance.models import AttendanceRecord
from learning.attendance.services import record_attendance, register_places
from learning.exceptions import LearningError

PERMISSION = "learning.add_attendancerecord"


def visible_sessions(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    return CohortSession.objects.filter(cohort__in=visible_cohorts(user)).select_related(
        "cohort__course"
    )


def session_list(request):
    """Sessions that have started, newest first: those a register can be kept for."""
    sessions = visible_sessions(request.user).filter(starts_at__lte=timezone.now())
    context = {"sessions": sessions.order_by("-starts_at", "pk")[:100]}
    return TemplateResponse(request, "learning/admin/attendance_sessions.html", context)


def register(request, session_id):
    session = get_object_or_404(visible_sessions(request.user), pk=session_id)
    places = register_places(session)
    records = {r.place_id: r for r in AttendanceRecord.objects.filter(session=session)}
    form = RegisterForm(request.POST or None, session=session, places=places, records=records)
    if request.method == "POST" and form.is_valid():
        try:
            record_attendance(session=session, marks=form.marks(), actor=request.user)
        except LearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Attendance saved for {session}.")
            return redirect(request.path)
    context = {"session": session, "form": form}
    return TemplateResponse(request, "learning/admin/attendance_register.html", context)
