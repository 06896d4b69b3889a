"""The learner's evaluation pages: research consent (under /account/), one wave's questions,
and the thank-you page. Only the learner holding the confirmed place sees its waves: anyone
else gets a 404, so a guessed address says nothing about who is on which course."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from bookings.models import Place, PlaceStatus
from learning import exceptions
from learning.evaluation import selectors, services, waves
from learning.evaluation.forms import ConsentForm, WaveForm
from learning.evaluation.models import EvaluationResponse, Wave
from learning.exceptions import EvaluationError


@login_required
def consent(request):
    current = selectors.consent_of(request.user)
    next_url = safe_next(request)
    initial = {"agreed": "yes" if current.agreed else "no"} if current else {}
    form = ConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        agreed = form.cleaned_data["agreed"] == "yes"
        services.record_consent(user=request.user, agreed=agreed)
        messages.success(request, "Your choice is saved. You can change it here at any time.")
        return HttpResponseRedirect(next_url or reverse("learning:research_consent"))
    context = {"form": form, "current": current, "next": next_url}
    return TemplateResponse(request, "learning/evaluation/consent.html", context)


def safe_next(request):
    """A path on this site to go back to. Anything else (another host, a scheme, a bare word
    that redirect() would try as a URL name) is ignored."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if not wanted.startswith("/") or wanted.startswith(("//", "/\\")):
        return ""
    allowed = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if allowed else ""


def learners_place(request, place_id, wave):
    """The signed-in learner's confirmed place, for a wave its course asks; or 404."""
    place = get_object_or_404(
        Place.objects.select_related("cohort__course"),
        pk=place_id,
        attendee=request.user,
        status=PlaceStatus.CONFIRMED,
    )
    instruments = selectors.wave_instruments(place.cohort.course_id, wave) if wave in Wave else []
    if not instruments:
        raise Http404("This course does not ask for answers at that point.")
    return place, instruments


@login_required
def wave_page(request, place_id, wave):
    place, instruments = learners_place(request, place_id, wave)
    thanks = reverse("learning:evaluation_thanks", args=[place.pk, wave])
    if EvaluationResponse.objects.filter(place=place, wave=wave).exists():
        if request.method == "POST":
            messages.error(request, exceptions.WAVE_ANSWERED)
        return redirect(thanks)
    if selectors.consent_of(request.user) is None:
        return redirect(reverse("learning:research_consent") + f"?next={request.path}")
    closed = waves.why_closed(place.cohort, wave, timezone.localdate())
    form = WaveForm(instruments, wave, request.POST if request.method == "POST" else None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            services.submit_wave(
                user=request.user, place_id=place.pk, wave=wave, answers=form.answers()
            )
        except EvaluationError as error:
            if error.message == exceptions.WAVE_ANSWERED:
                messages.error(request, error.message)
                return redirect(thanks)
            form.add_error(None, error.message)
        else:
            return redirect(thanks)
    context = {"place": place, "wave": Wave(wave), "form": form, "closed": closed}
    return TemplateResponse(request, "learning/evaluation/wave.html", context)


@login_required
def thanks(request, place_id, wave):
    place, _ = learners_place(request, place_id, wave)
    response = get_object_or_404(EvaluationResponse, place=place, wave=wave)
    context = {"place": place, "wave": Wave(wave), "response": response}
    return TemplateResponse(request, "learning/evaluation/thanks.html", context)
