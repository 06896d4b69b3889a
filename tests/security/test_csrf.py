"""CSRF is enforced on every POST of the site (issue 12 §3): every URL pattern, requested as a
person the access-control matrix lets act there (tests/test_access_matrix.py), with Django's
CSRF checks on and no token, answers 403 and writes nothing. The one exception is Stripe's
webhook, which cannot carry our token: its signature proves the sender instead, so an
unsigned POST is refused with 400.

The attack: a page on another site that submits a form to ours in a signed-in visitor's
browser (SameSite=Lax already stops the cookie on most cross-site POSTs; the token stops
the rest, and same-site subdomains)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

from tests import access_world as world_of
from tests.access_requests import body_of, writes_in
from tests.test_access_matrix import POST_TABLE, refused, row_for, uncovered

pytestmark = pytest.mark.django_db

# The views that answer a POST without our CSRF token, and what an unsigned POST gets.
EXEMPT = {"bookings:stripe_webhook": 400}
# Whom to act as: the first role the matrix lets act on the route.
PREFERENCE = ("learner_b", "trainer_b", "admin", "finance", "learner_a", "trainer_a", "anon")


def acting_role(route):
    row = dict(zip(world_of.ROLES, POST_TABLE.get(route.key, row_for(route)), strict=True))
    allowed = [role for role in PREFERENCE if not refused(row[role])]
    return allowed[0] if allowed else "admin"


def rest_framework_view(route):
    """Wagtail's admin API (Django REST framework): exempt from Django's CSRF middleware
    because DRF checks the token itself for session sign-ins (the POST test below proves
    it refuses)."""
    view_class = getattr(route.pattern.callback, "cls", None)
    return view_class is not None and issubclass(view_class, APIView)


def csrf_exempt_views(routes):
    return sorted(
        {
            route.key
            for route in routes
            if getattr(route.pattern.callback, "csrf_exempt", False)
            and not rest_framework_view(route)
        }
    )


def test_the_only_view_without_csrf_protection_is_the_signed_webhook():
    routes = list(world_of.routes())
    assert csrf_exempt_views(routes) == sorted(EXEMPT)
    for route in filter(rest_framework_view, routes):
        authentication = route.pattern.callback.cls.authentication_classes
        assert authentication == [SessionAuthentication], route.key


@pytest.fixture
def world(monkeypatch):
    # A refused POST never reaches a PDF; should one get through, it costs no WeasyPrint time.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *a, **k: b"%PDF-1.7 stub")
    return world_of.build()


def clients_for(world):
    clients = {"anon": Client(enforce_csrf_checks=True, raise_request_exception=False)}
    for role in world_of.ROLES[1:]:
        clients[role] = Client(enforce_csrf_checks=True, raise_request_exception=False)
        clients[role].force_login(world[role])
    return clients


def test_every_post_without_a_token_is_refused(world):
    routes = list(world_of.routes())
    assert not uncovered(routes), f"URL patterns missing from the matrix: {uncovered(routes)}"
    clients, failures, checked = clients_for(world), [], 0
    for route in routes:
        path, role = world_of.address(route, world), acting_role(route)
        with CaptureQueriesContext(connection) as queries:
            response = clients[role].post(path, {"anything": "x"})
        expected = EXEMPT.get(route.key, 403)
        if response.status_code != expected:
            failures.append(f"POST {route.key} {path} as {role}: {response.status_code}")
        elif expected == 403 and "CSRF" not in body_of(response):
            failures.append(f"POST {route.key} {path} as {role}: 403, but not for CSRF")
        if writes := writes_in(queries.captured_queries):
            failures.append(f"POST {route.key} {path} as {role}: wrote to {writes}")
        checked += 1
    assert checked > 500
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
