"""Staff screens in the Wagtail admin: the sessions that have started, one session's register
(saved as a whole form, or one mark at a time by register.mjs through `save_mark`), the
check-in code to project in the room, and the printable sign-in sheet. Trainers see the
cohorts they teach; cohort managers see all; anyone else gets 404 for a session."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from courses.models import CohortSession
from courses.services import visible_cohorts
from learning.attendance import checkin, documents
from learning.attendance.forms import MarkForm, RegisterForm
from learning.attendance.models import PARTIAL, AttendanceRecord, AttendanceStatus
from learning.attendance.services import (
    PERMISSION,
    confirm_check_ins,
    mark_everyone_present,
    pending_check_ins,
    record_attendance,
    register_places,
    unmarked_places,
)
from learning.exceptions import LearningError

STATUS_LABELS = dict(AttendanceStatus.choices)


def visible_sessions(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    return CohortSession.objects.filter(cohort__in=visible_cohorts(user)).select_related(
        "cohort__course"
    )


def visible_session(request, session_id):
    return get_object_or_404(visible_sessions(request.user), pk=session_id)


def session_list(request):
    """Sessions that have started, newest first: those a register can be kept for."""
    sessions = visible_sessions(request.user).filter(starts_at__lte=timezone.now())
    context = {"sessions": sessions.order_by("-starts_at", "pk")[:100]}
    return TemplateResponse(request, "learning/admin/attendance_sessions.html", context)


ACTIONS = {"everyone_present": mark_everyone_present, "confirm_check_ins": confirm_check_ins}


def register(request, session_id):
    session = visible_session(request, session_id)
    if request.method == "POST" and request.POST.get("action") in ACTIONS:
        return run_action(request, session, request.POST["action"])
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
    check_ins = {c.place_id: c for c in pending_check_ins(session)}
    context = {
        "session": session,
        "form": form,
        "check_ins": check_ins,
        "rows": [(*row, check_ins.get(row[0].pk)) for row in form.rows()],
        "unmarked": unmarked_places(session).count(),
        "is_future": session_day_after_today(session),
    }
    return TemplateResponse(request, "learning/admin/attendance_register.html", context)


def session_day_after_today(session):
    return timezone.localtime(session.starts_at).date() > timezone.localdate()


def run_action(request, session, action):
    """ "Mark everyone present" or "Confirm all checked in": one POST, then back to the page."""
    try:
        count = ACTIONS[action](session=session, actor=request.user)
    except LearningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, action_message(action, count))
    return redirect(request.path)


def action_message(action, count):
    people = f"{count} learner{'s' if count != 1 else ''}"
    if action == "everyone_present":
        return f"{people} marked present." if count else "Everyone already has a mark."
    return f"{people} checked in and confirmed." if count else "Nobody is waiting to be confirmed."


@require_POST
def save_mark(request, session_id):
    """One learner's mark, saved as the trainer goes. The same session lookup (404 for a
    session the user may not see), CSRF check and service rules as the whole form."""
    session = visible_session(request, session_id)
    form = MarkForm(request.POST, session=session)
    if not form.is_valid():
        return JsonResponse({"saved": False, "error": form.first_error()}, status=400)
    try:
        record_attendance(session=session, marks=form.marks(), actor=request.user)
    except LearningError as error:
        return JsonResponse({"saved": False, "error": error.message}, status=400)
    return JsonResponse({"saved": True, "message": saved_message(form.cleaned_data)})


def saved_message(data):
    status = STATUS_LABELS[data["status"]].lower()
    if data["status"] in PARTIAL:
        return f"Saved: {status}, {data['minutes']} minutes."
    return f"Saved: {status}."


def check_in_code(request, session_id):
    """The code to project in the room, with when it works."""
    session = visible_session(request, session_id)
    url = checkin.check_in_url(session)
    opens, closes = checkin.window(session)
    context = {
        "session": session,
        "url": url,
        "qr": checkin.qr_data_uri(url),
        "opens": opens,
        "closes": closes,
        "is_open": opens <= timezone.now() <= closes,
    }
    return TemplateResponse(request, "learning/admin/attendance_check_in_code.html", context)


def sign_in_sheet(request, session_id):
    session = visible_session(request, session_id)
    response = HttpResponse(documents.render_sign_in_sheet(session), content_type="application/pdf")
    filename = documents.sign_in_filename(session)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
