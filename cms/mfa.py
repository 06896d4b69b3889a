"""Whether this session's sign-in used an authenticator app, read from (and written to)
allauth's record of the authentication methods used in the session."""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

AUTHENTICATOR_TYPES = {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN}


def passed_mfa(request):
    """True once a code from the user's authenticator was accepted in this session."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def record_mfa_on_activation(sender, request, user, authenticator, **kwargs):
    """Activating an authenticator takes a code from it (after the password was asked again),
    so the session that set it up has passed MFA: staff go on to the admin without signing
    in a second time. allauth announces the authenticator once its transaction commits,
    which may be after the response has saved the session: so the session is saved here."""
    if authenticator.type in AUTHENTICATOR_TYPES:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        request.session.save()
