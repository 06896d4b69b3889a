"""The demo's waiting lists: each full small cohort has someone who declined, someone whose
offer lapsed, an open offer and someone still waiting, built through the services."""

import pytest

from bookings import demo as bookings_demo
from bookings.models import WaitingListEntry, WaitingStatus
from courses.availability import places_taken
from courses.models import Cohort

pytestmark = pytest.mark.django_db


def test_demo_waiting_lists(demo):
    for cohort in Cohort.objects.filter(title="Small group"):
        entries = WaitingListEntry.objects.filter(cohort=cohort)
        assert [e.status for e in entries] == [
            WaitingStatus.DECLINED,
            WaitingStatus.LAPSED,
            WaitingStatus.OFFERED,
            WaitingStatus.WAITING,
        ]
        assert places_taken([cohort.pk])[cohort.pk] == cohort.capacity  # still full
    offer = WaitingListEntry.objects.get(
        user__email="learner@example.com", status=WaitingStatus.OFFERED
    )
    assert offer.order.status == "pending" and offer.offer_emailed_at
    assert sorted(m.to[0] for m in demo.emails if "Places held" in m.subject) == sorted(
        WaitingListEntry.objects.filter(status="offered").values_list("email", flat=True)
    )
    assert bookings_demo.seed() == [
        "Bookings: 0 new orders, 0 waiting-list entries, 0 new discount codes, 3 organisations."
    ]
