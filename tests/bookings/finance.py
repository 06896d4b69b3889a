"""Invoices for the finance tests, made the way the site makes them: an invoice booking
held and confirmed through the services, its billing details given, then `issue_invoice`."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from bookings.invoicing.issue import issue_invoice
from bookings.models import BillingDetails
from cms.groups import sync_groups
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory
from tests.factories.bookings import OrganisationFactory, billing_for, book_for
from tests.factories.courses import CohortFactory


def billed_order(*, organisation=None, cohort=None, people=1, po="PO-1001"):
    """A confirmed invoice booking with its billing details (PO blank when `po` is "")."""
    organisation = organisation or OrganisationFactory()
    cohort = cohort or CohortFactory(capacity=200)
    start = cohort.places.count()
    names = [(f"Attendee {start + i}", f"a{start + i}@riverside.nhs.uk") for i in range(people)]
    order = book_for(organisation, cohort, names)
    BillingDetails.objects.create(order=order, **billing_for(organisation, po_number=po))
    return order


def invoiced(*, days_ago=0, **kwargs):
    """An issued invoice; `days_ago` back-dates its issue (and so its 30-day due date)."""
    order = billed_order(**kwargs)
    today = timezone.localdate() - datetime.timedelta(days=days_ago)
    return issue_invoice(order_id=order.pk, today=today)


def staff_in(client, group):
    """A staff user with an authenticator, in `group` (or a superuser when group is None)."""
    sync_groups()
    user = StaffUserFactory(is_superuser=group is None)
    if group:
        user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return user
