"""The issuer's signing key, its identity and the public documents that publish it.

The key is an Ed25519 private key in ``OPEN_BADGES_SIGNING_KEY`` (PEM, or a JWK as JSON).
The issuer is ``did:web`` of the site's host, so its DID document lives at
``/.well-known/did.json``; the same public key is in the JWKS at ``/.well-known/jwks.json``.
Both name it with one ``kid``, the DID URL ``did:web:<host>#<RFC 7638 thumbprint>``: a DID
resolver and a JWKS client each find the key from the JWT header alone.
"""

import json
import warnings
from functools import lru_cache
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc.errors import SecurityWarning
from joserfc.jwk import OKPKey

ALGORITHM = "EdDSA"
# RFC 9864 names the fully specified "Ed25519"; Open Badges 3.0 and VC-JWT verifiers expect
# "EdDSA" (with an Ed25519 key it is the same signature), so joserfc's notice is not for us.
warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)


@lru_cache(maxsize=4)
def _parse(text):
    text = text.strip()
    try:
        key = OKPKey.import_key(json.loads(text) if text.startswith("{") else text)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"OPEN_BADGES_SIGNING_KEY is not an Ed25519 private key (PEM or JWK): {error}"
        ) from error
    if key.as_dict().get("crv") != "Ed25519" or not key.is_private:
        raise ImproperlyConfigured("OPEN_BADGES_SIGNING_KEY must be an Ed25519 private key.")
    return key


def signing_key():
    return _parse(settings.OPEN_BADGES_SIGNING_KEY)


def issuer_did():
    """did:web of SITE_URL's host (a port's colon percent-encoded, as did:web requires)."""
    return "did:web:" + quote(urlsplit(settings.SITE_URL).netloc, safe="")


def key_id():
    return f"{issuer_did()}#{signing_key().thumbprint()}"


def public_jwk():
    """The public half only, with its kid and what it is for."""
    public = signing_key().as_dict(private=False)
    return {**public, "kid": key_id(), "use": "sig", "alg": ALGORITHM}


def jwks():
    return {"keys": [public_jwk()]}


def did_document():
    did, kid = issuer_did(), key_id()
    method = {
        "id": kid,
        "type": "JsonWebKey2020",
        "controller": did,
        "publicKeyJwk": public_jwk(),
    }
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "verificationMethod": [method],
        "assertionMethod": [kid],  # the key may assert credentials: it signs the badges
    }
