"""The workspace's Certificates tab: each learner's status and certificates, issuing for all
who qualify (confirm, then a Celery group with a progress page), issuing one with an override
reason, and the cohort's ZIP of PDFs and CSV for employers.

Who sees a cohort is the workspace's rule (its trainers, and staff who manage cohorts);
looking needs certificates.view_certificate, issuing certificates.add_certificate. Another
cohort's URLs are 404s, whatever the id."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.finance.csvs import stream_csv
from certificates import services
from certificates.cohort import cohort_rows, due_counts, due_rows
from certificates.exceptions import COUNT_CHANGED, CertificateError
from certificates.exports import STAFF_CSV_HEADER, cohort_zip, staff_csv_lines
from certificates.forms import IssueAllForm, OverrideForm
from certificates.models import CertificateBatch
from learning.workspace import workspace_cohorts, workspace_context

VIEW = "certificates.view_certificate"
ISSUE = "certificates.add_certificate"
# A batch whose tasks have not all run after this long is stuck (no worker): stop
# refreshing and say so, rather than spin for ever.
PATIENCE = datetime.timedelta(minutes=15)


def cohort_for(request, cohort_id, permission=VIEW):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(workspace_cohorts(request.user), pk=cohort_id)


def tab(request, cohort, template, **context):
    context = workspace_context(request, cohort, "certificates", **context)
    return TemplateResponse(request, template, context)


def certificates(request, cohort_id):
    cohort = cohort_for(request, cohort_id)
    rows = cohort_rows(cohort)
    completion, attendance = due_counts(rows)
    return tab(
        request,
        cohort,
        "certificates/admin/cohort.html",
        rows=rows,
        due_completion=completion,
        due_attendance=attendance,
        can_issue=request.user.has_perm(ISSUE),
        can_change=request.user.has_perm("certificates.change_certificate"),
        batch=cohort.certificate_batches.first(),
    )


def issue_all(request, cohort_id):
    """GET: how many will be issued and emailed, and to whom. POST (with the form's
    submission key and that number): the batch, then its progress page."""
    cohort = cohort_for(request, cohort_id, ISSUE)
    form = IssueAllForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.start_batch(
                cohort,
                actor=request.user,
                key=form.cleaned_data["key"],
                expected=form.cleaned_data["count"],
            )
        except CertificateError as error:
            messages.error(request, error.message)
            if error.message != COUNT_CHANGED:
                return redirect("certificates_cohort", cohort.pk)
            form = IssueAllForm()  # show the new number, with a new key
        else:
            return redirect("certificates_batch", cohort.pk, batch.pk)
    due = due_rows(cohort_rows(cohort))
    completion, attendance = due_counts(due)
    form.fields["count"].initial = len(due)
    return tab(
        request,
        cohort,
        "certificates/admin/issue_all.html",
        form=form,
        due=due,
        due_completion=completion,
        due_attendance=attendance,
    )


def batch(request, cohort_id, batch_id):
    cohort = cohort_for(request, cohort_id)
    found = get_object_or_404(CertificateBatch.objects.filter(cohort=cohort), pk=batch_id)
    progress = services.batch_progress(found)
    stuck = not progress.finished and timezone.now() - found.created_at > PATIENCE
    refresh = not progress.finished and not stuck
    template = "certificates/admin/batch.html"
    if request.GET.get("fragment"):  # the page's script asks for the status alone
        template = "certificates/admin/batch_status.html"
    context = {"batch": found, "progress": progress, "stuck": stuck, "refresh": refresh}
    return tab(request, cohort, template, **context)


def override(request, cohort_id, place_id):
    """Issue a certificate of completion to one learner who has not met the rule, with the
    reason (kept on the certificate)."""
    cohort = cohort_for(request, cohort_id, ISSUE)
    rows = [row for row in cohort_rows(cohort) if row.place.pk == place_id]
    if not rows:
        raise Http404("No confirmed place with that id on this cohort.")
    row = rows[0]
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.override_certificate(
                row.place.pk, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except CertificateError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(
                request,
                f"{certificate.get_kind_display()} {certificate.display_code} issued to "
                f"{row.place.attendee_name}; it is being emailed to them.",
            )
            return redirect("certificates_cohort", cohort.pk)
    return tab(request, cohort, "certificates/admin/override.html", form=form, row=row)


def download_zip(request, cohort_id):
    cohort = cohort_for(request, cohort_id)
    archive, count = cohort_zip(cohort)
    if not count:
        messages.error(request, "This cohort has no valid certificates to download yet.")
        return redirect("certificates_cohort", cohort.pk)
    filename = f"certificates-{cohort.start_date.isoformat()}-{cohort.pk}.zip"
    response = FileResponse(archive, as_attachment=True, filename=filename)
    response["Content-Type"] = "application/zip"
    response["Cache-Control"] = "private, no-store"
    return response


def staff_csv(request, cohort_id):
    cohort = cohort_for(request, cohort_id)
    filename = f"training-records-{cohort.course.slug}-{cohort.start_date.isoformat()}.csv"
    response = stream_csv(filename, STAFF_CSV_HEADER, staff_csv_lines(cohort))
    response["Cache-Control"] = "private, no-store"
    return response
