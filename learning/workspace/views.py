"""My cohorts, and the workspace tabs that belong to learning: the roster and the sessions
whose registers a trainer keeps."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.models import Place, PlaceStatus, WaitingStatus
from bookings.selectors import payment_labels
from cms.models.users import Profession
from courses.availability import places_taken
from courses.models import CohortStatus, Delivery
from learning.evaluation.models import EvaluationResponse, Wave
from learning.workspace import first_tab, workspace_cohorts, workspace_context

PROFESSIONS = dict(Profession.choices)


def my_cohorts(request):
    """The user's cohorts, those running or to come first, with places filled and the
    waiting list."""
    today = timezone.localdate()
    cohorts = list(
        workspace_cohorts(request.user)
        .exclude(status=CohortStatus.DRAFT)
        .annotate(
            waiting=Count("waiting_list", filter=Q(waiting_list__status=WaitingStatus.WAITING))
        )
        .order_by("-start_date", "pk")[:200]
    )
    taken = places_taken(c.pk for c in cohorts)
    for cohort in cohorts:
        cohort.taken = taken[cohort.pk]
    current = [c for c in cohorts if c.end_date >= today]
    context = {
        "current": sorted(current, key=lambda c: (c.start_date, c.pk)),
        "past": [c for c in cohorts if c.end_date < today],
    }
    return TemplateResponse(request, "learning/admin/workspace/my_cohorts.html", context)


def cohort_home(request, cohort_id):
    """The workspace opens on its first tab."""
    cohort = get_object_or_404(workspace_cohorts(request.user), pk=cohort_id)
    return redirect(first_tab().url_name, cohort.pk)


def roster(request, cohort_id):
    cohort = get_object_or_404(workspace_cohorts(request.user), pk=cohort_id)
    places = list(
        Place.objects.filter(cohort=cohort)
        .exclude(status__in=[PlaceStatus.EXPIRED])
        .select_related("attendee")
        .order_by("status", "attendee_name", "pk")
    )
    paid = payment_labels({p.order_id for p in places})
    answered = set(
        EvaluationResponse.objects.filter(place__in=places, wave=Wave.BEFORE).values_list(
            "place_id", flat=True
        )
    )
    for place in places:
        place.payment = paid.get(place.order_id, "")
        place.profession_label = PROFESSIONS.get(place.profession, place.profession)
        place.answered_before = place.pk in answered
    confirmed = [p for p in places if p.status == PlaceStatus.CONFIRMED]
    context = workspace_context(
        request,
        cohort,
        "roster",
        confirmed=confirmed,
        others=[p for p in places if p.status != PlaceStatus.CONFIRMED],
        show_requirements=cohort.delivery != Delivery.ONLINE,
        questionnaire_missing=sum(1 for p in confirmed if not p.answered_before),
    )
    return TemplateResponse(request, "learning/admin/workspace/roster.html", context)


def sessions(request, cohort_id):
    """The cohort's sessions, each with how many are recorded, linking to its register."""
    cohort = get_object_or_404(workspace_cohorts(request.user), pk=cohort_id)
    rows = cohort.sessions.annotate(recorded=Count("attendance")).order_by("starts_at", "pk")
    confirmed = Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED).count()
    context = workspace_context(
        request, cohort, "register", sessions=rows, confirmed=confirmed, now=timezone.now()
    )
    return TemplateResponse(request, "learning/admin/workspace/sessions.html", context)
