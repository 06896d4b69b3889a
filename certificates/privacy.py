"""A learner's certificates in their data export, and what erasing their account does to them.

Erasing asks the learner (cms.erasure, registered in CertificatesConfig.ready) whether their
certificates should stay verifiable or be withdrawn:

- kept: the certificate stays valid and the public verify page keeps showing the name and
  course it states, as an employer or regulator relies on it. It hangs off the place, which
  bookings keeps (anonymised), so nothing else changes.
- withdrawn: each certificate is revoked with the reason "withdrawn at the holder's request",
  and what it stated about the person (name, registration number), its PDF and its signed
  Open Badge are removed; the verify page says it was withdrawn and names nobody.

Name corrections the learner asked for go either way: they are the learner's own requests.
"""

from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate, CertificateVersion, NameCorrection, StatusReason
from certificates.statuses import REVOKE, change_status

KEEP = "keep"
WITHDRAW = "withdraw"
CHOICE_NAME = "certificates"


def ask_on_erasure():
    """The delete-account form's question, asked of learners who hold a certificate."""
    from cms.erasure import ErasureChoice, register_erasure_choice

    register_erasure_choice(
        ErasureChoice(
            name=CHOICE_NAME,
            question="What should happen to your certificates?",
            hint="Employers and regulators check a certificate with its code on our verify page.",
            options=(
                (KEEP, "Keep them verifiable: the verify page still shows your name and course"),
                (
                    WITHDRAW,
                    "Withdraw them: the verify page says they were withdrawn at your "
                    "request, and shows no name",
                ),
            ),
            default=KEEP,
            applies=lambda user: held_by(user).exists(),
            error="Select what should happen to your certificates",
        )
    )


def held_by(user):
    return Certificate.objects.filter(place__attendee=user)


def export_certificates(sender, user, data, **kwargs):
    certificates = held_by(user).prefetch_related("versions")
    data["certificates"] = [
        {
            "code": c.display_code,
            "kind": c.get_kind_display(),
            "status": c.get_status_display(),
            "issued_at": c.issued_at.isoformat(),
            "versions": [version_record(v) for v in c.versions.all()],
        }
        for c in certificates
    ]
    data["name_corrections"] = [
        {
            "certificate": n.certificate.display_code,
            "name_asked_for": n.name,
            "note": n.note,
            "requested_at": n.requested_at.isoformat(),
            "status": n.get_status_display(),
        }
        for n in NameCorrection.objects.filter(requested_by=user).select_related("certificate")
    ]


def version_record(version):
    return {
        "number": version.number,
        "learner_name": version.learner_name,
        "registration_body": version.registration_body,
        "registration_number": version.registration_number,
        "course": version.course_title,
        "start_date": version.start_date.isoformat(),
        "end_date": version.end_date.isoformat(),
        "issued_at": version.issued_at.isoformat(),
    }


def erase_certificates(sender, user, choices=None, **kwargs):
    """account_erasing: keep or withdraw the learner's certificates as they chose (keep when
    not asked). Their places still point at the user until the user row goes."""
    NameCorrection.objects.filter(requested_by=user).delete()
    if (choices or {}).get(CHOICE_NAME, KEEP) != WITHDRAW:
        return
    now = timezone.now()
    for certificate in held_by(user):
        withdraw(certificate, now=now)


def withdraw(certificate, *, now):
    """Revoke at the holder's request and remove what the certificate said about them."""
    if certificate.status != "revoked":
        change_status(certificate.pk, REVOKE, reason=StatusReason.WITHDRAWN, now=now)
    else:  # already revoked: it now says why it names nobody
        Certificate.objects.filter(pk=certificate.pk).update(status_reason=StatusReason.WITHDRAWN)
    for version in CertificateVersion.objects.filter(certificate=certificate):
        files = [f for f in (version.pdf,) if f]
        version.learner_name = ""
        version.registration_number = ""
        version.registration_body = ""
        version.badge_jwt = ""
        version.pdf = ""
        version.save(
            update_fields=["learner_name", "registration_number", "registration_body"]
            + ["badge_jwt", "pdf"]
        )
        for file in files:
            name, storage = file.name, file.storage
            transaction.on_commit(lambda n=name, s=storage: s.delete(n))
