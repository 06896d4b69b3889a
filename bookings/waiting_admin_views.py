"""Waiting lists in the Wagtail admin: each cohort's queue, and offering places by hand.

Trainers see the lists of the cohorts they run; staff who manage cohorts or may offer
places by hand (finance, admins) see every list.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from bookings.exceptions import BookingError
from bookings.models import WaitingListEntry, WaitingStatus
from bookings.services.offers import offer_by_hand
from courses.models import Cohort

OFFER_PERMISSION = "bookings.offer_waiting_list_places"


def visible_entries(user):
    entries = WaitingListEntry.objects.select_related("cohort__course", "offered_cohort")
    if user.has_perm(OFFER_PERMISSION) or user.has_perm("courses.change_cohort"):
        return entries
    taught = Cohort.objects.taught_by(user).values("pk")
    return entries.filter(Q(cohort__in=taught) | Q(offered_cohort__in=taught))


def with_queue_position(entries):
    """Annotate `ahead`: how many are waiting before each entry on its own cohort's list."""
    earlier = WaitingListEntry.objects.filter(
        cohort=OuterRef("cohort"), status=WaitingStatus.WAITING
    ).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )
    count = earlier.order_by().values("cohort").annotate(n=Count("pk")).values("n")
    return entries.annotate(ahead=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)))


def queue_position(entry):
    return entry.ahead + 1 if entry.status == WaitingStatus.WAITING else ""


QUEUE_COLUMN = Column("queue", label="Place in queue", accessor=queue_position)


def visible_cohorts(user):
    if user.has_perm(OFFER_PERMISSION) or user.has_perm("courses.change_cohort"):
        return Cohort.objects.all()
    return Cohort.objects.taught_by(user)


class WaitingListIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_queue_position(visible_entries(self.request.user))

    @cached_property
    def filters(self):
        """The cohort filter offers only the user's own cohorts: its choices would otherwise
        name every cohort on the site."""
        filterset = super().filters
        if filterset is not None and "cohort" in filterset.form.fields:
            filterset.form.fields["cohort"].queryset = visible_cohorts(self.request.user)
        return filterset

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == WaitingStatus.WAITING and self.request.user.has_perm(
            OFFER_PERMISSION
        ):
            url = reverse("bookings_waitinglistentry:offer", args=[instance.pk])
            buttons.append(MenuItem("Offer places now", url=url, icon_name="mail", priority=5))
        return buttons


class WaitingListInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_entries(self.request.user), pk=self.pk)


@require_http_methods(["GET", "POST"])
def offer_view(request, pk):
    """Confirm, then hold the entry's places on its cohort for 48 hours and email the link."""
    if not request.user.has_perm(OFFER_PERMISSION):
        raise PermissionDenied
    entry = get_object_or_404(visible_entries(request.user), pk=pk)
    back = reverse("bookings_waitinglistentry:index") + f"?cohort={entry.cohort_id}"
    if request.method == "POST":
        try:
            offer_by_hand(entry_id=entry.pk, actor=request.user)
        except BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"Places held for {entry.name} for 48 hours; the offer is on its way."
            )
        return redirect(back)
    return TemplateResponse(
        request, "bookings/admin/offer_confirm.html", {"entry": entry, "back": back}
    )
