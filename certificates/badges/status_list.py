"""Revocation and suspension as W3C Bitstring Status Lists (Recommendation, 2025).

Two lists of 131,072 bits (16 KB, the minimum the spec sets so that one certificate hides
among many), one per status purpose. A certificate's index is random (the spec's advice:
an index in issue order would tell who was issued when) and unique, given once when its
first badge is signed. Each list is read from the certificates' statuses when asked, so it
is never out of step with them: bit set while revoked (revocation list) or suspended
(suspension list). Bit 0 is the most significant bit of the first byte, as the spec says.

Random indexes fill a list in no order: well before it is half full (some 65,000
certificates, decades of cohorts at this scale) a second list per purpose is due.
"""

import base64
import gzip
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from certificates import exceptions
from certificates.models import Certificate, CertificateStatus

LIST_BITS = 131_072
ATTEMPTS = 64  # random tries for a free index: at half full, all fail once in 2**64
PURPOSES = {
    "revocation": CertificateStatus.REVOKED,
    "suspension": CertificateStatus.SUSPENDED,
}
TTL_SECONDS = 300  # how long a verifier may cache a list (also its Cache-Control max-age)


def list_url(purpose):
    return settings.SITE_URL + reverse("certificates:status_list", args=[purpose])


def allocate_index(certificate_id):
    """The certificate's index on the lists: the one it has, or a random free one given now
    (under the certificate's row lock; the unique constraint settles any other race)."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
        if certificate.status_list_index is not None:
            return certificate.status_list_index
        for _ in range(ATTEMPTS):
            candidate = secrets.randbelow(LIST_BITS)
            try:
                with transaction.atomic():
                    Certificate.objects.filter(pk=certificate_id).update(
                        status_list_index=candidate
                    )
                return candidate
            except IntegrityError:
                continue  # taken: try another
    raise exceptions.CertificateError(exceptions.STATUS_LIST_FULL)


def entries(index):
    """The credential's `credentialStatus`: its place on each list."""
    return [
        {
            "id": f"{list_url(purpose)}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(index),
            "statusListCredential": list_url(purpose),
        }
        for purpose in PURPOSES
    ]


def bitstring(purpose):
    """The list's bits, one query: set for each certificate now in the purpose's status."""
    bits = bytearray(LIST_BITS // 8)
    indexes = Certificate.objects.filter(
        status=PURPOSES[purpose], status_list_index__isnull=False
    ).values_list("status_list_index", flat=True)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode(bits):
    """Multibase base64url (the "u" prefix, no padding) of the GZIP-compressed bits. No
    timestamp in the GZIP header, so an unchanged list encodes the same every time."""
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(encoded):
    """The bits of an `encodedList` (what a verifier does)."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u').")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(bits, index):
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(purpose, *, issuer, now):
    """The unsigned BitstringStatusListCredential for `purpose`, valid from `now`."""
    url = list_url(purpose)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": now.isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(bitstring(purpose)),
            "ttl": TTL_SECONDS * 1000,  # milliseconds, as the spec counts it
        },
    }
