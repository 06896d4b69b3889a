"""The demo's organisations: three employers, a manager among the demo logins, and team
bookings made for them through the real services. Seeding twice changes nothing."""

import pytest
from django.contrib.auth.models import Group

from bookings import demo as bookings_demo
from bookings.models import Order, Organisation
from courses import demo as courses_demo

pytestmark = pytest.mark.django_db


def test_demo_organisations_and_their_team_bookings(seeded):
    courses_demo.seed()
    bookings_demo.seed()
    orders = Order.objects.filter(organisation__isnull=False).count()
    assert sorted(Organisation.objects.values_list("kind", flat=True)) == [
        "gp_practice",
        "local_authority",
        "nhs_trust",
    ]
    for organisation in Organisation.objects.all():
        organisation.full_clean()
        assert organisation.orders.exists()
    trust = Organisation.objects.get(kind="nhs_trust")
    assert trust.managers.filter(email="manager@example.com").exists()
    assert all(o.places.count() > 1 for o in Order.objects.filter(organisation__isnull=False))
    finance = Group.objects.get(name="Finance")
    assert finance.permissions.filter(codename="change_organisation").exists()

    bookings_demo.seed()
    assert Order.objects.filter(organisation__isnull=False).count() == orders
    assert Organisation.objects.count() == 3
