"""The certificates invariant the load soak checks: a place is never certified twice in one
kind, whatever became of the first certificate."""

import pytest

from certificates.invariants import no_certificate_twice
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return place_on(CohortFactory(), UserFactory())


def test_one_certificate_of_each_kind_holds(place):
    CertificateFactory(place=place, kind="attendance")
    CertificateFactory(place=place, kind="completion")
    CertificateFactory(place=place_on(place.cohort, UserFactory()))

    assert no_certificate_twice() == []


def test_a_second_certificate_beside_a_revoked_one(place):
    CertificateFactory(place=place, status="revoked")
    CertificateFactory(place=place)

    assert no_certificate_twice() == [f"Place {place.pk} has 2 completion certificates."]
