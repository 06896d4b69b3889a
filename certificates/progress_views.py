"""The workspace's Progress tab: the matrix on screen and as CSV."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.finance.csvs import stream_csv, text
from certificates.progress import cohort_progress
from learning.workspace import workspace_cohorts, workspace_context

PERMISSION = "learning.view_quizattempt"


def progress_cohort(request, cohort_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return get_object_or_404(workspace_cohorts(request.user), pk=cohort_id)


def progress(request, cohort_id):
    cohort = progress_cohort(request, cohort_id)
    modules, rows = cohort_progress(cohort)
    context = workspace_context(request, cohort, "progress", modules=modules, rows=rows)
    return TemplateResponse(request, "certificates/admin/progress.html", context)


def progress_csv(request, cohort_id):
    cohort = progress_cohort(request, cohort_id)
    modules, rows = cohort_progress(cohort)
    header = ["Learner", "Organisation"]
    for module in modules:
        header += [f"{module.title}: done", f"{module.title}: best quiz score (%)"]
    header += [
        "Live sessions attended",
        "Participatory CPD hours",
        "Self-directed CPD hours",
        "Certificate due now",
        "Still needed for completion",
    ]
    lines = (csv_row(row) for row in rows)
    filename = f"progress-{cohort.start_date.isoformat()}-{cohort.pk}-{timezone.localdate()}.csv"
    return stream_csv(filename, header, lines)


def csv_row(row):
    line = [text(row.place.attendee_name), text(row.place.organisation_name)]
    for cell in row.cells:
        line += ["yes" if cell.done else "no", "" if cell.best is None else cell.best]
    p = row.progress
    line += [
        f"{p.sessions_attended} of {p.sessions_total}",
        p.participatory_hours,
        p.self_directed_hours,
        p.award.label if p.award else "",
        text(p.missing_text),
    ]
    return line
