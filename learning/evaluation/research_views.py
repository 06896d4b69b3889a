"""The research export in the Wagtail admin, for staff with the Research permission: a page
that says what the export holds, the CSV itself and its data dictionary as CSV. Staff
without the permission get a 403 that says which permission they lack (and no menu item)."""

from django.template.response import TemplateResponse

from bookings.finance.csvs import stream_csv, text
from learning.evaluation import research
from learning.evaluation.models import EvaluationResponse

PERMISSION = "learning.export_research"


def research_only(view):
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            template = "learning/admin/evaluation/research_denied.html"
            return TemplateResponse(request, template, status=403)
        return view(request, *args, **kwargs)

    return checked


@research_only
def export_page(request):
    consenting = EvaluationResponse.objects.for_research()
    context = {
        "columns": research.COLUMNS,
        "responses": consenting.count(),
        "learners": consenting.values("pseudonym").distinct().count(),
        "small_cell": research.SMALL_CELL,
    }
    return TemplateResponse(request, "learning/admin/evaluation/research_export.html", context)


@research_only
def export_csv(request):
    # Instrument and item wording is typed by staff: kept from running as a formula.
    rows = (
        [*row[:7], text(row[7]), row[8], row[9], text(row[10]), *row[11:]]
        for row in research.export_rows()
    )
    return stream_csv("research-export.csv", research.HEADER, rows)


@research_only
def dictionary_csv(request):
    return stream_csv("research-export-dictionary.csv", ["column", "meaning"], research.COLUMNS)
