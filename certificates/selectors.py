"""Reads the certificate pages share."""

from bookings.models import Place, PlaceStatus
from certificates.codes import normalise
from certificates.models import Certificate, CertificateStatus
from certificates.rules import progress_many


def verifiable(code, number=None):
    """(certificate, version, versions) for `code`: its current version or the one numbered
    `number`, and all its versions, oldest first; None when there is no such certificate or
    version. Public: the caller shows only what the certificate states."""
    if normalise(code or "") != code:
        return None  # not a code as issued: nothing to look up
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        return None
    versions = list(certificate.versions.order_by("number"))
    if not versions:
        return None
    if number is None:
        return certificate, versions[-1], versions
    chosen = next((v for v in versions if v.number == number), None)
    return (certificate, chosen, versions) if chosen else None


def learner_certificate(user, code):
    """The learner's own certificate with `code` (not revoked), or None. The code is read
    as the verify page reads it; a malformed one (a NUL, which PostgreSQL refuses in a
    query, or any other text) is simply not found."""
    code = normalise(code or "")
    if code is None:
        return None
    return (
        Certificate.objects.filter(code=code, place__attendee=user)
        .exclude(status=CertificateStatus.REVOKED)
        .first()
    )


def dashboard_statuses(user, facts=None):
    """{cohort id: (Progress, [Certificate])} for the learner's confirmed places, in a fixed
    number of queries however many cohorts. `facts`: the learner's LearnerFacts that My
    learning has read (learning.selectors), whose places, modules, quizzes, sessions,
    attempts and progress are then not read again."""
    if facts is not None:
        places = facts.places
        results = progress_many(places, now=facts.now, known=facts)
    else:
        places = list(
            Place.objects.filter(attendee=user, status=PlaceStatus.CONFIRMED).select_related(
                "cohort__course"
            )
        )
        results = progress_many(places)
    certificates = {}
    # Revoked ones too: the learner is told, rather than promised a certificate "being issued".
    for certificate in Certificate.objects.filter(place__in=places):
        certificates.setdefault(certificate.place_id, []).append(certificate)
    return {p.cohort_id: (results[p.pk], certificates.get(p.pk, [])) for p in places}
