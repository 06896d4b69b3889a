"""The impact report in the Wagtail admin: the workspace's Evaluation tab (a cohort's report,
who still owes a wave, PDF and CSV), and the course-wide report for a range of end dates,
for staff who manage cohorts.

The tab is for whoever may open the cohort's workspace (its trainers, and staff who manage
cohorts) and may see the course's evaluation; anyone else gets a 403, or a 404 for a cohort
they do not teach, so a guessed address says nothing.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from bookings.finance.csvs import stream_csv, text
from learning.evaluation import documents, report
from learning.evaluation.report_forms import CourseReportForm
from learning.workspace import workspace_cohorts, workspace_context

PERMISSION = "learning.view_courseevaluation"
COURSE_PERMISSION = "courses.change_cohort"


def report_cohort(request, cohort_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return get_object_or_404(workspace_cohorts(request.user), pk=cohort_id)


@require_safe
def cohort_evaluation(request, cohort_id):
    cohort = report_cohort(request, cohort_id)
    found = report.cohort_report(cohort)
    context = workspace_context(
        request,
        cohort,
        "evaluation",
        report=found,
        charts=documents.report_charts(found),
        owed=report.still_owed(cohort, timezone.localdate()),
        unclaimed=report.missing_account_count(cohort),
    )
    return TemplateResponse(request, "learning/evaluation/report/cohort.html", context)


@require_safe
def cohort_evaluation_csv(request, cohort_id):
    found = report.cohort_report(report_cohort(request, cohort_id))
    return report_csv(found)


@require_safe
def cohort_evaluation_pdf(request, cohort_id):
    found = report.cohort_report(report_cohort(request, cohort_id))
    return report_pdf(found)


def report_csv(found):
    rows = (
        [text(cell) if isinstance(cell, str) else cell for cell in row]
        for row in documents.csv_rows(found)
    )
    response = stream_csv(documents.filename(found, "csv"), documents.HEADER, rows)
    response["Cache-Control"] = "private, no-store"
    return response


def report_pdf(found):
    response = HttpResponse(documents.report_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(found, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def course_form(request):
    if not (request.user.has_perm(COURSE_PERMISSION) and request.user.has_perm(PERMISSION)):
        raise PermissionDenied
    return CourseReportForm(request.GET or None)


def course_report_of(form):
    data = form.cleaned_data
    return report.course_report(data["course"], data["start"], data["end"])


@require_safe
def course_evaluation(request):
    form = course_form(request)
    found = course_report_of(form) if form.is_valid() else None
    context = {
        "form": form,
        "report": found,
        "charts": documents.report_charts(found) if found else [],
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "learning/evaluation/report/course.html", context)


@require_safe
def course_evaluation_csv(request):
    form = course_form(request)
    if not form.is_valid():
        return redirect(reverse("learning_evaluation_course") + "?" + request.GET.urlencode())
    return report_csv(course_report_of(form))


@require_safe
def course_evaluation_pdf(request):
    form = course_form(request)
    if not form.is_valid():
        return redirect(reverse("learning_evaluation_course") + "?" + request.GET.urlencode())
    return report_pdf(course_report_of(form))
