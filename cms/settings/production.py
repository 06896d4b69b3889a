"""Production: every secret from the environment, HTTPS only, Redis cache and broker."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_list, require_env

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = require_env("SECRET_KEY", "a long random string that signs sessions and tokens.")
EVALUATION_PSEUDONYM_KEY = require_env(
    "EVALUATION_PSEUDONYM_KEY",
    "a long random string, kept for good, that keys the research pseudonyms of evaluation answers.",
)
OPEN_BADGES_SIGNING_KEY = require_env(
    "OPEN_BADGES_SIGNING_KEY",
    "the Ed25519 private key (PEM or JWK JSON) that signs certificates' Open Badges; keep it "
    "for good, since badges already issued are checked against its public half.",
)
if OPEN_BADGES_SIGNING_KEY.strip() == DEMO_OPEN_BADGES_SIGNING_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "OPEN_BADGES_SIGNING_KEY is the public demo key: generate the site's own Ed25519 key."
    )
require_env("ALLOWED_HOSTS", "the site's host names, comma-separated.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
SITE_URL = require_env("SITE_URL", "the public https:// address of the site.").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = [SITE_URL]

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# The TLS proxy appends each client's address to X-Forwarded-For: rate limits per address
# (allauth's, the certificate check's) read the entry it added, not one a client claims, and
# not the proxy's own address, which every client would share.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": PRIVATE_STORAGE,  # noqa: F405
}
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
