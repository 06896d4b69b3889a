"""Benchmark: a 30-place cohort's certificates issued, stored and emailed through a real worker.

On a course's last day staff issue the cohort's certificates at once. Here BENCH_CERTS_N
learners with confirmed places on one cohort of the demo's course each get a completion
certificate (`certificates.services.issue_certificate`, issued by override: the rule's facts
are not what is measured); each issue queues `deliver_certificate` on Redis (database 6 of
the local Redis unless BENCH_BROKER_URL says otherwise), and a real Celery worker with two
processes (`celery -A cms worker -c 2`) renders the PDF, stores it and emails it (to
Django's dummy backend: `emailed_at` is set once it went). `wall_s` runs from the first
issue until every version has its stored PDF and its `emailed_at`; `issue_s` is the issuing
loop's share, `first_emailed_s` when the first certificate went.

Issue 11: under 3 seconds for 30. Prints one JSON object: {"benchmark":
"certificates_batch", "n", "wall_s", "issue_s", "first_emailed_s", "certificates_per_s",
"database", "worker_processes"}.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import bench_env, free_port, prepare_database  # noqa: E402

N = int(os.environ.get("BENCH_CERTS_N", "30"))
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6")
TIMEOUT_SECONDS = 120
WORKER_PROCESSES = 2


def start_worker(env):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "worker",
            "-c",
            str(WORKER_PROCESSES),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )


def wait_for_worker():
    from cms.celery import app

    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            return
    raise RuntimeError("the Celery worker did not answer")


def cohort_of(n):
    """A cohort that ended yesterday, with `n` learners on confirmed places."""
    import datetime

    from django.utils import timezone

    from courses.models import Cohort, CoursePage
    from tests.factories import UserFactory
    from tests.factories.learning import place_on

    end = timezone.localdate() - datetime.timedelta(days=1)
    cohort = Cohort.objects.create(
        course=CoursePage.objects.get(slug="five-day-course"),
        title=f"Benchmark certificates {timezone.now():%H%M%S}",
        start_date=end - datetime.timedelta(days=4),
        end_date=end,
        capacity=n,
        venue_name="Weston Education Centre",
        status="completed",
    )
    # The factory's numbering starts again in each run: the stamp keeps a rerun's emails new.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return [place_on(cohort, UserFactory(email=f"bench-{stamp}-{i}@example.com")) for i in range(n)]


def delivered(certificate_ids):
    from certificates.models import CertificateVersion

    return (
        CertificateVersion.objects.filter(certificate_id__in=certificate_ids)
        .exclude(pdf="")
        .exclude(emailed_at=None)
        .count()
    )


def first_emailed_s(certificate_ids, started_at):
    """Seconds from the first issue until the first certificate was emailed: a worker
    process's first render (fonts loaded, or not, before it) shows here."""
    from django.db.models import Min

    from certificates.models import CertificateVersion

    versions = CertificateVersion.objects.filter(certificate_id__in=certificate_ids)
    first = versions.aggregate(first=Min("emailed_at"))["first"]
    return round((first - started_at).total_seconds(), 2)


def main():
    env = bench_env(free_port())
    env["CELERY_BROKER_URL"] = BROKER
    prepare_database(env, int(os.environ.get("BENCH_SCALE", "10")))
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from certificates.services import issue_certificate

    worker = start_worker(env)
    try:
        wait_for_worker()
        places = cohort_of(N)
        started, started_at = time.perf_counter(), timezone.now()
        ids = [issue_certificate(p.pk, override_reason="Benchmark").pk for p in places]
        issued = time.perf_counter() - started
        while delivered(ids) < N:
            if time.perf_counter() - started > TIMEOUT_SECONDS:
                sys.exit(f"only {delivered(ids)} of {N} certificates delivered")
            time.sleep(0.02)
        wall = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(
        json.dumps(
            {
                "benchmark": "certificates_batch",
                "n": N,
                "wall_s": round(wall, 2),
                "issue_s": round(issued, 2),
                "first_emailed_s": first_emailed_s(ids, started_at),
                "certificates_per_s": round(N / wall, 1),
                "database": connection.vendor,
                "worker_processes": WORKER_PROCESSES,
            }
        )
    )


if __name__ == "__main__":
    main()
