"""Settings: production refuses to start half-configured, passes `check --deploy` when
configured, and every response carries the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from joserfc.jwk import OKPKey

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "courses.example.org",
    "SITE_URL": "https://courses.example.org",
    "EVALUATION_PSEUDONYM_KEY": secrets.token_urlsafe(64),
    "OPEN_BADGES_SIGNING_KEY": OKPKey.generate_key("Ed25519").as_pem(private=True).decode(),
}


def manage(*args, **env):
    """Run manage.py with production settings and only the environment given (plus PATH)."""
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "PYTHONPATH": str(ROOT),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SITE_URL",
        "EVALUATION_PSEUDONYM_KEY",
        "OPEN_BADGES_SIGNING_KEY",
    ],
)
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The environment variable {missing} must be set" in result.stderr


def test_production_with_empty_secret_key_refuses_to_start():
    result = manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_public_demo_badge_key():
    demo = settings.DEMO_OPEN_BADGES_SIGNING_KEY
    result = manage("check", **{**PRODUCTION_ENV, "OPEN_BADGES_SIGNING_KEY": demo})
    assert result.returncode != 0
    assert "OPEN_BADGES_SIGNING_KEY is the public demo key" in result.stderr


def test_production_refuses_a_badge_key_that_is_not_ed25519():
    rsa = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"
    result = manage("check", **{**PRODUCTION_ENV, "OPEN_BADGES_SIGNING_KEY": rsa})
    assert result.returncode != 0
    assert "certificates.E001" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in output
    assert "?: (security." not in output


@pytest.mark.django_db
def test_security_headers_on_a_page(client, site):
    response = client.get(site.url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = values
    assert directives["script-src"], "script-src must be set explicitly"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_database_is_the_one_database_url_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    assert settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql" if expected == "postgresql" else "sqlite3"
    )
