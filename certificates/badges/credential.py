"""A certificate version as an Open Badges 3.0 `OpenBadgeCredential`, signed as a VC-JWT.

The JWT follows Open Badges 3.0's JSON Web Token proof format: the payload is the
credential itself, with the registered claims `iss` (the issuer's id), `jti` (the
credential's id) and `nbf` (its `validFrom`); the header names the algorithm (EdDSA), the
type (JWT) and the key (`kid`, see keys.py). A badge is made once per version and kept,
like the PDF: what it states is frozen with the version.

The learner is identified as Open Badges 3.0 advises where the plain value would be
personal data: an `IdentityObject` holding the salted SHA-256 of their email address (they
prove it is theirs by showing the address and the salt), beside their name as the
certificate prints it.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from joserfc import jwt

from certificates.badges import keys, status_list
from certificates.documents import verify_url
from certificates.emails import recipient
from certificates.models import CertificateKind, CertificateVersion
from courses.models import CoreSkillsTier

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
FRAMEWORK = (
    "Mental Health Core Skills Education and Training Framework (Skills for Health, Health "
    "Education England and Skills for Care, 2016)"
)
FRAMEWORK_URL = "https://www.skillsforhealth.org.uk/info-hub/mental-health-2016/"
ATTENDANCE_CRITERIA = (
    "Awarded to a learner who attended live sessions of the course without meeting its "
    "completion rule. {rule}"
)


def iso(moment):
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def local_day(day, at):
    """A date as a moment in the site's zone, with its offset (so the date reads as the
    certificate prints it): activity dates are DateTimes in OB 3.0."""
    return datetime.datetime.combine(day, at, tzinfo=timezone.get_default_timezone()).isoformat()


def absolute(url):
    return url if url.startswith("http") else settings.SITE_URL + url


def credential_id(version):
    return f"{verify_url(version.certificate)}?version={version.number}"


def issuer_profile(version):
    return {
        "id": keys.issuer_did(),
        "type": ["Profile"],
        "name": version.provider_name,
        "url": settings.SITE_URL + "/",
    }


def alignment(course):
    """The course's tier of the Core Skills Framework, or none when the course names none."""
    if not course.core_skills_tier:
        return []
    tier = CoreSkillsTier(course.core_skills_tier)
    return [
        {
            "type": ["Alignment"],
            "targetName": tier.label,
            "targetDescription": f"{tier.label}, of the {FRAMEWORK}.",
            "targetFramework": FRAMEWORK,
            "targetCode": tier.value,
            "targetType": "ext:FrameworkTier",
            "targetUrl": FRAMEWORK_URL,
        }
    ]


def achievement(version, course):
    kind = version.certificate.kind
    completion = kind == CertificateKind.COMPLETION
    narrative = (
        version.rule_summary
        if completion
        else ATTENDANCE_CRITERIA.format(rule=version.rule_summary)
    )
    return {
        "id": f"{absolute(course.get_url() or '/')}#{kind}",
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion" if completion else "Certificate",
        "name": f"{version.award}: {version.course_title}",
        "description": course.summary or version.course_title,
        "criteria": {"narrative": narrative},
        "creditsAvailable": float(course.cpd_hours),
        "fieldOfStudy": "Mental health",
        "alignment": alignment(course),
    }


def identifiers(version, email, salt):
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "salt": salt,
        },
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": version.learner_name,
        },
    ]


def subject(version, course, email, salt):
    return {
        "type": ["AchievementSubject"],
        "identifier": identifiers(version, email, salt),
        "achievement": achievement(version, course),
        "creditsEarned": float(version.total_hours),
        "activityStartDate": local_day(version.start_date, datetime.time.min),
        "activityEndDate": local_day(version.end_date, datetime.time(23, 59, 59)),
        "narrative": (
            f"{version.total_hours} CPD hours: {version.participatory_hours} participatory "
            f"(live sessions attended) and {version.self_directed_hours} self-directed "
            "(online modules). One hour of learning is one hour of CPD, breaks excluded, at "
            "most 8 hours a day."
        ),
    }


def build(version, *, index, salt):
    """The unsigned credential for `version` (its certificate's place, cohort, course and
    attendee loaded) on status list place `index`."""
    certificate = version.certificate
    course = certificate.place.cohort.course
    return {
        "@context": CONTEXT,
        "id": credential_id(version),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{version.award}: {version.course_title}",
        "issuer": issuer_profile(version),
        "validFrom": iso(version.issued_at),
        "credentialSubject": subject(version, course, recipient(certificate.place), salt),
        "credentialStatus": status_list.entries(index),
        "credentialSchema": [SCHEMA],
    }


def sign(credential):
    """The credential as a VC-JWT signed with the site's key."""
    claims = {
        **credential,
        "iss": keys.issuer_did(),
        "jti": credential["id"],
        "nbf": int(datetime.datetime.fromisoformat(credential["validFrom"]).timestamp()),
    }
    header = {"alg": keys.ALGORITHM, "typ": "JWT", "kid": keys.key_id()}
    return jwt.encode(header, claims, keys.signing_key(), algorithms=[keys.ALGORITHM])


def locked_version(version_id):
    """The version's row is the lock: two signings at once wait here, and the second finds
    the first's badge (each would otherwise sign with its own salt, and callers would hold
    different badges for one version)."""
    return (
        CertificateVersion.objects.select_for_update(of=("self",))
        .select_related("certificate__place__cohort__course", "certificate__place__attendee")
        .get(pk=version_id)
    )


def ensure_badge(version):
    """The version's signed badge, made now (index and all) if it has none. The first one
    stored wins: a second request waits on the version's lock and finds it."""
    if version.badge_jwt:
        return version.badge_jwt
    with transaction.atomic():
        locked = locked_version(version.pk)
        if not locked.badge_jwt:
            index = status_list.allocate_index(locked.certificate_id)
            locked.badge_jwt = sign(build(locked, index=index, salt=secrets.token_hex(16)))
            CertificateVersion.objects.filter(pk=locked.pk).update(badge_jwt=locked.badge_jwt)
    version.badge_jwt = locked.badge_jwt
    return version.badge_jwt


def claims(token):
    """The claims of a badge this site signed, its signature checked."""
    return jwt.decode(token, keys.signing_key(), algorithms=[keys.ALGORITHM]).claims
