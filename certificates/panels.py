"""The Wagtail admin home's panel: certificates waiting to be issued on the user's cohorts
(running, or ended in the last 60 days) — places that meet the rule, or attended a cohort
now over, and have no certificate yet."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component

from bookings.models import Place, PlaceStatus
from certificates.models import CertificateKind
from certificates.rules import progress_many
from courses.models import CohortStatus
from learning.workspace import WORKSPACE_PERMISSION, workspace_cohorts

RECENT = datetime.timedelta(days=60)


def certificates_due(user, today=None):
    """[(cohort, completion due, attendance due)] for cohorts with any due."""
    today = today or timezone.localdate()
    cohorts = (
        workspace_cohorts(user)
        .filter(start_date__lte=today, end_date__gte=today - RECENT)
        .exclude(status=CohortStatus.CANCELLED)
    )
    places = list(
        Place.objects.filter(
            cohort__in=cohorts, status=PlaceStatus.CONFIRMED, certificates__isnull=True
        ).select_related("cohort__course")
    )
    due = {}
    for place_id, progress in progress_many(places).items():
        if progress.award:
            due.setdefault(place_id, progress.award)
    rows = {}
    for place in places:
        award = due.get(place.pk)
        if award:
            row = rows.setdefault(place.cohort_id, [place.cohort, 0, 0])
            row[1 if award == CertificateKind.COMPLETION else 2] += 1
    return sorted(rows.values(), key=lambda row: (row[0].start_date, row[0].pk))


class CertificatesDuePanel(Component):
    name = "certificates_due"
    template_name = "certificates/admin/home_panel.html"
    order = 60

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"rows": certificates_due(self.request.user)}

    def render_html(self, parent_context=None):
        if not self.request.user.has_perm(WORKSPACE_PERMISSION):
            return ""
        return super().render_html(parent_context)
