"""The learner's side of check-in: the link in the room's QR code. Opening it shows the
session and one button (a GET changes nothing, so a link preview cannot check anyone in);
pressing it records a pending check-in. Any refusal is a page that says why, and stores
nothing."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from learning.attendance import checkin
from learning.exceptions import CheckInError


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, token):
    try:
        if request.method == "POST":
            record = checkin.check_in(token=token, user=request.user)
            context = {"session": record.session, "check_in": record}
        else:
            context = {"session": checkin.checkable_session(token=token, user=request.user)}
    except CheckInError as error:
        context = {"refusal": error.message}
        return TemplateResponse(request, "learning/attendance/check_in.html", context, status=400)
    return TemplateResponse(request, "learning/attendance/check_in.html", context)
