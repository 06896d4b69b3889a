"""The waiting list for learners: join it, see where you stand, leave it, and take up or
decline the places offered to you."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bookings.exceptions import BookingError, OfferLinkUsed
from bookings.forms import MAX_PLACES, AttendeeFormSet, JoinWaitingListForm, TermsForm
from bookings.models import Order, PlaceStatus, WaitingListEntry, WaitingStatus
from bookings.selectors import queue_position
from bookings.services import offers, waiting
from bookings.services.holds import cohort_state
from bookings.views import attendee_from, me
from cms.accounts import has_verified_email
from courses.models import Cohort, Delivery


@login_required
def join(request, cohort_id):
    cohort = get_object_or_404(Cohort.objects.published().select_related("course"), pk=cohort_id)
    if not has_verified_email(request.user):
        messages.warning(
            request, "Confirm your email address before you join a waiting list: check your inbox."
        )
        return redirect("account_email")
    if WaitingListEntry.objects.active().filter(cohort=cohort, user=request.user).exists():
        messages.info(request, "You are already on the waiting list for this date.")
        return redirect("bookings:my_bookings")
    state = cohort_state(cohort, timezone.now())
    context = {"cohort": cohort, "course": cohort.course, "availability": state}
    if not (state.bookable or state.waitlist):
        return TemplateResponse(request, "bookings/not_bookable.html", context, status=409)
    form = JoinWaitingListForm(request.POST or None, initial=initial_places(request))
    if request.method == "POST" and form.is_valid():
        try:
            entry = waiting.join_waiting_list(
                cohort_id=cohort.pk,
                user=request.user,
                places_wanted=form.cleaned_data["places_wanted"],
                any_cohort=form.cleaned_data["any_cohort"],
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("bookings:waiting_list_entry", entry_id=entry.pk)
    context["form"] = form
    return TemplateResponse(request, "bookings/waiting_list_join.html", context)


def initial_places(request):
    """The booking form sends people here with the number they wanted."""
    try:
        wanted = int(request.GET.get("places", 1))
    except ValueError:
        wanted = 1
    return {"places_wanted": max(1, min(wanted, MAX_PLACES))}


def own_entry(request, entry_id):
    """The learner's own entry; anyone else's is not found."""
    entries = WaitingListEntry.objects.select_related("cohort__course", "order")
    return get_object_or_404(entries, pk=entry_id, user=request.user)


@login_required
def entry_detail(request, entry_id):
    entry = own_entry(request, entry_id)
    position = queue_position(entry) if entry.status == WaitingStatus.WAITING else None
    return TemplateResponse(
        request,
        "bookings/waiting_list_entry.html",
        {"entry": entry, "cohort": entry.cohort, "position": position},
    )


@login_required
@require_POST
def leave(request, entry_id):
    entry = own_entry(request, entry_id)
    try:
        waiting.leave_waiting_list(entry_id=entry.pk, user=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"You have left the waiting list for {entry.cohort.course}.")
    return redirect("bookings:my_bookings")


@login_required
@require_POST
def decline(request, entry_id):
    entry = own_entry(request, entry_id)
    try:
        offers.decline_offer(entry_id=entry.pk, user=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, DECLINED)
    return redirect("bookings:my_bookings")


DECLINED = "You have declined the places. They will be offered to the next person waiting."


@login_required
def offer(request, token):
    """The link in the offer email. Looking is harmless (mail scanners follow links); taking
    the places up or declining them uses the link, once."""
    entry = offers.entry_for_token(token, request.user)
    if entry is None:
        raise Http404("No such offer")
    if request.method == "POST":
        return act_on_offer(request, token, entry)
    return offer_page(request, entry)


def offer_page(request, entry, error=None):
    state = "open"
    try:
        offers.check_offer_open(entry, timezone.now())
    except BookingError as closed:
        state, error = "closed", error or closed.message
    if state == "open" and entry.offer_link_used_at:
        state, error = "used", error or OfferLinkUsed.message
    context = {"entry": entry, "cohort": entry.offered_cohort, "state": state, "error": error}
    return TemplateResponse(request, "bookings/offer.html", context)


def act_on_offer(request, token, entry):
    try:
        if request.POST.get("action") == "decline":
            offers.decline_offer(entry_id=entry.pk, user=request.user, token=token)
        else:
            order = offers.take_up_offer(token=token, user=request.user)
            return redirect("bookings:offer_attendees", reference=order.reference)
    except BookingError as error:
        entry.refresh_from_db()
        return offer_page(request, entry, error=error.message)
    messages.success(request, DECLINED)
    return redirect("bookings:my_bookings")


@login_required
def offer_attendees(request, reference):
    """Name the people taking up the places an offer holds, then pay."""
    order = get_object_or_404(
        Order.objects.select_related("cohort__course"), reference=reference, buyer=request.user
    )
    entry = get_object_or_404(WaitingListEntry, order=order, status=WaitingStatus.OFFERED)
    held = list(order.places.filter(status=PlaceStatus.HELD))
    if not held or order.hold_expires_at <= timezone.now():
        return redirect("bookings:order", reference=order.reference)
    tiers = list(order.cohort.course.price_tiers.order_by("price_pence"))
    form_kwargs = {"tiers": tiers, "in_person": order.cohort.delivery != Delivery.ONLINE}
    if request.method == "POST":
        formset = AttendeeFormSet(request.POST, form_kwargs=form_kwargs, prefix="attendee")
        terms = TermsForm(request.POST)
        if formset.is_valid() and terms.is_valid():
            try:
                offers.name_offer_places(
                    order_id=order.pk,
                    user=request.user,
                    attendees=[attendee_from(f.cleaned_data) for f in formset.forms],
                )
            except BookingError as error:
                terms.add_error(None, error.message)
            else:
                return redirect("bookings:order", reference=order.reference)
    else:
        formset = AttendeeFormSet(
            initial=named_or_me(request, held), form_kwargs=form_kwargs, prefix="attendee"
        )
        terms = TermsForm()
    context = {
        "order": order,
        "entry": entry,
        "cohort": order.cohort,
        "course": order.cohort.course,
        "formset": formset,
        "confirm": terms,
        "place_choices": range(1, len(held) + 1),
        "places": len(formset.forms),
    }
    return TemplateResponse(request, "bookings/offer_attendees.html", context)


def named_or_me(request, held):
    """Blocks for the held places (or fewer, if asked): as already named, else the learner."""
    try:
        count = max(1, min(int(request.GET.get("places", len(held))), len(held)))
    except ValueError:
        count = len(held)
    blocks = [place_initial(p) for p in held[:count]]
    if not blocks[0]:
        blocks[0] = me(request.user)
    return blocks


def place_initial(place):
    if not place.attendee_email:
        return {}
    return {
        "name": place.attendee_name,
        "email": place.attendee_email,
        "profession": place.profession,
        "organisation": place.organisation_name,
        "price_tier": place.price_tier_id,
        "requirements": place.requirements,
    }
