"""Factories for attendance, completion rules and certificates. A place comes from
`tests.factories.learning.place_on` (places are made by the booking services)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from certificates.models import Certificate, CertificateVersion, CompletionRule
from learning.attendance.models import AttendanceRecord


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    status = "present"
    recorded_at = factory.LazyFunction(timezone.now)


class CompletionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompletionRule

    attendance_percent = 80


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    kind = "completion"
    issued_at = factory.LazyFunction(timezone.now)


class CertificateVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateVersion

    certificate = factory.SubFactory(CertificateFactory)
    issued_at = factory.LazyFunction(timezone.now)
    learner_name = "Amara Okafor"
    course_title = "5-day course"
    delivery = "In person"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    participatory_hours = Decimal("30.0")
    self_directed_hours = Decimal("2.5")
    award = "Certificate of completion"
    rule_summary = "To complete the course: attend at least 80% of the live sessions."
    provider_name = "Psychological Medicine Education Partnership"
