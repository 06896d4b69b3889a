"""The demo's discount codes: one of each kind staff meet, two orders that used one, and the
Finance group (not the Trainers) allowed to manage them. Seeding twice changes nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from bookings.models import DiscountCode, Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-test-password")
    call_command("seed_demo")


def test_codes_of_every_kind(demo):
    codes = {c.code: c for c in DiscountCode.objects.all()}
    assert set(codes) == {"PARTNER10", "RIVERSIDE50", "WINTER25", "LAUNCH20", "HOSPICE-SPONSOR"}
    assert {t.name for t in codes["PARTNER10"].price_tiers.all()} == {"Partner organisations"}
    assert codes["RIVERSIDE50"].discount_label() == "£50 off"
    today = timezone.localdate()
    assert codes["WINTER25"].valid_to < today  # expired
    assert codes["LAUNCH20"].used_up
    assert codes["HOSPICE-SPONSOR"].value == 100


def test_orders_that_used_a_code(demo):
    partner = Order.objects.get(discount_code__code="PARTNER10")
    assert partner.status == "confirmed" and partner.discount_pence == partner.subtotal_pence // 10
    sponsored = Order.objects.get(discount_code__code="HOSPICE-SPONSOR")
    assert (sponsored.status, sponsored.payment_method, sponsored.total_pence) == (
        "confirmed",
        "free",
        0,
    )
    assert DiscountCode.objects.get(code="PARTNER10").times_used == 1


def test_finance_may_manage_codes_and_trainers_may_not(demo):
    def perms(group):
        return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))

    assert {"add_discountcode", "change_discountcode", "view_discountcode"} <= perms("Finance")
    assert not {p for p in perms("Trainers") if p.endswith("discountcode")}


def test_seeding_again_changes_nothing(demo):
    before = list(DiscountCode.objects.values_list("code", "times_used"))
    orders = Order.objects.count()
    call_command("seed_demo")
    assert list(DiscountCode.objects.values_list("code", "times_used")) == before
    assert Order.objects.count() == orders
