"""What staff take away from a cohort: every valid certificate's PDF in one ZIP, and a CSV a
trust's training team can load into its staff record system (one row per learner).

Only valid certificates count: a suspended or revoked one is neither handed to an employer
nor listed as an award. Both read what the certificate states (its current version), not
today's profile, so they agree with the PDF the learner holds."""

import tempfile
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from bookings.finance.csvs import iso, text
from certificates.cohort import cohort_rows
from certificates.documents import ensure_pdf
from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    CertificateVersion,
)

IN_MEMORY_LIMIT = 20 * 1024 * 1024  # a bigger ZIP goes to a temporary file

STAFF_CSV_HEADER = [
    "Name",
    "Employer",
    "Staff number",
    "Course code",
    "Course",
    "Session dates",
    "Sessions attended",
    "Sessions held",
    "Completion date",
    "Award",
    "CPD hours",
    "Participatory CPD hours",
    "Certificate code",
]


def current_versions(certificates):
    """{certificate id: its latest version} in one query."""
    versions = {}
    rows = CertificateVersion.objects.filter(certificate__in=certificates).order_by(
        "certificate_id", "number"
    )
    for version in rows:
        versions[version.certificate_id] = version  # the highest number is last
    return versions


def valid_certificates(cohort):
    return list(
        Certificate.objects.filter(place__cohort=cohort, status=CertificateStatus.VALID).order_by(
            "place__attendee_name", "pk"
        )
    )


def cohort_zip(cohort):
    """A file holding a ZIP of the cohort's valid certificates (PDFs rendered first where
    missing), rewound, and how many it holds."""
    certificates = valid_certificates(cohort)
    versions = current_versions(certificates)
    archive = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_LIMIT)
    # PDFs are compressed already: stored as they are, the ZIP is made quickly.
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zipped:
        for certificate in certificates:
            version = versions[certificate.pk]
            version.certificate = certificate
            with ensure_pdf(version).open("rb") as pdf:
                zipped.writestr(pdf_name(version), pdf.read())
    archive.seek(0)
    return archive, len(certificates)


def pdf_name(version):
    name = slugify(version.learner_name) or "learner"
    return f"{name}-{version.certificate.code}.pdf"


@dataclass
class StaffRecord:
    """One learner's line for their employer."""

    row: object  # certificates.cohort.Row
    certificate: Certificate | None
    version: CertificateVersion | None


def staff_records(cohort):
    rows = cohort_rows(cohort)
    held = [c for row in rows for c in row.certificates if c.status == CertificateStatus.VALID]
    versions = current_versions(held)
    records = []
    for row in rows:
        # A completion certificate stands in for an attendance one; newest first otherwise.
        valid = sorted(
            (c for c in row.certificates if c.status == CertificateStatus.VALID),
            key=lambda c: c.kind != CertificateKind.COMPLETION,
        )
        certificate = valid[0] if valid else None
        version = versions.get(certificate.pk) if certificate else None
        records.append(StaffRecord(row, certificate, version))
    return records


def session_dates(cohort):
    days = sorted({timezone.localtime(s.starts_at).date() for s in cohort.sessions.all()})
    return "; ".join(day.isoformat() for day in days)


def staff_csv_lines(cohort):
    dates = session_dates(cohort)
    course = cohort.course
    for record in staff_records(cohort):
        yield staff_csv_line(record, course, dates)


def staff_csv_line(record, course, dates):
    place, progress = record.row.place, record.row.progress
    attendee, version, certificate = place.attendee, record.version, record.certificate
    completed = certificate and certificate.kind == CertificateKind.COMPLETION
    return [
        text(learner_name(place, version)),
        text(place.organisation_name or (attendee.organisation if attendee else "")),
        text(attendee.staff_number if attendee else ""),
        text(course.slug),
        text(course.title),
        dates,
        progress.sessions_attended,
        progress.sessions_total,
        iso(timezone.localtime(certificate.issued_at).date()) if completed else "",
        certificate.get_kind_display() if certificate else "",
        version.total_hours if version else "",
        version.participatory_hours if version else "",
        certificate.display_code if certificate else "",
    ]


def learner_name(place, version):
    """As the certificate states it; else as on the learner's account, else as booked."""
    if version:
        return version.learner_name
    return place.attendee.display_name if place.attendee else place.attendee_name
