"""A learner's bookings in their data export, and what erasing their account does to them.

Orders and places are financial records that must be kept (six years for invoices), so an
erased account leaves them in place with the name and email replaced. Waiting-list entries
are not: they go with the account, and places held for an open offer are released first."""

from django.db.models import Q

from bookings.models import Order, Place, WaitingListEntry, WaitingStatus
from bookings.services.waiting import leave_waiting_list

ERASED_NAME = "Erased account"
ERASED_EMAIL = "erased@invalid"


def export_bookings(sender, user, data, **kwargs):
    orders = Order.objects.filter(buyer=user).select_related("cohort__course")
    places = Place.objects.filter(Q(attendee=user) | Q(attendee_email=user.email))
    data["orders"] = [
        {
            "reference": o.reference,
            "course": o.cohort.course.title,
            "cohort_start": o.cohort.start_date.isoformat(),
            "status": o.status,
            "payment_method": o.payment_method,
            "total_pence": o.total_pence,
            "created_at": o.created_at.isoformat(),
        }
        for o in orders
    ]
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
        for p in places.select_related("order", "cohort__course")
    ]
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
    data["managed_organisations"] = list(user.managed_organisations.values_list("name", flat=True))


def anonymise_bookings(sender, user, **kwargs):
    offered = WaitingListEntry.objects.filter(user=user, status=WaitingStatus.OFFERED)
    for entry_id in offered.values_list("pk", flat=True):
        leave_waiting_list(entry_id=entry_id, user=user)
    WaitingListEntry.objects.filter(user=user).delete()
    Order.objects.filter(buyer=user).update(
        buyer=None, buyer_name=ERASED_NAME, buyer_email=ERASED_EMAIL
    )
    Place.objects.filter(Q(attendee=user) | Q(attendee_email=user.email)).update(
        attendee=None,
        attendee_name=ERASED_NAME,
        attendee_email=ERASED_EMAIL,
        requirements="",
    )
