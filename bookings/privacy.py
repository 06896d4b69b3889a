"""A learner's bookings in their data export, and what erasing their account does to them.

The export holds the orders the learner made (with their billing details, invoices, credit
notes, card payments, refunds and timeline), the places booked for them (under their account
or their email; a colleague's place on the same order is theirs, not the buyer's), the
reminders sent about those places, their waiting-list entries and the organisations they
manage.

Orders, places, invoices and credit notes are financial records that must be kept (six years:
see the privacy notice), so an erased account leaves them in place: orders and places lose
the name, email and requirements, and billing details lose the learner's own email. An issued
invoice or credit note is never edited (DESIGN.md): it stays as issued, no longer linked to
anyone's account, because its order no longer is. Waiting-list entries are not kept: they go
with the account, and places held for an open offer are released first."""

from django.db.models import Q

from bookings.models import (
    BillingDetails,
    CreditNote,
    Invoice,
    Order,
    Payment,
    Place,
    PlaceReminder,
    Refund,
    WaitingListEntry,
    WaitingStatus,
)
from bookings.services.waiting import leave_waiting_list

ERASED_NAME = "Erased account"
ERASED_EMAIL = "erased@invalid"


def own_places(user):
    """The places booked for `user`: under their account, or for their email."""
    return Place.objects.filter(Q(attendee=user) | Q(attendee_email__iexact=user.email))


def export_bookings(sender, user, data, **kwargs):
    orders = list(Order.objects.filter(buyer=user).select_related("cohort__course"))
    data["orders"] = [order_record(o) for o in orders]
    data["billing_details"] = billing_records(orders)
    data["invoices"] = [
        document_record(i)
        | {"due_date": i.due_date.isoformat(), "status": i.status, "paid_pence": i.paid_pence}
        for i in Invoice.objects.filter(order__in=orders).select_related("order")
    ]
    data["credit_notes"] = [
        document_record(c) | {"reason": c.reason}
        for c in CreditNote.objects.filter(invoice__order__in=orders).select_related(
            "invoice__order"
        )
    ]
    export_money(orders, data)
    export_places(user, data)
    export_waiting(user, data)
    data["managed_organisations"] = list(user.managed_organisations.values_list("name", flat=True))


def order_record(order):
    return {
        "reference": order.reference,
        "course": order.cohort.course.title,
        "cohort_start": order.cohort.start_date.isoformat(),
        "buyer_name": order.buyer_name,
        "buyer_email": order.buyer_email,
        "status": order.status,
        "payment_method": order.payment_method,
        "total_pence": order.total_pence,
        "created_at": order.created_at.isoformat(),
        # The timeline's kinds and dates: its messages may name colleagues on the order.
        "timeline": [{"what": e.kind, "at": e.created_at.isoformat()} for e in order.events.all()],
    }


def billing_records(orders):
    fields = ["organisation_name", "address_line_1", "address_line_2", "town", "postcode"]
    fields += ["billing_email", "po_number"]
    return [
        {"order": b.order.reference, **{f: getattr(b, f) for f in fields}}
        for b in BillingDetails.objects.filter(order__in=orders).select_related("order")
    ]


def document_record(document):
    """An invoice's or credit note's heading: who it was to and what it came to (its lines
    name every attendee on the order, so they are not repeated here)."""
    order = document.order if hasattr(document, "order") else document.invoice.order
    return {
        "number": document.number,
        "order": order.reference,
        "issue_date": document.issue_date.isoformat(),
        "customer_name": document.customer_name,
        "customer_email": document.customer_email,
        "total_pence": document.total_pence,
    }


def export_money(orders, data):
    data["card_payments"] = [
        {
            "order": p.order.reference,
            "amount_pence": p.amount_pence,
            "refunded_pence": p.refunded_pence,
            "status": p.status,
            "created_at": p.created_at.isoformat(),
        }
        for p in Payment.objects.filter(order__in=orders).select_related("order")
    ]
    data["refunds"] = [
        {
            "order": r.order.reference,
            "amount_pence": r.amount_pence,
            "reason": r.reason,
            "created_at": r.created_at.isoformat(),
        }
        for r in Refund.objects.filter(order__in=orders).select_related("order")
    ]


def export_places(user, data):
    places = list(own_places(user).select_related("order", "cohort__course"))
    data["places"] = [
        {
            "order": p.order.reference,
            "course": p.cohort.course.title,
            "cohort_start": p.cohort.start_date.isoformat(),
            "attendee_name": p.attendee_name,
            "attendee_email": p.attendee_email,
            "profession": p.profession,
            "organisation": p.organisation_name,
            "requirements": p.requirements,
            "status": p.status,
        }
        for p in places
    ]
    data["reminders_sent"] = [
        {"order": r.place.order.reference, "reminder": r.get_kind_display(), "sent_at": r.sent_at}
        for r in PlaceReminder.objects.filter(place__in=places).select_related("place__order")
    ]


def export_waiting(user, data):
    data["waiting_lists"] = [
        {
            "course": e.cohort.course.title,
            "cohort_start": e.cohort.start_date.isoformat(),
            "name": e.name,
            "email": e.email,
            "places_wanted": e.places_wanted,
            "any_other_date": e.any_cohort,
            "status": e.status,
            "joined_at": e.created_at.isoformat(),
        }
        for e in WaitingListEntry.objects.filter(user=user).select_related("cohort__course")
    ]


def anonymise_bookings(sender, user, **kwargs):
    """Names and emails go; the links to the account stay until the user row is deleted
    (the foreign keys are SET_NULL), so that receivers after this one (certificates) still
    find the learner's places by `place__attendee`."""
    offered = WaitingListEntry.objects.filter(user=user, status=WaitingStatus.OFFERED)
    for entry_id in offered.values_list("pk", flat=True):
        leave_waiting_list(entry_id=entry_id, user=user)
    WaitingListEntry.objects.filter(user=user).delete()
    BillingDetails.objects.filter(order__buyer=user, billing_email__iexact=user.email).update(
        billing_email=ERASED_EMAIL
    )
    Order.objects.filter(buyer=user).update(buyer_name=ERASED_NAME, buyer_email=ERASED_EMAIL)
    own_places(user).update(
        attendee_name=ERASED_NAME,
        attendee_email=ERASED_EMAIL,
        organisation_name="",
        requirements="",
    )
