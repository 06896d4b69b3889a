"""Benchmark: the learning area through Django's test client, in one process.

Seeds the demo (`seed_demo --scale BENCH_SCALE`) into its own database (DATABASE_URL when
set, else a throwaway SQLite file), signs in the demo learner and times, BENCH_REQUESTS
times each: My learning, a module page with its quiz, and a quiz submission (each round
starts an attempt at the unlimited-attempts quiz, saves right answers, then times only the
POST that grades it). Prints one JSON object: {"benchmark": "learning", "database",
"scale", "results": [{"page", "p50_ms", "p95_ms", "queries", "requests"}]}.

Run by `make bench`, or alone as `python bench/bench_learning.py`.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
SCALE = int(os.environ.get("BENCH_SCALE", "1"))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(label, call, rounds=REQUESTS, before=None):
    """Time `call()` (a test-client request that must answer 200 or 302) `rounds` times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, queries = [], 0
    for _ in range(rounds):
        argument = before() if before else None
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = call(argument) if before else call()
            samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
        queries = len(captured)
    return {
        "page": label,
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "queries": queries,
        "requests": rounds,
    }


def setup(database_dir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ.setdefault("DEMO_PASSWORD", "bench-password-123")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{database_dir}/learning.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", scale=SCALE, verbosity=0, stdout=open(os.devnull, "w"))


def run():
    from django.test import Client
    from django.urls import reverse

    from cms.models import User
    from courses.models import Cohort
    from learning.models import ModulePage
    from learning.quizzes import services
    from learning.quizzes.selectors import module_quiz_refs

    learner = User.objects.get(email="learner@example.com")
    cohort = Cohort.objects.get(title="Current run", course__slug="five-day-course")
    modules = ModulePage.objects.child_of(cohort.course).live().order_by("path")
    module = modules.get(slug="mental-and-physical-health")  # unlimited attempts
    [(quiz_id, _)] = module_quiz_refs(module)
    client = Client()
    client.force_login(learner)
    client.get(reverse("learning:dashboard"))  # warm caches, as a running site has

    def attempt_ready(_=None):
        attempt = services.start_attempt(user=learner, module=module, quiz_id=quiz_id)
        right = {
            q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
            for q in attempt.snapshot["questions"]
        }
        services.save_answers(user=learner, attempt_id=attempt.pk, answers=right)
        return reverse("learning:attempt_submit", args=[attempt.pk])

    return [
        timed("dashboard", lambda: client.get(reverse("learning:dashboard"))),
        timed("module page", lambda: client.get(module.url)),
        timed("quiz submission", lambda url: client.post(url), before=attempt_ready),
    ]


def main():
    with tempfile.TemporaryDirectory() as database_dir:
        setup(database_dir)
        from django.db import connection

        results = run()
        print(
            json.dumps(
                {
                    "benchmark": "learning",
                    "database": connection.vendor,
                    "scale": SCALE,
                    "results": results,
                }
            )
        )


if __name__ == "__main__":
    main()
