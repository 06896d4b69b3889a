"""A cohort's certificates as its trainers see them: for each confirmed place, what the rule
says (a certificate of completion or of attendance due, or what is still missing) and the
certificates it already holds — in a fixed number of queries however many learners."""

from dataclasses import dataclass, field

from bookings.models import Place, PlaceStatus
from certificates.models import Certificate, CertificateKind, CertificateStatus
from certificates.rules import progress_many


@dataclass
class Row:
    place: Place
    progress: object  # certificates.rules.Progress
    certificates: list = field(default_factory=list)  # every status, newest first

    @property
    def due(self):
        """The award to issue now: earned, and no certificate of any status yet (a revoked
        one is a decision staff made, not a gap to fill)."""
        return None if self.certificates else self.progress.award

    @property
    def has_valid(self):
        return any(c.status == CertificateStatus.VALID for c in self.certificates)

    @property
    def can_override(self):
        """Staff may issue a certificate of completion without the rule being met to a
        place that holds no certificate and has not met it."""
        return not self.certificates and self.progress.award != CertificateKind.COMPLETION


def confirmed_places(cohort):
    return (
        Place.objects.filter(cohort=cohort, status=PlaceStatus.CONFIRMED)
        .select_related("cohort__course", "attendee")
        .order_by("attendee_name", "pk")
    )


def cohort_rows(cohort, now=None):
    """[Row] for the cohort's confirmed places, by name."""
    places = list(confirmed_places(cohort))
    results = progress_many(places, now=now)
    held = {}
    for certificate in Certificate.objects.filter(place__in=places).order_by("-issued_at", "pk"):
        held.setdefault(certificate.place_id, []).append(certificate)
    return [Row(p, results[p.pk], held.get(p.pk, [])) for p in places]


def due_rows(rows):
    return [row for row in rows if row.due]


def due_counts(rows):
    """(completion, attendance) certificates the rows are due."""
    awards = [row.due for row in due_rows(rows)]
    return awards.count(CertificateKind.COMPLETION), awards.count(CertificateKind.ATTENDANCE)
