"""The learner's own badge, and the public documents a verifier fetches: the issuer's keys
(JWKS and did:web) and the status lists. The public ones are open to any origin (CORS), so
that a verifier running in a browser can fetch them too."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from certificates import selectors
from certificates.badges import credential, keys, status_list

JWT_TYPE = "application/vc+jwt"


def public(response, max_age):
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_safe
def jwks(request):
    return public(JsonResponse(keys.jwks(), content_type="application/jwk-set+json"), 3600)


@require_safe
def did_document(request):
    return public(JsonResponse(keys.did_document(), content_type="application/did+json"), 3600)


@require_safe
def status_list_credential(request, purpose):
    """The list as a signed BitstringStatusListCredential, as it stands now."""
    if purpose not in status_list.PURPOSES:
        raise Http404("No such status list.")
    now = timezone.now().replace(microsecond=0)
    unsigned = status_list.status_list_credential(purpose, issuer=keys.issuer_did(), now=now)
    signed = credential.sign(unsigned)
    return public(HttpResponse(signed, content_type=JWT_TYPE), status_list.TTL_SECONDS)


def own_badge(request, code):
    """The learner's own certificate's current badge; anyone else's is as good as missing."""
    certificate = selectors.learner_certificate(request.user, code)
    version = certificate and certificate.current
    if version is None:
        raise Http404("No such certificate of yours.")
    return certificate, credential.ensure_badge(version)


def private(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def badge_jwt(request, code):
    """The signed badge, to add to a wallet or a backpack."""
    certificate, token = own_badge(request, code)
    return private(HttpResponse(token, content_type=JWT_TYPE), f"badge-{certificate.code}.jwt")


@login_required
@require_safe
def badge_json(request, code):
    """What the signed badge states, readable (the signature is in the .jwt file)."""
    certificate, token = own_badge(request, code)
    claims = credential.claims(token)
    body = json.dumps(claims, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json")
    return private(response, f"badge-{certificate.code}.json")
