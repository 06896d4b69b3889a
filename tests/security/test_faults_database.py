"""Fault: the database refuses a write half way through a booking. A trigger (SQLite) or a
CHECK constraint (PostgreSQL), made inside the test's transaction, has the database itself
refuse one insert (the order, the second of its places, its timeline entry): nothing of the
booking is left behind, no place is taken, no discount use is spent, and the buyer is told
so in words."""

import pytest
from django.db import connection

from bookings.models import DiscountCode, Order, OrderEvent, Place
from courses.availability import places_taken
from tests.bookings.test_booking_form import form_data
from tests.factories import UserFactory
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CohortFactory, CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db

# Which insert is refused: the whole order, its second place (Ben's), or its timeline entry.
REFUSALS = {
    "order": (Order, None),
    "second place": (Place, ("attendee_email", "b@x.com")),
    "timeline entry": (OrderEvent, None),
}


def is_sqlite():
    return connection.vendor == "sqlite"


def refuse_inserts(model, match):
    """Make the database refuse an insert into `model`'s table (every row, or those whose
    column holds the value in `match`). SQLite: a trigger that aborts; PostgreSQL: a CHECK
    constraint, NOT VALID so that only new rows are checked. Both are made in the test's
    transaction and rolled back with it."""
    table = model._meta.db_table
    column, value = match or (None, None)
    with connection.cursor() as cursor:
        if is_sqlite():
            when = f"WHEN NEW.{column} = '{value}' " if match else ""
            cursor.execute(
                f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} {when}"
                "BEGIN SELECT RAISE(ABORT, 'refused by the fault test'); END"
            )
        else:
            check = f"{column} <> '{value}'" if match else "false"
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT refuse_{table} CHECK ({check}) NOT VALID"
            )


def allow_inserts(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_sqlite():
            cursor.execute(f"DROP TRIGGER refuse_{table}")
        else:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT refuse_{table}")


@pytest.fixture
def cohort(site):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=site))
    return CohortFactory(course=course, capacity=3)


@pytest.mark.parametrize("refused", REFUSALS, ids=list(REFUSALS))
def test_a_refused_write_leaves_no_half_made_order_and_says_so(client, cohort, refused):
    code = DiscountCodeFactory(code="TEAM10", usage_limit=5)
    client.force_login(UserFactory())
    data = form_data(cohort, [("Amara Okafor", "amara@example.com"), ("Ben Carter", "b@x.com")])
    data["discount_code"] = "TEAM10"
    refuse_inserts(*REFUSALS[refused])

    response = client.post(f"/book/cohorts/{cohort.pk}/", data)
    assert response.status_code == 200  # the form again, not an error page
    assert "We could not save your booking just now" in response.content.decode()
    assert not Order.objects.exists()
    assert not Place.objects.exists()
    assert not OrderEvent.objects.exists()
    assert places_taken([cohort.pk]).get(cohort.pk, 0) == 0
    assert DiscountCode.objects.get(pk=code.pk).times_used == 0


def test_the_same_submission_goes_through_once_the_database_takes_writes(client, cohort):
    client.force_login(UserFactory())
    data = form_data(cohort, [("Amara Okafor", "amara@example.com"), ("Ben Carter", "b@x.com")])
    refuse_inserts(*REFUSALS["second place"])
    assert client.post(f"/book/cohorts/{cohort.pk}/", data).status_code == 200
    allow_inserts(Place)
    response = client.post(f"/book/cohorts/{cohort.pk}/", data)
    order = Order.objects.get()
    assert response["Location"] == f"/book/orders/{order.reference}/"
    assert order.places.count() == 2
