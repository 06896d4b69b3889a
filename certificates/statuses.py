"""Suspending, revoking and reinstating a certificate, each with a reason kept in its history.

A certificate is valid, suspended (under review: not to be relied on until reinstated) or
revoked. Revocation is final, as the W3C Bitstring Status List has it for its revocation
purpose: a revoked certificate is never reinstated (issue a new one if it was a mistake).
The kind of reason is public (the verify page states it); the note is for staff. The Open
Badges status lists read `Certificate.status` whenever they are fetched, so a change here is
on them at once (certificates/badges/status_list.py).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from certificates import exceptions
from certificates.models import Certificate, CertificateEvent, CertificateStatus, EventKind


@dataclass(frozen=True)
class Action:
    name: str  # as in URLs and forms
    verb: str  # as on the button
    becomes: str  # the CertificateStatus after it
    event: str  # the EventKind recorded
    allowed_from: tuple  # statuses it applies to


SUSPEND = Action("suspend", "Suspend", CertificateStatus.SUSPENDED, EventKind.SUSPENDED, ("valid",))
REVOKE = Action(
    "revoke", "Revoke", CertificateStatus.REVOKED, EventKind.REVOKED, ("valid", "suspended")
)
REINSTATE = Action(
    "reinstate", "Reinstate", CertificateStatus.VALID, EventKind.REINSTATED, ("suspended",)
)
ACTIONS = {action.name: action for action in (SUSPEND, REVOKE, REINSTATE)}


def actions_for(certificate):
    """The actions that apply to the certificate as it stands."""
    return [a for a in ACTIONS.values() if certificate.status in a.allowed_from]


def change_status(certificate_id, action, *, reason="", note="", actor=None, now=None):
    """Apply `action` under the certificate's row lock and record it in its history. Asking
    for the status it already has does nothing (a double click changes it once); an action
    that does not apply (reinstating a revoked certificate) raises CertificateError."""
    now = now or timezone.now()
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
        if certificate.status == action.becomes:
            return certificate
        if certificate.status not in action.allowed_from:
            raise exceptions.CertificateError(exceptions.STATUS_CHANGE_NOT_ALLOWED)
        certificate.status = action.becomes
        certificate.status_changed_at = now
        certificate.status_reason = reason
        certificate.save(update_fields=["status", "status_changed_at", "status_reason"])
        CertificateEvent.objects.create(
            certificate=certificate,
            kind=action.event,
            reason=reason,
            note=note,
            version=certificate.current,
            actor=actor,
            at=now,
        )
    return certificate
