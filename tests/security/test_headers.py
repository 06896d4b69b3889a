"""Headers and cookies under production settings (issue 12 §3): HTTPS only with HSTS, a strict
Content Security Policy on the site and a looser one scoped to the Wagtail admin, cookies
that scripts cannot read and other sites cannot send, no framing, no sniffing.

Each request goes as the TLS proxy in front of the site forwards it (X-Forwarded-Proto)."""

import pytest
from django.urls import reverse

from tests.factories import TOTPAuthenticatorFactory, UserFactory
from tests.security import production
from tests.security.production import HOST

pytestmark = pytest.mark.django_db
HTTPS = {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}
UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"}


@pytest.fixture(autouse=True)
def production_security(settings):
    production.apply(settings)


def policy(response):
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = set(values)
    return directives


def test_plain_http_is_sent_to_https(client, site):
    response = client.get("/courses/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/courses/"


def test_a_host_not_ours_is_refused(client, site):
    response = client.get("/", HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 400


@pytest.mark.parametrize("visit", ["first", "from the page cache"])
def test_site_pages_carry_every_security_header(client, site, visit):
    response = client.get("/", **HTTPS)
    if visit == "from the page cache":
        response = client.get("/", **HTTPS)
        assert response["X-Page-Cache"] == "hit"
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/certificates/verify/", "/search/"]
)
def test_the_site_policy_runs_only_the_sites_own_scripts(client, site, path):
    directives = policy(client.get(path, **HTTPS))
    assert directives["default-src"] == {"'self'"}
    assert directives["script-src"] == {"'self'"}
    assert not UNSAFE & directives["style-src"]
    assert directives["object-src"] == {"'none'"}
    assert directives["base-uri"] == {"'self'"}
    assert directives["form-action"] == {"'self'"}
    assert directives["frame-ancestors"] == {"'none'"}


def test_the_admin_has_its_own_looser_policy_and_only_the_admin(client, site):
    """Wagtail's admin needs inline scripts, eval and inline styles (cms/headers.py says
    why); everything else stays as strict as the site's."""
    admin = TOTPAuthenticatorFactory(user=UserFactory(is_staff=True, is_superuser=True)).user
    client.force_login(admin)
    response = client.get("/admin/", **HTTPS)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == {"'self'", "'unsafe-inline'", "'unsafe-eval'"}
    assert directives["frame-ancestors"] == {"'self'"}  # the editor's live preview
    assert directives["object-src"] == {"'none'"}
    assert directives["form-action"] == {"'self'"}
    assert directives["connect-src"] == {"'self'"}
    # The same staff member on the public site gets the site's policy.
    assert policy(client.get("/account/", **HTTPS))["script-src"] == {"'self'"}


def cookie(response, name):
    morsel = response.cookies[name]
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
    }


def test_the_csrf_cookie_is_secure_httponly_and_same_site(client, site):
    """No script of the site reads the token (forms carry it in a hidden field), so the
    cookie can be HttpOnly."""
    response = client.get("/accounts/login/", **HTTPS)
    assert cookie(response, "csrftoken") == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_the_session_cookie_is_secure_httponly_and_same_site(client, user, password):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password}, **HTTPS
    )
    assert response.status_code == 302
    assert cookie(response, "sessionid") == {"secure": True, "httponly": True, "samesite": "Lax"}
