"""Each certificates factory builds a valid, saved object."""

from tests.factories.certificates import (
    AttendanceRecordFactory,
    CertificateVersionFactory,
    CompletionRuleFactory,
)


def test_attendance_record_factory(place, sessions):
    record = AttendanceRecordFactory(place=place, session=sessions[0])
    record.full_clean()
    assert record.credited_minutes() == 360


def test_completion_rule_factory(course):
    CompletionRuleFactory(course=course).full_clean()


def test_certificate_version_factory(place):
    version = CertificateVersionFactory(certificate__place=place)
    version.full_clean()
    assert version.certificate.current == version
    assert version.total_hours == 32.5
