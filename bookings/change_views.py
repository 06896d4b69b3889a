"""Changing a booking after it is confirmed: cancel places (with the refund the policy
gives), move a place to another date, and the receipt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from bookings.exceptions import BookingError
from bookings.forms import CancelPlacesForm, TransferForm
from bookings.invoicing.vat import course_rate
from bookings.models import Order, Place, PlaceStatus
from bookings.policy import paid_for, quote_cancellation, transfer_refusal
from bookings.pricing import order_totals
from bookings.services.cancel import cancel_places, cancellable_places
from bookings.services.transfer import transfer_options, transfer_place
from cms.models.settings import default_site_settings
from courses.templatetags.courses_tags import date_range, pounds


@login_required
def receipt(request, reference):
    """A printable receipt for a paid order: what was bought, VAT, and how it was paid."""
    order = get_object_or_404(
        Order.objects.select_related("cohort__course"),
        reference=reference,
        buyer=request.user,
        confirmed_at__isnull=False,
    )
    context = {
        "order": order,
        "places": list(order.places.select_related("price_tier")),
        "payments": list(order.payments.filter(status__in=["paid", "refunded"])),
        "refunds": list(order.refunds.all()),
        "settings": default_site_settings(),
    }
    return TemplateResponse(request, "bookings/receipt.html", context)


@login_required
def cancel(request, reference):
    """Cancel places on a booking, seeing the refund the policy gives before confirming."""
    order = get_object_or_404(
        Order.objects.select_related("cohort__course"), reference=reference, buyer=request.user
    )
    today = timezone.localdate()
    rows = [
        (place, quote_cancellation(order, [place], today)) for place in cancellable_places(order)
    ]
    if not rows:
        messages.info(request, "There are no confirmed places on this booking to cancel.")
        return redirect("bookings:order", reference=reference)
    form = CancelPlacesForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            quote = cancel_places(
                order_id=order.pk, place_ids=form.cleaned_data["places"], actor=request.user
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            refund = (
                f" We are refunding {pounds(quote.amount_pence)}." if quote.amount_pence else ""
            )
            messages.success(request, f"Cancelled.{refund} We have emailed you the details.")
            return redirect("bookings:order", reference=reference)
    context = {"order": order, "rows": rows, "form": form, "policy": rows[0][1].explanation}
    return TemplateResponse(request, "bookings/cancel.html", context)


@login_required
def transfer(request, place_id):
    """Move one confirmed place to another date of the same course."""
    place = get_object_or_404(
        Place.objects.select_related("order", "cohort__course", "price_tier"),
        pk=place_id,
        order__buyer=request.user,
        status=PlaceStatus.CONFIRMED,
    )
    refusal = transfer_refusal(place, timezone.localdate())
    options = [] if refusal else transfer_choices(place)
    form = TransferForm(request.POST if request.method == "POST" else None, options=options)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            order = transfer_place(
                place_id=place.pk, to_cohort_id=form.cleaned_data["cohort"], actor=request.user
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("bookings:order", reference=order.reference)
    context = {"place": place, "form": form, "refusal": refusal, "options": options}
    return TemplateResponse(request, "bookings/transfer.html", context)


class TransferChoice:
    def __init__(self, cohort, difference_pence):
        self.cohort, self.difference_pence = cohort, difference_pence
        if difference_pence > 0:
            money = f"{pounds(difference_pence)} more to pay"
        elif difference_pence < 0:
            money = f"{pounds(-difference_pence)} back to you"
        else:
            money = "nothing more to pay"
        self.label = f"{date_range(cohort)}, {cohort.get_delivery_display().lower()}: {money}"


def transfer_choices(place):
    paid = paid_for(place.order, [place])
    rate = course_rate(place.cohort.course).percent
    return [
        TransferChoice(cohort, order_totals([price], vat_rate_percent=rate).total_pence - paid)
        for cohort, price in transfer_options(place)
    ]
