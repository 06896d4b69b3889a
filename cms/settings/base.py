"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def require_env(name, why):
    value = env(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set: {why}")
    return value


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY", "demo-only-insecure-key-do-not-use-in-production")
# Keys the pseudonyms that link one learner's evaluation answers across waves. Never the same
# as SECRET_KEY (rotating that must not re-key research data), and never changed once in use.
EVALUATION_PSEUDONYM_KEY = env("EVALUATION_PSEUDONYM_KEY", "demo-only-evaluation-pseudonym-key")
# The impact report's benchmark: how far up its scale a rating or a knowledge score must be
# (0.7: 7 or more of 10 in confidence, 4 of 5 right in the knowledge test).
EVALUATION_BENCHMARK_SHARE = 0.7
# Signs certificates' Open Badges (an Ed25519 private key, PEM or JWK JSON); its public half is
# published at /.well-known/jwks.json and /.well-known/did.json. This demo key is public: a
# badge signed with it proves nothing. Production must set its own and keep it for good.
DEMO_OPEN_BADGES_SIGNING_KEY = """-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIFiFsMh/aZQl14d8ZWmkd7S/MkfOMbtYdR4fdHRIKqmE
-----END PRIVATE KEY-----"""
OPEN_BADGES_SIGNING_KEY = env("OPEN_BADGES_SIGNING_KEY", DEMO_OPEN_BADGES_SIGNING_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    # The river, in order: cms <- courses <- bookings <- learning <- certificates.
    "cms",
    "courses",
    "bookings",
    "learning",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "csp",
]

# Forms render through the project's templates (templates/django/forms/), in NHS.UK markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.UnanswerablePathMiddleware",
    # Outside the CSP middleware, so its sandbox is the last word on a download.
    "cms.middleware.SandboxedDownloadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: an anonymous visitor's cached page costs no database query.
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms.middleware.KeptSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.headers.SiteCSPMiddleware",
    "cms.headers.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.ratelimit.EmailLookupRateLimitMiddleware",
    "cms.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_shell",
                "bookings.context_processors.account_links",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
SQLITE_PATH = env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so select_for_update-style guards hold on SQLite.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (allauth's rate limits need a real one) --------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mhskills",
        }
    }

# Sessions are read from the cache (one query less on every signed-in page) and written
# through to the database, so none is lost when the cache is flushed. Only with a cache that
# every worker shares (Redis): with per-process memory, a session ended in one worker would
# still be accepted by another until its cached copy expired.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# The anonymous page cache (cms.page_cache): how long a page may be kept at most, and the apps
# whose saved or deleted rows make every kept page stale at once (places left, a publication).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "15"))
PAGE_CACHE_APPS = {"cms", "courses", "bookings", "wagtailcore"}

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "cms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# A taken email is named on the sign-up form, as people expect; see the README's security notes.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Password-reset and sign-in-code requests per client address, whatever the email given
# (cms/ratelimit.py says why); the certificate check's, likewise.
EMAIL_LOOKUP_RATE = "20/m/ip"
CERTIFICATE_VERIFY_RATE = "30/m/ip"
# A base class for allauth's own sign-up form (ACCOUNT_FORMS["signup"] would replace it whole).
ACCOUNT_SIGNUP_FORM_CLASS = "cms.forms.SignupForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mental Health Skills Courses"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Mental Health Skills Courses"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it can carry script
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("IMAGE_MAX_MB", "10")) * 1024 * 1024
# Documents as cms.uploads allows them (checked by content too): no HTML, SVG or scripts.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "txt", "png", "jpg", "jpeg"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.documents.DocumentForm"
DOCUMENT_MAX_MB = int(env("DOCUMENT_MAX_MB", "25"))
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each member of staff's email to a third party on every
# admin page, and the admin's CSP lets images come from the site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

# Wagtail's admin API (Django REST framework): the admin's session only, never a password in
# an Authorization header, which would skip MFA (Wagtail's admin check refuses it anyway).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]
}

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Invoices, credit notes and other files served only through views that check who asks:
# outside MEDIA_ROOT, so no web server can serve them by URL.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Slides and handouts a trainer uploads for a cohort (learning.materials).
COHORT_MATERIAL_MAX_MB = int(env("COHORT_MATERIAL_MAX_MB", "25"))

# --- Email ------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Mental Health Skills Courses <courses@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Finance's shared inbox: gets the daily list of overdue invoices, as the Finance group does.
FINANCE_EMAIL = env("FINANCE_EMAIL", "")

# --- Celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
# With no broker the demo runs tasks in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_RETRY_DELAY = 30
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Downstream apps add their periodic tasks here by name (see each app's tasks.py).
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "cms.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Also the reconciliation: a lapsed order with a card payment is first settled with Stripe.
    "release-expired-holds": {"task": "bookings.tasks.release_expired_holds", "schedule": 60.0},
    "serve-waiting-lists": {"task": "bookings.tasks.serve_waiting_lists", "schedule": 60.0},
    # Confirmations queued while the broker was down (the booking stood; its emails wait).
    "resend-unsent-confirmations": {
        "task": "bookings.tasks.resend_unsent_confirmations",
        "schedule": 300.0,
    },
    # Hourly: a reminder falls due at its first session's time of day, 7 days and 1 day before.
    "remind-awaiting-po": {
        "task": "bookings.tasks.remind_awaiting_po",
        "schedule": crontab(hour=9, minute=0),
    },
    "send-course-reminders": {
        "task": "bookings.tasks.send_course_reminders",
        "schedule": crontab(minute=5),
    },
    # Hourly: evaluation's last-day and three-month emails, and their reminders a week later.
    "send-evaluation-wave-emails": {
        "task": "learning.evaluation.tasks.send_wave_emails",
        "schedule": crontab(minute=20),
    },
    # Nightly: delete what the privacy notice says goes (bookings.services.retention).
    "apply-retention-rules": {
        "task": "bookings.tasks.apply_retention_rules",
        "schedule": crontab(hour=3, minute=30),
    },
    # Each morning, before finance starts: overdue reminders and the list of overdue invoices.
    "chase-overdue-invoices": {
        "task": "bookings.tasks.chase_overdue_invoices",
        "schedule": crontab(hour=7, minute=30),
    },
}

# --- Retention (cms.retention: the privacy notice states these same values) ------------
# Access and dietary requirements on a place: days after its cohort's last day.
RETENTION_REQUIREMENTS_DAYS = int(env("RETENTION_REQUIREMENTS_DAYS", "30"))
# Name and email on a booking never paid (its hold lapsed): days after the hold lapsed.
RETENTION_UNPAID_ORDER_DAYS = int(env("RETENTION_UNPAID_ORDER_DAYS", "90"))
# Waiting-list entries: days after their cohort's last day.
RETENTION_WAITING_LIST_DAYS = int(env("RETENTION_WAITING_LIST_DAYS", "30"))

# --- Stripe (issue 5 wires the fake Stripe into make run) -------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "sk_test_fake_local")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "pk_test_fake_local")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "whsec_fake_local")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")  # empty: the real api.stripe.com
# The demo's fake Stripe keeps its payments here (make run and seed_demo share the file).
FAKE_STRIPE_STATE = env("FAKE_STRIPE_STATE", str(BASE_DIR / ".fake-stripe.json"))
# A learner waits on the pay button for this long at most; then the places are freed.
STRIPE_TIMEOUT_SECONDS = float(env("STRIPE_TIMEOUT_SECONDS", "20"))

# --- Security headers -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
# The Wagtail admin's own policy, under /admin/ only: cms/headers.py says why it is looser.
ADMIN_CSP_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CSP_DIRECTIVES,
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'", *CSP_DIRECTIVES["frame-src"]],
        "frame-ancestors": ["'self'"],  # the page editor's live preview
    }
}
# Features no page of the site uses, switched off for every page and anything it frames.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The handler's level too: records that Django's own loggers pass up (django.request's
    # 4xx warnings) skip the root logger's level.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": env("LOG_LEVEL", "WARNING")}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # Personal data kept out (cms.log_filters): the stripe SDK logs request and response
    # bodies, Django's templates an unresolved variable's whole context.
    "filters": {
        "stripe_personal_data": {"()": "cms.log_filters.StripePersonalData"},
        "without_traceback": {"()": "cms.log_filters.WithoutTraceback"},
    },
    "loggers": {
        "stripe": {"filters": ["stripe_personal_data"]},
        "django.template": {"filters": ["without_traceback"]},
    },
}
