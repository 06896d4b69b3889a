"""The public verify pages and the learner's own certificate download."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from certificates import ratelimit, selectors
from certificates.codes import grouped, normalise
from certificates.documents import ensure_pdf
from certificates.forms import VerifyForm
from cms.page_cache import cache_for_anonymous


def too_many(request):
    context = {"form": VerifyForm(), "too_many": True}
    return TemplateResponse(request, "certificates/verify.html", context, status=429)


@cache_for_anonymous  # the empty form only: a code in the query string is never cached
def verify(request):
    """A form for the code; a well-formed code goes to its own page (the QR target)."""
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify_code", code=form.cleaned_data["code"])
    return TemplateResponse(request, "certificates/verify.html", {"form": form})


def verify_code(request, code):
    """What the certificate states and its status, or a clear "not found". Nothing else: no
    email, no account, no way to list certificates."""
    if not ratelimit.allowed(request):
        return too_many(request)
    clean = normalise(code)
    if clean and clean != code:
        return redirect("certificates:verify_code", code=clean)
    found = selectors.verifiable(clean) if clean else None
    context = {"form": VerifyForm(initial={"code": grouped(clean) if clean else code})}
    if found is None:
        context["not_found"] = code
        return TemplateResponse(request, "certificates/verify.html", context, status=404)
    context["certificate"], context["version"] = found
    return TemplateResponse(request, "certificates/verify_result.html", context)


@login_required
def download(request, code):
    """The learner's own certificate PDF; anyone else's is as good as missing."""
    certificate = selectors.learner_certificate(request.user, code)
    version = certificate and certificate.current
    if version is None:
        raise Http404("No such certificate of yours.")
    pdf = ensure_pdf(version)  # rendered now if the task has not run or the file is gone
    response = FileResponse(
        pdf.open("rb"), as_attachment=True, filename=f"certificate-{certificate.code}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
