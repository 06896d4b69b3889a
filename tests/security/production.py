"""Production's security settings, applied inside the test process: cms/settings/production.py
run with the environment production needs, and every setting that shapes headers, cookies,
hosts and client addresses copied onto the test settings. The rest (database, cache, Celery)
stays the tests'."""

import os
import runpy
from unittest import mock

from tests.test_settings import PRODUCTION_ENV

HOST = "courses.example.org"
PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
    "ADMIN_CSP_PREFIX",
    "PERMISSIONS_POLICY",
    "ALLOWED_HOSTS",
    "ALLAUTH_",
    "ACCOUNT_RATE_LIMITS",
)


def production_settings():
    with mock.patch.dict(os.environ, PRODUCTION_ENV):
        values = runpy.run_module("cms.settings.production")
    return {name: value for name, value in values.items() if name.startswith(PREFIXES)}


def apply(settings):
    """Put production's security settings on pytest-django's `settings` fixture."""
    for name, value in production_settings().items():
        setattr(settings, name, value)
