"""hold_places with a discount code: one use per order, claimed with the hold or not at all,
given back once when an unpaid hold lapses; a 100% code confirms without any payment."""

import datetime

import pytest
from django.utils import timezone

from bookings.exceptions import CodeUsedUp, CodeWithdrawn, CohortFull, UnknownCode
from bookings.models import (
    DiscountCode,
    DiscountKind,
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    Place,
    PlaceStatus,
)
from bookings.services import holds
from bookings.services.card import settle_checkout_session
from bookings.services.confirm import confirm_order
from bookings.services.discounts import give_back_use
from bookings.services.expiry import expire_order
from bookings.tasks import release_expired_holds
from tests.factories import UserFactory
from tests.factories.bookings import DiscountCodeFactory
from tests.factories.courses import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site):
    """Prices from the factory: NHS and public sector £550, Partner £350."""
    return CohortFactory(capacity=5)


def tier(cohort, name):
    return cohort.course.price_tiers.get(name=name)


def hold(cohort, code="", tiers=("Partner",), now=None, buyer=None):
    attendees = [
        holds.Attendee(name=f"P{i}", email=f"p{i}@example.com", price_tier_id=tier(cohort, t).pk)
        for i, t in enumerate(tiers)
    ]
    return holds.hold_places(
        cohort_id=cohort.pk,
        buyer=buyer or UserFactory(),
        attendees=attendees,
        payment_method="card",
        discount_code=code,
        now=now,
    )


def uses(code):
    code.refresh_from_db()
    return code.times_used


def test_a_code_counts_once_per_order_and_discounts_only_the_places_it_covers(cohort):
    code = DiscountCodeFactory(code="PARTNER10", price_tiers=[tier(cohort, "Partner")])
    order = hold(cohort, " partner10 ", tiers=("Partner", "NHS and public sector", "Partner"))
    assert (order.subtotal_pence, order.discount_pence, order.total_pence) == (
        125000,
        7000,  # 10% of the two £350 places; the £550 place pays full price
        118000,
    )
    assert order.discount_code == code and order.discount_use_held
    assert uses(code) == 1
    assert "with discount code PARTNER10" in order.events.get(kind="held").message
    assert order.status == OrderStatus.PENDING


def test_an_unknown_code_holds_nothing(cohort):
    with pytest.raises(UnknownCode, match="We do not recognise that code"):
        hold(cohort, "NOPE")
    assert not Order.objects.exists() and not Place.objects.exists()


def test_a_used_up_code_holds_nothing(cohort):
    code = DiscountCodeFactory(usage_limit=1)
    hold(cohort, code.code)
    with pytest.raises(CodeUsedUp):
        hold(cohort, code.code)
    assert Order.objects.count() == 1 and uses(code) == 1


def test_a_full_cohort_does_not_spend_the_code(cohort):
    code = DiscountCodeFactory(usage_limit=3)
    with pytest.raises(CohortFull):
        hold(cohort, code.code, tiers=["Partner"] * 6)
    assert uses(code) == 0


def test_a_hold_that_fails_after_the_claim_takes_the_count_back(cohort, monkeypatch):
    """The use is counted in the hold's transaction: any later failure rolls it back."""
    code = DiscountCodeFactory(usage_limit=3)

    def broken(*args, **kwargs):
        raise RuntimeError("pricing failed")

    monkeypatch.setattr(holds, "price_order", broken)
    with pytest.raises(RuntimeError):
        hold(cohort, code.code)
    assert uses(code) == 0 and not Order.objects.exists()


def test_an_expired_hold_gives_its_use_back_once(cohort):
    code = DiscountCodeFactory(usage_limit=1)
    order = hold(cohort, code.code)
    expire_order(order_id=order.pk, reason="Hold expired before payment")
    expire_order(order_id=order.pk, reason="again")
    assert uses(code) == 0
    assert order.events.filter(kind="discount_released").count() == 1
    hold(cohort, code.code)  # someone else can use it now
    assert uses(code) == 1


def test_giving_back_twice_from_stale_copies_gives_back_once(cohort):
    """Two callers holding the same order in memory: only the first gives the use back."""
    code = DiscountCodeFactory(usage_limit=5)
    hold(cohort, code.code)
    order = hold(cohort, code.code)
    first, second = Order.objects.get(pk=order.pk), Order.objects.get(pk=order.pk)
    assert give_back_use(first) is True
    assert give_back_use(second) is False
    assert uses(code) == 1


def test_the_beat_task_gives_back_lapsed_uses_and_keeps_paid_ones(cohort):
    code = DiscountCodeFactory(usage_limit=5)
    long_ago = timezone.now() - datetime.timedelta(minutes=45)
    lapsed = hold(cohort, code.code, now=long_ago)
    paid = hold(cohort, code.code, now=long_ago)
    confirm_order(order_id=paid.pk, message="paid")
    hold(cohort, code.code)
    assert uses(code) == 3
    assert release_expired_holds.delay().get() == 1
    assert uses(code) == 2
    lapsed.refresh_from_db()
    assert lapsed.status == OrderStatus.EXPIRED and not lapsed.discount_use_held


def test_a_late_payment_takes_the_use_again(cohort):
    """Paid after the hold lapsed (and the use was given back): the order is re-held and
    counts against the code again."""
    code = DiscountCodeFactory(usage_limit=2)
    order = hold(cohort, code.code)
    payment = Payment.objects.create(
        order=order,
        checkout_session_id="cs_test_late",
        checkout_url="https://checkout.example/cs_test_late",
        amount_pence=order.total_pence,
        expires_at=order.hold_expires_at,
    )
    expire_order(order_id=order.pk, reason="Hold expired before payment")
    assert uses(code) == 0
    session = {"id": payment.checkout_session_id, "payment_status": "paid", "status": "complete"}
    settle_checkout_session(session, source="test")
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and order.discount_use_held
    assert uses(code) == 1


def test_a_full_discount_confirms_at_once_without_stripe(
    cohort, mailoutbox, django_capture_on_commit_callbacks
):
    code = DiscountCodeFactory(code="SPONSORED", kind=DiscountKind.PERCENT, value=100)
    with django_capture_on_commit_callbacks(execute=True):
        order = hold(cohort, code.code, tiers=("NHS and public sector",))
    assert order.status == OrderStatus.CONFIRMED
    assert order.payment_method == PaymentMethod.FREE
    assert (order.discount_pence, order.total_pence) == (55000, 0)
    assert order.places.get().status == PlaceStatus.CONFIRMED
    assert not Payment.objects.exists()
    assert (
        "Nothing to pay (with discount code SPONSORED)"
        in order.events.get(kind="confirmed").message
    )
    assert [m.to for m in mailoutbox] == [[order.buyer_email], ["p0@example.com"]]
    assert uses(code) == 1


def test_a_fixed_amount_bigger_than_the_price_is_free_too(cohort):
    code = DiscountCodeFactory(kind=DiscountKind.AMOUNT, value=40000)
    order = hold(cohort, code.code)
    assert (order.discount_pence, order.total_pence, order.status) == (35000, 0, "confirmed")


def test_a_withdrawn_code_is_refused_even_if_it_has_uses_left(cohort):
    code = DiscountCodeFactory(active=False, usage_limit=10)
    with pytest.raises(CodeWithdrawn):
        hold(cohort, code.code)
    assert DiscountCode.objects.get().times_used == 0
