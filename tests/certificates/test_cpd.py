"""CPD records: the learner's certificates as the NMC, GMC and HCPC records ask for them,
as CSV and as a tagged PDF; only ever their own; a fixed number of queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.services import issue_certificate
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, CertificateVersionFactory
from tests.factories.courses import CohortFactory
from tests.factories.learning import place_on

COLUMNS = {
    "nmc": [
        "Dates",
        "Method",
        "Topic",
        "How it relates to your practice",
        "Link to the Code",
        "Number of hours",
        "Number of participatory hours",
        "Evidence",
    ],
    "gmc": [
        "Dates",
        "Activity",
        "Type",
        "Provider",
        "CPD credits",
        "Reflection on impact",
        "Evidence",
    ],
    "hcpc": [
        "Dates",
        "Days attended",
        "Activity",
        "Type of activity",
        "Provider",
        "Hours",
        "Evidence",
    ],
}


@pytest.fixture
def certificate(completed, user):
    user.registration_body, user.registration_number = "NMC", "12A3456B"
    user.save()
    return issue_certificate(completed.pk)


def table(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("regulator", ["nmc", "gmc", "hcpc"])
def test_the_csv_has_the_regulators_columns_and_the_certificate(
    client, user, certificate, regulator
):
    client.force_login(user)
    header, row = table(client.get(f"/certificates/cpd/{regulator}/record.csv"))
    version = certificate.current
    assert header == COLUMNS[regulator]
    record = dict(zip(header, row, strict=True))
    assert record["Dates"] == f"{version.start_date.isoformat()} to {version.end_date.isoformat()}"
    assert "5-day course" in " ".join(row)
    assert certificate.code in record["Evidence"]
    assert f"/certificates/verify/{certificate.code}/" in record["Evidence"]


def test_the_nmc_record_splits_participatory_hours(client, user, certificate):
    client.force_login(user)
    header, row = table(client.get("/certificates/cpd/nmc/record.csv"))
    record = dict(zip(header, row, strict=True))
    assert record["Number of hours"] == "32.5"
    assert record["Number of participatory hours"] == "30.0"
    assert record["Method"] == (
        "Course attendance (in person): live sessions with trainers and other learners; "
        "online learning modules done alone"
    )
    assert record["How it relates to your practice"] == ""  # the learner's to write
    assert "Prioritise people" in record["Link to the Code"]


def test_the_gmc_record_counts_a_credit_an_hour(client, user, certificate):
    client.force_login(user)
    header, row = table(client.get("/certificates/cpd/gmc/record.csv"))
    assert dict(zip(header, row, strict=True))["CPD credits"] == "32.5"


def test_the_hcpc_record_lists_the_days_attended(client, user, certificate):
    client.force_login(user)
    header, row = table(client.get("/certificates/cpd/hcpc/record.csv"))
    days = dict(zip(header, row, strict=True))["Days attended"]
    assert days == ", ".join(day.isoformat() for day in certificate.current.attended_days)
    assert len(certificate.current.attended_days) == 5


@pytest.mark.parametrize("regulator", ["nmc", "gmc", "hcpc"])
def test_the_pdf_states_each_certificate_and_is_tagged(client, user, certificate, regulator):
    client.force_login(user)
    response = client.get(f"/certificates/cpd/{regulator}/record.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    version = certificate.current
    for stated in (
        "Amara Okafor",
        "NMC registration number 12A3456B",
        "5-day course",
        version.start_date.isoformat(),
        version.end_date.isoformat(),
        "32.5",
        certificate.code,
    ):
        assert stated in text, stated
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712  (a PDF BooleanObject)
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en-GB"
    assert reader.metadata.title.endswith(": Amara Okafor")


def test_the_nmc_pdf_asks_the_reflective_account_questions(client, user, certificate):
    client.force_login(user)
    reader = PdfReader(io.BytesIO(client.get("/certificates/cpd/nmc/record.pdf").content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "How did you change or improve your practice as a result?" in text
    assert "32.5 hours of CPD, 30.0 of them participatory" in text


def test_the_chooser_puts_the_learners_regulator_first(client, user, certificate):
    client.force_login(user)
    page = client.get("/certificates/cpd/").content.decode()
    assert page.index("Nursing and Midwifery Council") < page.index("General Medical Council")
    assert "Your regulator" in page
    assert "/certificates/cpd/hcpc/record.csv" in page


def test_a_doctor_sees_the_gmc_first(client, user, certificate):
    user.registration_body = "GMC"
    user.save()
    client.force_login(user)
    page = client.get("/certificates/cpd/").content.decode()
    assert page.index("General Medical Council") < page.index("Nursing and Midwifery Council")


def test_my_learning_links_to_the_record_once_a_certificate_is_valid(client, user, completed):
    client.force_login(user)
    before = client.get(reverse("learning:dashboard"))
    assert before.status_code == 200
    assert "/certificates/cpd/" not in before.content.decode()
    certificate = issue_certificate(completed.pk)
    page = client.get(reverse("learning:dashboard")).content.decode()
    assert "/certificates/cpd/" in page
    assert f"/certificates/{certificate.code}/badge.jwt" in page


def test_a_revoked_certificate_is_left_out(client, user, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(status="revoked")
    client.force_login(user)
    assert table(client.get("/certificates/cpd/nmc/record.csv")) == [COLUMNS["nmc"]]


@pytest.mark.parametrize("path", ["nmc/record.csv", "gmc/record.pdf"])
def test_another_learner_gets_only_their_own_record(client, other_user, certificate, path):
    client.force_login(other_user)
    response = client.get(f"/certificates/cpd/{path}")
    assert response.status_code == 200
    assert certificate.code.encode() not in response.content
    if path.endswith(".pdf"):
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        assert "Amara" not in text and "No valid certificates yet" in " ".join(text.split())


@pytest.mark.parametrize("path", ["", "nmc/record.csv", "hcpc/record.pdf"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(f"/certificates/cpd/{path}")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_an_unknown_regulator_is_404(client, user):
    client.force_login(user)
    assert client.get("/certificates/cpd/gphc/record.csv").status_code == 404


def certificates_for(user, course, count):
    """`count` certificates on as many cohorts, each with two versions (a correction)."""
    for number in range(count):
        start = timezone.localdate() - datetime.timedelta(days=400 - 30 * number)
        cohort = CohortFactory(course=course, start_date=start, title=f"Run {number}")
        certificate = CertificateFactory(place=place_on(cohort, user))
        for version in (1, 2):
            CertificateVersionFactory(
                certificate=certificate, number=version, start_date=start, course_title="Run"
            )


@pytest.mark.parametrize(
    "path", ["", "nmc/record.csv", "gmc/record.csv", "hcpc/record.csv", "nmc/record.pdf"]
)
def test_query_counts_do_not_grow_with_certificates(
    client, course, path, django_assert_max_num_queries
):
    few, many = UserFactory(email="few@example.com"), UserFactory(email="many@example.com")
    certificates_for(few, course, 1)
    certificates_for(many, course, 10)
    counts = []
    for learner in (few, many):
        client.force_login(learner)
        client.get(f"/certificates/cpd/{path}")  # the site's header menu, cached once built
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/certificates/cpd/{path}")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        response = client.get(f"/certificates/cpd/{path}")
    if path.endswith(".csv"):
        assert len(table(response)) == 11  # the header and ten certificates, once each


def test_the_pdf_lists_every_certificate(client, user, certificate, course):
    """A second certificate, from an earlier course, is listed too, first (oldest first)."""
    start = datetime.date(2025, 3, 3)
    cohort = CohortFactory(course=course, start_date=start, title="Spring 2025")
    earlier = CertificateFactory(place=place_on(cohort, user), kind="attendance")
    CertificateVersionFactory(
        certificate=earlier,
        course_title="Mental health skills: 3-week course",
        start_date=start,
        end_date=datetime.date(2025, 3, 21),
        participatory_hours="12.0",
        self_directed_hours="0.0",
        award="Certificate of attendance",
    )
    client.force_login(user)
    response = client.get("/certificates/cpd/hcpc/record.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for stated in (
        "Mental health skills: 3-week course",
        "2025-03-03",
        "2025-03-21",
        "12.0",
        earlier.code,
        "5-day course",
        certificate.code,
        "2 certificates: 44.5 hours of CPD, 42.0 of them participatory",
    ):
        assert stated in text, stated
    assert text.index(earlier.code) < text.index(certificate.code)
