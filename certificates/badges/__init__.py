"""Each certificate as an Open Badges 3.0 credential, and the public means to check one.

- `keys`: the issuer's Ed25519 key (``OPEN_BADGES_SIGNING_KEY``), its ``did:web`` identity,
  and the public documents that publish it (``/.well-known/jwks.json`` and
  ``/.well-known/did.json``).
- `credential`: a certificate version as an ``OpenBadgeCredential`` (W3C Verifiable
  Credentials Data Model 2.0 with the Open Badges 3.0 context), signed as a VC-JWT
  (JOSE, ``alg: EdDSA``) and kept on the version, made once.
- `status_list`: revocation and suspension published as two W3C Bitstring Status Lists.
  Each certificate gets one random index, used on both lists; the revocation list's bit is
  set while the certificate is revoked, the suspension list's while it is suspended (a
  suspension can be lifted, a revocation cannot, so each has the list whose meaning fits).
  A credential names both entries in ``credentialStatus``.
- `views`: the learner's own download (a ``.jwt`` file, or the JSON inside it) and the
  public key and status list documents.

Anyone can check a badge away from this site: fetch the JWKS (or resolve the ``did:web``),
verify the JWT with the key its header's ``kid`` names, then fetch the status lists the
credential names and read its bit.

A name correction makes a new version with a new badge (the same certificate, so the same
index); the older badge stays valid on the lists, since the achievement it states is still
true, and the verify page shows the newer version.
"""
