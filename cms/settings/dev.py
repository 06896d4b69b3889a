"""The demo (`make run`): SQLite, eager Celery, emails as files, DEBUG on unless told otherwise."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)

# The demo's emails (verification links, codes, booking confirmations) land as files here.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "sent-emails"  # noqa: F405
