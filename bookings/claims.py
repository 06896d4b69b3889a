"""A place booked for a colleague becomes theirs when they prove they own its email address:
on confirming that address (at sign-up, or added later to an account), every unclaimed place
booked for it is linked to their account, and with it the learning area."""

from bookings.models import Place


def claim_places(request, email_address, **kwargs):
    """allauth's email_confirmed signal."""
    Place.objects.filter(attendee__isnull=True, attendee_email__iexact=email_address.email).update(
        attendee=email_address.user
    )
