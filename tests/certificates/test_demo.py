"""The certificates demo: completion for Autumn learners who met the rule, one attendance
certificate, one revoked, registers kept; seeding twice changes nothing."""

import pytest

from bookings import demo as bookings_demo
from certificates import demo
from certificates.models import Certificate
from cms import demo as cms_demo
from courses import demo as courses_demo
from learning import demo as learning_demo
from learning.models import AttendanceRecord


@pytest.fixture
def demo_site(db, monkeypatch, fake_stripe):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-test-password")
    for module in (cms_demo, courses_demo, bookings_demo, learning_demo):
        module.seed()


def test_the_demo_certificates_and_registers(demo_site):
    demo.seed()
    kinds = sorted(Certificate.objects.values_list("place__attendee_name", "kind", "status"))
    assert ("Femi Adeyemi", "attendance", "valid") in kinds
    assert ("Jo Marsh", "completion", "revoked") in kinds
    assert sum(1 for _, kind, status in kinds if (kind, status) == ("completion", "valid")) >= 4
    assert AttendanceRecord.objects.filter(place__cohort__title="Current run").exists()
    counts = (Certificate.objects.count(), AttendanceRecord.objects.count())
    demo.seed()
    assert (Certificate.objects.count(), AttendanceRecord.objects.count()) == counts
