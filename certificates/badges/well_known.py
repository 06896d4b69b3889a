"""/.well-known/ documents: the issuer's public key as a JWKS and as a did:web DID document."""

from django.urls import path

from certificates.badges import views

urlpatterns = [
    path("jwks.json", views.jwks, name="jwks"),
    path("did.json", views.did_document, name="did_document"),
]
