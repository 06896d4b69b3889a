"""The learner's order pages: joining instructions, the receipt, My bookings — each only to
the person it belongs to, with a fixed number of queries however many bookings there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.bookings.stripe import held_order, paid_order
from tests.factories import UserFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def test_confirmed_order_shows_joining_instructions_and_a_receipt(client, fake_stripe, site):
    order = paid_order(fake_stripe, CohortFactory(venue_name="Weston Education Centre"), n=2)
    client.force_login(order.buyer)
    page = client.get(f"/book/orders/{order.reference}/").content.decode()
    assert "Joining instructions" in page and "Weston Education Centre" in page
    receipt = client.get(f"/book/orders/{order.reference}/receipt/").content.decode()
    assert "Paid by card" in receipt and "£700" in receipt


def test_no_receipt_before_payment_or_for_someone_else(client, fake_stripe, site, other_user):
    pending = held_order(CohortFactory())
    client.force_login(pending.buyer)
    assert client.get(f"/book/orders/{pending.reference}/receipt/").status_code == 404
    paid = paid_order(fake_stripe, CohortFactory())
    client.force_login(other_user)
    assert client.get(f"/book/orders/{paid.reference}/receipt/").status_code == 404
    assert client.get(f"/book/orders/{paid.reference}/").status_code == 404


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_my_bookings_queries_do_not_grow_with_bookings(client, site):
    buyer = UserFactory()
    client.force_login(buyer)
    held_order(CohortFactory(), n=2, buyer=buyer)
    few = count_queries(client, "/account/bookings/")
    for _ in range(4):
        held_order(CohortFactory(), n=3, buyer=buyer)
    assert count_queries(client, "/account/bookings/") == few


def test_order_page_queries_do_not_grow_with_places(client, fake_stripe, site):
    small = paid_order(fake_stripe, CohortFactory())
    client.force_login(small.buyer)
    few = count_queries(client, f"/book/orders/{small.reference}/")
    big = paid_order(fake_stripe, CohortFactory(), n=6, buyer=small.buyer)
    assert count_queries(client, f"/book/orders/{big.reference}/") == few
