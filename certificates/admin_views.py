"""Staff screens in the Wagtail admin: change a certificate's status (suspend, revoke,
reinstate) with a reason and a confirmation step, and decide learners' name corrections.
Both need the change permission on certificates (admins, and trainers for the cohorts they
teach: they issue them, so they can put one right)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from certificates import corrections, statuses
from certificates.exceptions import CertificateError
from certificates.forms import CorrectionDecisionForm, StatusForm
from certificates.models import Certificate, CorrectionStatus, NameCorrection, StatusReason
from courses.services import visible_cohorts

PERMISSION = "certificates.change_certificate"


def require_permission(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


def visible_certificates(user):
    return Certificate.objects.filter(place__cohort__in=visible_cohorts(user))


def history(certificate):
    return certificate.events.select_related("actor", "version").order_by("-at", "-pk")


def status_view(request, pk):
    """Choose the action, the kind of reason and a note; then confirm what will change."""
    require_permission(request.user)
    certificate = get_object_or_404(
        visible_certificates(request.user).select_related("place"), pk=pk
    )
    actions = statuses.actions_for(certificate)
    form = StatusForm(request.POST or None, actions=actions)
    context = {"certificate": certificate, "form": form, "history": history(certificate)}
    if request.method == "POST" and form.is_valid():
        if "confirm" not in request.POST:
            context["action"] = form.chosen
            context["reason"] = StatusReason(form.cleaned_data["reason"]).label
            return TemplateResponse(request, "certificates/admin/status_confirm.html", context)
        return apply_status(request, certificate, form)
    return TemplateResponse(request, "certificates/admin/status.html", context)


def apply_status(request, certificate, form):
    try:
        statuses.change_status(
            certificate.pk,
            form.chosen,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except CertificateError as exc:
        messages.error(request, exc.message)
    else:
        done = form.chosen.becomes.label.lower()
        messages.success(request, f"Certificate {certificate.display_code} is now {done}.")
    return redirect("certificates_status", pk=certificate.pk)


def corrections_view(request):
    """Name corrections waiting for a decision, oldest first, and the latest decided."""
    require_permission(request.user)
    rows = NameCorrection.objects.filter(
        certificate__in=visible_certificates(request.user)
    ).select_related("certificate", "requested_by")
    context = {
        "pending": rows.filter(status=CorrectionStatus.PENDING).order_by("requested_at"),
        "decided": rows.exclude(status=CorrectionStatus.PENDING).order_by("-decided_at")[:20],
    }
    return TemplateResponse(request, "certificates/admin/corrections.html", context)


def correction_view(request, pk):
    """One request: the name stated, the name asked for, the learner's note; approve
    (re-issues the certificate) or decline (the learner is told the note)."""
    require_permission(request.user)
    correction = get_object_or_404(
        NameCorrection.objects.filter(
            certificate__in=visible_certificates(request.user)
        ).select_related("certificate__place"),
        pk=pk,
    )
    form = CorrectionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return decide(request, correction, form)
    context = {
        "correction": correction,
        "certificate": correction.certificate,
        "form": form,
        "history": history(correction.certificate),
    }
    return TemplateResponse(request, "certificates/admin/correction.html", context)


def decide(request, correction, form):
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == "approve":
            version = corrections.approve_correction(correction.pk, actor=request.user, note=note)
            messages.success(
                request,
                f"Re-issued as version {version.number} with the name {version.learner_name}: "
                "the learner is emailed the new PDF.",
            )
        else:
            corrections.decline_correction(correction.pk, actor=request.user, note=note)
            messages.success(request, "Declined: the learner is emailed your note.")
    except CertificateError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("certificates_corrections"))
