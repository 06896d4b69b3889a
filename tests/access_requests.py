"""Requesting one address as one role for the access-control matrix, and naming what came
back: OK, LOGIN, DENY (403/404), BOUNCE (Wagtail's redirect to its dashboard when a screen
is not for you), REDIRECT (anywhere else), or the bare status code."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Writes a refused request may make: the session, and allauth's and Wagtail's bookkeeping.
HARMLESS_TABLES = ("django_session", "wagtailadmin_editingsession")
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def outcome(response):
    """The named outcome of a response: the words of the matrix's table."""
    status = response.status_code
    if status == 200:
        return "OK"
    if status in (403, 404):
        return "DENY"
    if status in (301, 302, 303):
        location = response["Location"].split("?")[0]
        if location.startswith(LOGIN_PATHS):
            return "LOGIN"
        return "BOUNCE" if location == "/admin/" else "REDIRECT"
    return str(status)


def body_of(response):
    if getattr(response, "streaming", False):
        # The test client closes the file when the content has been read.
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def writes_in(queries):
    """The tables written to by the captured queries, bar the harmless ones."""
    tables = set()
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(2) not in HARMLESS_TABLES:
            tables.add(match.group(2))
    return sorted(tables)


def get(client, path):
    response = client.get(path)
    return outcome(response), body_of(response)


def post(client, path):
    """POST an empty form (the test client skips CSRF checks): the outcome, the body and the
    tables it wrote to."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, {})
    return outcome(response), body_of(response), writes_in(queries.captured_queries)
