"""The Wagtail admin home's panel for trainers and cohort managers: cohorts running or
starting in the next eight weeks, how full each is, places on hold, the waiting list, and
who has not answered the pre-course questionnaire."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from bookings.models import Place, PlaceStatus, WaitingStatus
from courses.availability import places_taken
from courses.models import CohortStatus
from learning.evaluation.models import Wave
from learning.workspace import WORKSPACE_PERMISSION, workspace_cohorts

AHEAD = datetime.timedelta(weeks=8)


def upcoming_cohorts(user, now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    cohorts = list(
        workspace_cohorts(user)
        .filter(end_date__gte=today, start_date__lte=today + AHEAD)
        .exclude(status__in=[CohortStatus.DRAFT, CohortStatus.CANCELLED])
        .annotate(
            waiting=Count("waiting_list", filter=Q(waiting_list__status=WaitingStatus.WAITING))
        )
        .order_by("start_date", "pk")[:20]
    )
    ids = [c.pk for c in cohorts]
    taken = places_taken(ids)
    held = counts(
        Place.objects.filter(cohort_id__in=ids, status=PlaceStatus.HELD, hold_expires_at__gt=now)
    )
    unanswered = counts(
        Place.objects.filter(cohort_id__in=ids, status=PlaceStatus.CONFIRMED).exclude(
            evaluation_responses__wave=Wave.BEFORE
        )
    )
    for cohort in cohorts:
        cohort.taken = taken[cohort.pk]
        cohort.fill = round(100 * cohort.taken / cohort.capacity) if cohort.capacity else 0
        cohort.held = held.get(cohort.pk, 0)
        cohort.unanswered = unanswered.get(cohort.pk, 0)
    return cohorts


def counts(places):
    return dict(
        places.values_list("cohort_id").annotate(n=Count("pk")).values_list("cohort_id", "n")
    )


class UpcomingCohortsPanel(Component):
    name = "upcoming_cohorts"
    template_name = "learning/admin/workspace/home_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"cohorts": upcoming_cohorts(self.request.user)}

    def render_html(self, parent_context=None):
        if not self.request.user.has_perm(WORKSPACE_PERMISSION):
            return ""
        return super().render_html(parent_context)
