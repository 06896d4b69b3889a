from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bookings.exceptions import BookingError, CodeNotValid, CohortFull
from bookings.forms import MAX_PLACES, AttendeeFormSet, ConfirmForm, PayerForm
from bookings.invoicing.issue import awaiting_po
from bookings.models import (
    Order,
    Organisation,
    Place,
    PlaceStatus,
    WaitingListEntry,
    WaitingStatus,
)
from bookings.payments import stripe_gateway
from bookings.selectors import live_places_by_cohort, waiting_list_entries
from bookings.services.card import settle_checkout_session, start_card_payment
from bookings.services.holds import Attendee, hold_places
from bookings.services.swap import why_not_passable
from cms.accounts import has_verified_email
from courses.availability import availability
from courses.models import Cohort, Delivery
from courses.selectors import long_course_fields


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303  # after a POST, the browser GETs Stripe's Checkout page


def requested_places(request, left):
    try:
        wanted = int(request.GET.get("places", 1))
    except ValueError:
        wanted = 1
    return max(1, min(wanted, left, MAX_PLACES))


@login_required
def book(request, cohort_id):
    cohort = get_object_or_404(Cohort.objects.published().select_related("course"), pk=cohort_id)
    if not has_verified_email(request.user):
        messages.warning(request, "Confirm your email address before you book: check your inbox.")
        return redirect("account_email")
    state = availability(cohort, live_places_by_cohort([cohort.pk]).get(cohort.pk, 0))
    context = {"cohort": cohort, "course": cohort.course, "availability": state}
    if not state.bookable:
        return TemplateResponse(request, "bookings/not_bookable.html", context, status=409)

    tiers = list(cohort.course.price_tiers.order_by("price_pence"))
    form_kwargs = {"tiers": tiers, "in_person": cohort.delivery != Delivery.ONLINE}
    if request.method == "POST":
        formset = AttendeeFormSet(request.POST, form_kwargs=form_kwargs, prefix="attendee")
        payer, confirm = PayerForm(request.POST), ConfirmForm(request.POST)
        if all([formset.is_valid(), payer.is_valid(), confirm.is_valid()]):
            try:
                order = hold_places(
                    cohort_id=cohort.pk,
                    buyer=request.user,
                    attendees=[attendee_from(f.cleaned_data) for f in formset.forms],
                    payment_method="card",
                    discount_code=confirm.cleaned_data["discount_code"],
                    organisation=payer.cleaned_data["organisation"],
                    submission_key=confirm.cleaned_data["submission_key"],
                )
            except CodeNotValid as error:
                confirm.add_error("discount_code", error.message)
            except BookingError as error:
                confirm.add_error(None, error.message)
                context["waiting_list_open"] = isinstance(error, CohortFull)
            else:
                return redirect("bookings:order", reference=order.reference)
    else:
        count = requested_places(request, state.left)
        formset = AttendeeFormSet(
            initial=[me(request.user)] + [{} for _ in range(count - 1)],
            form_kwargs=form_kwargs,
            prefix="attendee",
        )
        payer = PayerForm(initial={"organisation": suggested_organisation(request.user, count)})
        confirm = ConfirmForm(initial={"submission_key": ConfirmForm.new_key()})
    context.update(
        formset=formset,
        payer=payer,
        confirm=confirm,
        place_choices=range(1, min(state.left, MAX_PLACES) + 1),
        places=len(formset.forms),
    )
    return TemplateResponse(request, "bookings/book.html", context)


def suggested_organisation(user, places):
    """Someone booking for colleagues is likely booking for their employer, known by the
    email's domain. One place is more often self-funded: ask, but suggest nothing."""
    return Organisation.objects.for_email(user.email) if places > 1 else None


def me(user):
    return {
        "name": user.certificate_name or user.get_full_name(),
        "email": user.email,
        "profession": user.profession,
        "organisation": user.organisation,
    }


def attendee_from(data):
    return Attendee(
        name=data["name"].strip(),
        email=data["email"],
        price_tier_id=data["price_tier"],
        profession=data["profession"],
        organisation_name=data.get("organisation", "").strip(),
        requirements=data.get("requirements", "").strip(),
    )


@login_required
def order_summary(request, reference):
    orders = Order.objects.select_related(
        "cohort__course", "discount_code", "organisation", "billing"
    )
    # Finance and admins look into any order; trainers (staff too) only into their own.
    if not (request.user.is_staff and request.user.has_perm("bookings.view_order")):
        orders = orders.filter(buyer=request.user)  # someone else's order: not found
    order = get_object_or_404(orders, reference=reference)
    # Places an offer held that nobody was named for were never part of the booking.
    places = order.places.exclude(status=PlaceStatus.CANCELLED, attendee_email="")
    places = list(places.select_related("price_tier", "cohort__course"))
    for place in places:
        place.passable = why_not_passable(place) is None
    offers = WaitingListEntry.objects.filter(order=order, status=WaitingStatus.OFFERED)
    offer = offers.filter(user=request.user).first()  # staff looking in cannot act on it
    context = {
        "order": order,
        "places": places,
        "offer": offer,
        "unnamed": any(not p.attendee_email for p in places),
        "payment": order.payments.order_by("-created_at").first(),
        # Back from Checkout but not yet settled: the payment may still confirm.
        "returned": request.GET.get("returned") == "1",
        "changeable": order.cohort.start_date > timezone.localdate(),
        "sessions": list(order.cohort.sessions.all()),
        "awaiting_po": awaiting_po(order),
    }
    response = TemplateResponse(request, "bookings/order.html", context)
    # The pay button's POST is answered with a redirect to Stripe's Checkout page, which the
    # browser follows only if this page's form-action allows it.
    response._csp_update = {"form-action": [stripe_gateway.checkout_origin()]}
    return response


@login_required
@require_POST
def pay(request, reference):
    order = get_object_or_404(Order, reference=reference, buyer=request.user)
    back = request.build_absolute_uri(reverse("bookings:order", args=[order.reference]))
    done = request.build_absolute_uri(reverse("bookings:payment_return", args=[order.reference]))
    try:
        url = start_card_payment(
            order_id=order.pk,
            success_url=done + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=back,
        )
    except BookingError as error:
        messages.error(request, error.message)
        return redirect("bookings:order", reference=order.reference)
    return HttpResponseSeeOther(url)


@login_required
def payment_return(request, reference):
    """Back from the Checkout page: ask Stripe, so the learner sees the truth at once."""
    order = get_object_or_404(Order, reference=reference, buyer=request.user)
    payment = order.payments.order_by("-created_at").first()
    if payment is not None:
        try:
            session = stripe_gateway.retrieve_checkout_session(payment.checkout_session_id)
            settle_checkout_session(session, source="return page")
        except stripe_gateway.PaymentServiceError:
            pass  # the webhook or the minute's sweep will settle it; meanwhile, "processing"
    url = reverse("bookings:order", args=[order.reference])
    return HttpResponseRedirect(f"{url}?returned=1")


@login_required
def my_bookings(request):
    """Every order the learner made, every place booked for them by someone else, and the
    waiting lists they are on."""
    # A subquery, not a join: a DISTINCT over every column of the order and its course was
    # the page's slowest query.
    booked_for_me = Place.objects.filter(attendee=request.user).values("order_id")
    orders = (
        Order.objects.filter(Q(buyer=request.user) | Q(pk__in=booked_for_me))
        .select_related("cohort__course")
        .defer(*long_course_fields("cohort__course"))
        .prefetch_related("places")
        .order_by("-created_at")
    )
    context = {"orders": orders, "entries": waiting_list_entries(request.user)}
    return TemplateResponse(request, "bookings/my_bookings.html", context)
