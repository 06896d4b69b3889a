"""Tests: fast hashing, local-memory cache, eager Celery, Django's outbox."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process per test database, so its memory cache is shared as Redis is in production.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Eager unless CELERY_BROKER_URL is set: the real-worker test starts its worker that way.
# CI names its Redis in CELERY_TEST_BROKER_URL, so the ordinary test run stays eager.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", None)
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media" / "private"  # noqa: F405
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
STORAGES = {  # no manifest needed; whitenoise serves finders in tests
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: concurrency tests need real locks and busy waits.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# Nothing in the suite may reach api.stripe.com: tests that pay use the `fake_stripe` fixture,
# and anything else finds this closed port and gets a clear "payment unavailable".
STRIPE_API_BASE = "http://127.0.0.1:9"
STRIPE_TIMEOUT_SECONDS = 2
FAKE_STRIPE_STATE = None  # the demo seeded in tests keeps its fake payments in memory
