"""Organisations' pages: the managers' view of every booking, and passing a place on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from bookings.exceptions import AlreadyAttending, BookingError, OutsideOrganisation
from bookings.forms import OrganisationBookingsFilter, PassOnForm
from bookings.models import Organisation, Place, PlaceStatus
from bookings.selectors import organisation_cohorts, organisation_orders
from bookings.services.swap import NewAttendee, pass_place_on, role_in, why_not_passable

ORDERS_PER_PAGE = 20


@login_required
def organisation_index(request):
    """A manager of one organisation goes straight to it; of several, chooses."""
    organisations = list(Organisation.objects.managed_by(request.user))
    if not organisations:
        raise Http404
    if len(organisations) == 1:
        return redirect("bookings:organisation", pk=organisations[0].pk)
    return TemplateResponse(
        request, "bookings/organisations.html", {"organisations": organisations}
    )


@login_required
def organisation_bookings(request, pk):
    # Not a manager: not found, so the page does not even confirm the organisation books here.
    organisation = get_object_or_404(Organisation.objects.managed_by(request.user), pk=pk)
    filters = OrganisationBookingsFilter(request.GET, cohorts=organisation_cohorts(organisation))
    orders = organisation_orders(organisation, **filters.filters())
    # Not "page" in the context: the base template reads that as the Wagtail page shown.
    listed = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    for order in listed:
        for place in order.listed_places:
            place.passable = why_not_passable(place) is None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation,
        "filters": filters,
        "orders": listed,
        "query": query.urlencode(),
    }
    return TemplateResponse(request, "bookings/organisation_bookings.html", context)


@login_required
def pass_on(request, pk):
    place = get_object_or_404(
        Place.objects.select_related("order__organisation", "cohort__course"), pk=pk
    )
    role = role_in(request.user, place.order)
    if role is None:
        raise Http404
    organisation = place.order.organisation
    back = back_url(place, role)
    blocker = why_not_passable(place)
    form = None
    if blocker is None:
        form = PassOnForm(request.POST or None, organisation=organisation, staff=role == "staff")
        if request.method == "POST" and form.is_valid():
            try:
                passed = pass_place_on(
                    place_id=place.pk,
                    actor=request.user,
                    attendee=NewAttendee(
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        profession=form.cleaned_data["profession"],
                    ),
                    outside_domain=form.cleaned_data.get("outside_domain", False),
                )
            except (OutsideOrganisation, AlreadyAttending) as error:
                form.add_error("email", error.message)
            except BookingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, passed_message(place, passed))
                return redirect(back)
    context = {"place": place, "form": form, "blocker": blocker, "back": back}
    return TemplateResponse(request, "bookings/pass_on.html", context)


def back_url(place, role):
    """Managers and staff came from the organisation's page, the booker from their order."""
    order = place.order
    if role == "booker" or order.organisation_id is None:
        return reverse("bookings:order", args=[order.reference])
    return reverse("bookings:organisation", args=[order.organisation_id])


def passed_message(before, after):
    if after.status == PlaceStatus.CONFIRMED:
        return (
            f"The place is now {after.attendee_name}'s. We have emailed them their joining "
            f"instructions, and told {before.attendee_name} that it was passed on."
        )
    return (
        f"The place is now {after.attendee_name}'s. They will get their joining instructions "
        "when the booking is paid."
    )
