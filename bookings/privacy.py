"""A learner's bookings in their data export, and what erasing their account does to them.

Orders and places are financial records that must be kept (six years for invoices), so an
erased account leaves them in place with the name and email replaced."""

from django.db.models import Q

from bookings.models import Order, Place

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
    data["managed_organisations"] = list(user.managed_organisations.values_list("name", flat=True))


def anonymise_bookings(sender, user, **kwargs):
    Order.objects.filter(buyer=user).update(
        buyer=None, buyer_name=ERASED_NAME, buyer_email=ERASED_EMAIL
    )
    Place.objects.filter(Q(attendee=user) | Q(attendee_email=user.email)).update(
        attendee=None,
        attendee_name=ERASED_NAME,
        attendee_email=ERASED_EMAIL,
        requirements="",
    )
