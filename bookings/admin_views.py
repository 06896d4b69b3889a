"""Staff actions on an order in the Wagtail admin: cancel places (refund by the policy, or a
percentage staff choose), refund an amount, and move a place to another date. Each goes
through the same service the learner's own pages use, and lands on the order's timeline.
Finance and admins only (the `bookings.manage_order` permission); trainers never see money."""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from bookings.exceptions import BookingError
from bookings.invoicing.issue import credit_order
from bookings.models import Order, PlaceStatus
from bookings.policy import paid_for, quote_cancellation
from bookings.services.cancel import cancel_places, cancellable_places
from bookings.services.refunds import pounds, refund_order
from bookings.services.transfer import transfer_place
from cms.forms import PlainTextForm


class StaffCancelForm(PlainTextForm, forms.Form):
    places = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one place to cancel."},
    )
    percent = forms.IntegerField(
        label="Refund (% of what was paid)",
        min_value=0,
        max_value=100,
        help_text="Filled in from the course's policy; change it to make an exception.",
    )
    reason = forms.CharField(max_length=200, help_text="Shown on the order's timeline.")


class StaffRefundForm(PlainTextForm, forms.Form):
    amount = forms.DecimalField(label="Amount (£)", min_value=0.01, decimal_places=2)
    reason = forms.CharField(max_length=200, help_text="Shown on the order's timeline.")
    nonce = forms.CharField(widget=forms.HiddenInput)  # a double submit refunds once

    def clean_amount(self):
        return int(self.cleaned_data["amount"] * 100)


class StaffMoveForm(forms.Form):
    place = forms.TypedChoiceField(coerce=int, label="Place")
    cohort = forms.TypedChoiceField(coerce=int, label="Move to")
    charge_difference = forms.BooleanField(
        required=False,
        label="Charge or refund any price difference",
        help_text="Leave unticked to move the place at the price already paid.",
    )


class OrderActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "tasks"

    def dispatch(self, request, pk):
        if not request.user.has_perm("bookings.manage_order"):
            raise PermissionDenied
        self.order = get_object_or_404(Order.objects.select_related("cohort__course"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return f"{self.order.reference}: {self.order.cohort}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_url=self.request.path, submit_button_label=self.submit_label)
        return context

    def done(self, message):
        messages.success(self.request, message)
        return redirect(reverse("bookings_order:inspect", args=[self.order.pk]))

    def form_valid(self, form):
        try:
            return self.act(form.cleaned_data)
        except BookingError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)


class CancelView(OrderActionView):
    form_class = StaffCancelForm
    page_title = "Cancel places"
    submit_label = "Cancel the chosen places"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        places = list(cancellable_places(self.order))
        form.fields["places"].choices = [(p.pk, p.attendee_name) for p in places]
        quote = quote_cancellation(self.order, places, timezone.localdate()) if places else None
        form.fields["percent"].initial = quote.percent if quote else 0
        if quote:
            form.fields[
                "percent"
            ].help_text = f"{quote.explanation} {form.fields['percent'].help_text}"
        return form

    def act(self, data):
        quote = cancel_places(
            order_id=self.order.pk,
            place_ids=data["places"],
            actor=self.request.user,
            percent=data["percent"],
            reason=data["reason"],
        )
        return self.done(f"Cancelled; {pounds(quote.amount_pence)} refunded.")


class RefundView(OrderActionView):
    form_class = StaffRefundForm
    page_title = "Refund"
    submit_label = "Refund to the card"

    def get_initial(self):
        return {"nonce": secrets.token_urlsafe(12)}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        left = paid_for(self.order, list(self.order.places.all()))
        form.fields["amount"].help_text = f"Up to {pounds(left)} is left to refund on the card."
        return form

    def act(self, data):
        with transaction.atomic():
            refund = refund_order(
                order=self.order,
                amount_pence=data["amount"],
                key=f"staff-refund-{self.order.pk}-{data['nonce']}",
                reason=data["reason"],
                actor=self.request.user,
            )
            if refund is None:
                raise BookingError("Nothing is left to refund on a card payment for this order.")
            credit_order(
                order=self.order,
                amount_pence=refund.amount_pence,
                reason=f"Refunded: {data['reason']}",
                actor=self.request.user,
            )
        return self.done(f"{pounds(refund.amount_pence)} refunded.")


class MoveView(OrderActionView):
    form_class = StaffMoveForm
    page_title = "Move a place to another date"
    submit_label = "Move the place"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        places = self.order.places.filter(status=PlaceStatus.CONFIRMED)
        form.fields["place"].choices = [(p.pk, p.attendee_name) for p in places]
        cohorts = self.order.cohort.course.cohorts.upcoming().exclude(pk=self.order.cohort_id)
        form.fields["cohort"].choices = [(c.pk, str(c)) for c in cohorts]
        return form

    def act(self, data):
        if not self.order.places.filter(pk=data["place"], status=PlaceStatus.CONFIRMED).exists():
            raise BookingError("Choose a confirmed place on this order.")
        moved = transfer_place(
            place_id=data["place"],
            to_cohort_id=data["cohort"],
            actor=self.request.user,
            staff=True,
            waive_difference=not data["charge_difference"],
        )
        return self.done(f"Moved: new booking {moved.reference} ({moved.get_status_display()}).")
