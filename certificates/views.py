"""The public verify pages, and the learner's own certificate: as an HTML page, as a PDF
download, and the form to ask for a name correction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from certificates import corrections, ratelimit, selectors
from certificates.codes import grouped, normalise
from certificates.documents import certificate_context, ensure_pdf, qr_svg
from certificates.exceptions import CertificateError
from certificates.forms import NameCorrectionForm, VerifyForm
from certificates.models import CertificateStatus, CorrectionStatus
from cms.middleware import reads_any_text
from cms.page_cache import cache_for_anonymous

SHOWN_INPUT = 40  # characters of a code not found that the page repeats back


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


def version_asked(request):
    """The version number in ?version=, None when not asked, or 0 (no version has it) when
    it is not a number."""
    raw = request.GET.get("version")
    if raw is None:
        return None
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 0


def not_found(request, code, *, malformed):
    context = {
        "form": VerifyForm(initial={"code": code[:SHOWN_INPUT]}),
        "not_found": code[:SHOWN_INPUT] + ("…" if len(code) > SHOWN_INPUT else ""),
        "malformed": malformed,
    }
    return TemplateResponse(request, "certificates/verify.html", context, status=404)


@reads_any_text  # a code as typed, control characters and all, gets "not a certificate code"
def verify_code(request, code):
    """What the certificate states and its status, or a clear "not found". Nothing else: no
    email, no account, no way to list certificates. ?version=N shows an earlier version,
    marked as superseded."""
    if not ratelimit.allowed(request):
        return too_many(request)
    clean = normalise(code)
    if clean is None:
        return not_found(request, code, malformed=True)
    if clean != code:
        return redirect("certificates:verify_code", code=clean)
    number = version_asked(request)
    found = selectors.verifiable(clean, number)
    if found is None and number is not None and selectors.verifiable(clean):
        return redirect("certificates:verify_code", code=clean)  # no such version: the current
    if found is None:
        return not_found(request, grouped(clean), malformed=False)
    certificate, version, versions = found
    context = certificate_context(version)
    context.update(
        form=VerifyForm(initial={"code": grouped(clean)}),
        versions=versions,
        latest=versions[-1],
        superseded=version != versions[-1],
        qr=qr_svg(context["verify_url"]),
    )
    return TemplateResponse(request, "certificates/verify_result.html", context)


def own_certificate(request, code):
    """The signed-in learner's own certificate with `code`, or a 404 (anyone else's is as
    good as missing)."""
    clean = normalise(code)
    certificate = clean and selectors.learner_certificate(request.user, clean)
    if not certificate or certificate.current is None:
        raise Http404("No such certificate of yours.")
    return certificate


@login_required
def certificate_page(request, code):
    """The certificate as an accessible HTML page: the canonical form of what the PDF shows,
    with the learner's links (download, Open Badge, ask for a name correction)."""
    certificate = own_certificate(request, code)
    context = certificate_context(certificate.current)
    context.update(
        qr=qr_svg(context["verify_url"]),
        pending=certificate.name_corrections.filter(status=CorrectionStatus.PENDING).first(),
        can_correct=certificate.status == CertificateStatus.VALID,
    )
    return TemplateResponse(request, "certificates/certificate.html", context)


@login_required
def request_correction(request, code):
    """The learner asks for the name on their certificate to match their register."""
    certificate = own_certificate(request, code)
    current = certificate.current
    form = NameCorrectionForm(request.POST or None, current_name=current.learner_name)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            corrections.request_correction(
                certificate,
                user=request.user,
                name=form.cleaned_data["name"],
                note=form.cleaned_data["note"],
            )
        except CertificateError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                "We have your request. Staff will check it against your register, and we will "
                "email you the corrected certificate or tell you why not.",
            )
            return redirect("certificates:certificate", code=certificate.code)
    context = {"form": form, "certificate": certificate, "version": current, "error": error}
    return TemplateResponse(request, "certificates/correction_form.html", context)


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
