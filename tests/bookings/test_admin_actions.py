"""Staff actions on orders in the Wagtail admin: Finance cancels (with an exception to the
policy), refunds and moves places; trainers cannot; every action is on the timeline."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from bookings.models import OrderStatus, PlaceStatus, Refund
from cms.groups import sync_groups
from tests.bookings.stripe import paid_order
from tests.factories import StaffUserFactory, TOTPAuthenticatorFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


def staff_in(client, group):
    sync_groups()
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=group))
    TOTPAuthenticatorFactory(user=user)
    client.force_login(user)
    return user


@pytest.fixture
def order(fake_stripe, site):
    start = timezone.localdate() + datetime.timedelta(days=10)  # inside "no refund"
    return paid_order(fake_stripe, CohortFactory(start_date=start), n=2)


def test_finance_cancels_with_a_full_refund_against_the_policy(client, order):
    staff_in(client, "Finance")
    url = f"/admin/bookings/orders/{order.pk}/cancel/"
    page = client.get(url).content.decode()
    assert "No refund" in page and 'value="0"' in page
    places = list(order.places.values_list("pk", flat=True))
    response = client.post(url, {"places": places, "percent": 100, "reason": "Ward closure"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Refund.objects.get(order=order).amount_pence == 70000
    assert order.events.filter(kind="cancelled", message__contains="Ward closure").exists()


def test_a_double_submitted_refund_refunds_once(client, order):
    staff_in(client, "Finance")
    url = f"/admin/bookings/orders/{order.pk}/refund/"
    data = {"amount": "50.00", "reason": "Goodwill", "nonce": "same-form"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert list(Refund.objects.values_list("amount_pence", flat=True)) == [5000]


def test_refund_form_errors_are_in_plain_words(client, order):
    staff_in(client, "Finance")
    url = f"/admin/bookings/orders/{order.pk}/refund/"
    page = client.post(url, {"amount": "", "reason": "", "nonce": "x"}).content.decode()
    assert "This field is required" in page
    assert not Refund.objects.exists()


def test_finance_moves_a_place_at_the_price_paid(client, order):
    staff_in(client, "Finance")
    later = CohortFactory(
        course=order.cohort.course, start_date=order.cohort.start_date + datetime.timedelta(days=60)
    )
    place = order.places.first()
    url = f"/admin/bookings/orders/{order.pk}/move/"
    assert client.post(url, {"place": place.pk, "cohort": later.pk}).status_code == 302
    place.refresh_from_db()
    assert place.status == PlaceStatus.TRANSFERRED
    assert later.places.get().status == PlaceStatus.CONFIRMED


@pytest.mark.parametrize("action", ["cancel", "refund", "move"])
def test_trainers_cannot_touch_money(client, order, action):
    staff_in(client, "Trainers")
    url = f"/admin/bookings/orders/{order.pk}/{action}/"
    for response in (client.get(url), client.post(url, {"amount": "10", "reason": "x"})):
        # Wagtail answers "permission denied" by sending staff back to the dashboard.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not Refund.objects.exists()
