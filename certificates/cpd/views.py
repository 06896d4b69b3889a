"""My learning's CPD records: a chooser, and each regulator's record as PDF or CSV. Only
ever the signed-in learner's own certificates."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from certificates.cpd import documents, records


@login_required
@require_safe
def chooser(request):
    found = records.entries(request.user)
    hours, participatory = records.totals(found)
    context = {
        "regulators": records.ordered_regulators(request.user),
        "default": records.default_regulator(request.user),
        "entries": found,
        "hours": hours,
        "participatory": participatory,
    }
    return TemplateResponse(request, "certificates/cpd/chooser.html", context)


def download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def regulator_or_404(slug):
    regulator = records.REGULATORS.get(slug)
    if regulator is None:
        raise Http404("We make CPD records for the NMC, the GMC and the HCPC.")
    return regulator


@login_required
@require_safe
def record_csv(request, regulator):
    regulator = regulator_or_404(regulator)
    content = documents.record_csv(regulator, records.entries(request.user))
    return download(content, "text/csv; charset=utf-8", documents.filename(regulator, "csv"))


@login_required
@require_safe
def record_pdf(request, regulator):
    regulator = regulator_or_404(regulator)
    found = records.entries(request.user)
    content = documents.record_pdf(regulator, found, learner=request.user)
    return download(content, "application/pdf", documents.filename(regulator, "pdf"))
