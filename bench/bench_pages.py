"""Benchmark: public and signed-in pages against the bare view of the same server, same run.

The server is `bench.server.production_server` (gunicorn, 2 workers, DEBUG off, PostgreSQL
when configured, `seed_demo --scale BENCH_SCALE`, 10 by default). Each page is hammered for
BENCH_SECONDS right after the bare `/healthz/live` view (a one-line response through the same
middleware), so each page's `ratio` is its throughput over the bare view's in the same minute:
absolute numbers on a shared machine are noise.

- anonymous: home, the catalogue, a course page and the certificate check, at 16
  connections (issue 11: at least 0.75x the bare view, p99 under 15 ms);
- signed_in: My learning, a module page, a quiz page and My bookings as the demo learner, at
  8 connections (at least 0.15x, p95 under 50 ms).

`queries` is what the page runs in this process (Django's test client on the same database
and Redis): for an anonymous page, the second request, which the page cache answers.
Prints one JSON object: {"benchmark": "pages", "scale", "database", "results": [{"path",
"kind", "rps", "bare_rps", "ratio", "p50_ms", "p95_ms", "p99_ms", "errors", "queries",
"clients"}]}.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import hammer  # noqa: E402
from bench.server import bench_env, free_port, production_server  # noqa: E402

BARE = "/healthz/live"
ANONYMOUS = ["/", "/courses/", "/courses/five-day-course/", "/certificates/verify/"]
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
SCALE = int(os.environ.get("BENCH_SCALE", "10"))
CLIENTS = {"anonymous": 16, "signed_in": 8}


def signed_in_pages():
    """The demo learner's session key and pages: My learning, a module, a quiz, My bookings."""
    from django.urls import reverse

    from bench.bench_booking_rush import sessions_for
    from cms.models import User
    from courses.models import Cohort
    from learning.models import ModulePage
    from learning.quizzes import services
    from learning.quizzes.selectors import module_quiz_refs

    learner = User.objects.get(email="learner@example.com")
    cohort = Cohort.objects.get(title="Current run", course__slug="five-day-course")
    modules = ModulePage.objects.child_of(cohort.course).live().order_by("path")
    module = modules.get(slug="mental-and-physical-health")  # a quiz with unlimited attempts
    [(quiz_id, _)] = module_quiz_refs(module)
    attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz_id)
    [session_key] = sessions_for([learner])
    paths = [
        reverse("learning:dashboard"),
        modules.first().url,
        reverse("learning:attempt", args=[attempt.pk]) + "?page=1",
        reverse("bookings:my_bookings"),
    ]
    return learner, session_key, paths


def queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # the first fills the page cache (or the site root cache)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def measure(base, path, kind, query_count, headers=None):
    clients = CLIENTS[kind]
    bare = hammer(base + BARE, clients=clients, seconds=SECONDS)
    page = hammer(base + path, clients=clients, seconds=SECONDS, headers=headers)
    return {
        "path": path,
        "kind": kind,
        **page,
        "bare_rps": bare["rps"],
        "ratio": round(page["rps"] / bare["rps"], 3) if bare["rps"] else None,
        "queries": query_count,
        "clients": clients,
    }


def main():
    port = free_port()
    os.environ.update(bench_env(port))
    with production_server(scale=SCALE, port=port) as base:
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        settings.ALLOWED_HOSTS = ["*"]
        learner, session_key, private = signed_in_pages()
        anonymous, signed_in = Client(), Client()
        signed_in.force_login(learner)
        cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"}
        hammer(base + "/", clients=2, seconds=1)  # warm the workers
        results = [measure(base, p, "anonymous", queries(anonymous, p)) for p in ANONYMOUS]
        results += [
            measure(base, p, "signed_in", queries(signed_in, p), headers=cookie) for p in private
        ]
        database = connection.vendor
    print(
        json.dumps({"benchmark": "pages", "scale": SCALE, "database": database, "results": results})
    )


if __name__ == "__main__":
    main()
