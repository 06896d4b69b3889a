"""The certificates demo: completion for Autumn learners who met the rule, one attendance
certificate, one revoked, registers kept; on Summer, everyone but the one who never came
attended every session and has a certificate, as the cohort impact report counts; seeding
twice changes nothing."""

import pytest

from bookings.demo_content import SUMMER_NO_SHOWS
from certificates import demo as certificates_demo
from certificates.models import Certificate
from courses.models import Cohort
from learning.evaluation import report
from learning.models import AttendanceRecord

pytestmark = pytest.mark.django_db


def test_the_demo_certificates_and_registers(demo, fake_stripe):
    kinds = sorted(Certificate.objects.values_list("place__attendee_name", "kind", "status"))
    assert ("Femi Adeyemi", "attendance", "valid") in kinds
    assert ("Jo Marsh", "completion", "revoked") in kinds
    assert sum(1 for _, kind, status in kinds if (kind, status) == ("completion", "valid")) >= 4
    assert AttendanceRecord.objects.filter(place__cohort__title="Current run").exists()
    for summer in Cohort.objects.filter(title="Summer"):
        counts = report.cohort_report(summer).counts
        assert (counts.booked, counts.attended, counts.completed) == (13, 12, 12)
        certified = Certificate.objects.filter(place__cohort=summer, status="valid")
        assert certified.count() == 12
        assert not certified.filter(place__attendee_name__in=SUMMER_NO_SHOWS).exists()
    counts = (Certificate.objects.count(), AttendanceRecord.objects.count())
    certificates_demo.seed()
    assert (Certificate.objects.count(), AttendanceRecord.objects.count()) == counts


def test_the_demo_badges_status_list_and_cpd_records(demo, fake_stripe, client):
    """Every certificate's badge is signed; Jo Marsh's revoked bit is on the published list;
    Rachel Green's CPD record comes in the NMC's shape."""
    from certificates.badges import status_list
    from certificates.models import CertificateVersion

    assert not CertificateVersion.objects.filter(badge_jwt="").exists()
    revoked = Certificate.objects.get(place__attendee_name="Jo Marsh", status="revoked")
    bits = status_list.bitstring("revocation")
    assert status_list.is_set(bits, revoked.status_list_index)
    valid = Certificate.objects.filter(status="valid").values_list("status_list_index", flat=True)
    assert not any(status_list.is_set(bits, index) for index in valid)

    rachel = Certificate.objects.get(place__attendee_name="Rachel Green").place.attendee
    assert rachel.registration_body == "NMC"
    femi = Certificate.objects.get(place__attendee_name="Femi Adeyemi").place.attendee
    assert femi.registration_body == "GMC"
    client.force_login(rachel)
    page = client.get("/certificates/cpd/").content.decode()
    assert page.index("Nursing and Midwifery Council") < page.index("General Medical Council")
    assert certificates_demo.sign_badges() == 0  # seeding again signs nothing new


def test_the_demo_states_issuers_and_codes_and_keeps_a_correction_waiting(demo, fake_stripe):
    from certificates.models import CertificateVersion, NameCorrection

    version = CertificateVersion.objects.filter(
        certificate__place__attendee_name="Rachel Green"
    ).first()
    assert version.course_code == "MHS-5D"
    assert version.university_name == "King's College London"
    assert NameCorrection.objects.filter(status="pending", name="Rachel A. Green").count() == 1
    revoked = Certificate.objects.get(place__attendee_name="Jo Marsh")
    assert revoked.status_reason == "error"
    certificates_demo.seed()
    assert NameCorrection.objects.count() == 1
