"""Benchmark: how each page's queries and time grow from `seed_demo --scale 1` to `--scale 10`.

Each scale has its own database (PostgreSQL when configured: the pages benchmark's for scale
10 and one named `<it>_scale1` for scale 1; else SQLite files), prepared and measured in a
child process of its own, because Django is set up once per process. A child times each page
through Django's test client with the production settings, BENCH_GROWTH_REQUESTS times: the
anonymous pages with the page cache emptied before each request (what grows is the render
behind the cache), the signed-in pages as the demo learner.

Issue 11: the time may grow by at most 20%, the query count not at all. Prints one JSON
object: {"benchmark": "growth", "database", "results": [{"path", "kind", "queries_scale_1",
"queries_scale_10", "ms_scale_1", "ms_scale_10", "ms_growth"}]}.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import (  # noqa: E402
    bench_databases,
    bench_env,
    free_port,
    prepare_database,
)

REQUESTS = int(os.environ.get("BENCH_GROWTH_REQUESTS", "20"))
SCALES = (1, 10)


def database_url(scale):
    label, url = bench_databases("bench")[0]
    if scale == 10:
        return url
    if label == "postgresql":
        return bench_databases("bench", suffix="_scale1")[0][1]
    return url.replace(".bench.sqlite3", ".bench-scale1.sqlite3")


def main():
    if len(sys.argv) > 1:
        return measure_scale(int(sys.argv[1]))
    by_scale = {}
    for scale in SCALES:
        child = subprocess.run(
            [sys.executable, __file__, str(scale)], check=True, capture_output=True, text=True
        )
        by_scale[scale] = json.loads(child.stdout.strip().splitlines()[-1])
    small, big = by_scale[1], by_scale[10]
    results = [
        {
            "path": path,
            "kind": row["kind"],
            "queries_scale_1": row["queries"],
            "queries_scale_10": big["pages"][path]["queries"],
            "ms_scale_1": row["ms"],
            "ms_scale_10": big["pages"][path]["ms"],
            "ms_growth": round(big["pages"][path]["ms"] / row["ms"] - 1, 3) if row["ms"] else None,
        }
        for path, row in small["pages"].items()
    ]
    print(json.dumps({"benchmark": "growth", "database": small["database"], "results": results}))


def measure_scale(scale):
    env = bench_env(free_port(), database_url(scale))
    prepare_database(env, scale)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from bench.bench_pages import ANONYMOUS, signed_in_pages

    settings.ALLOWED_HOSTS = ["*"]
    learner, _, private = signed_in_pages()
    signed_in = Client()
    signed_in.force_login(learner)
    pages = {path: timed(Client(), path, "anonymous") for path in ANONYMOUS}
    pages |= {path_label(path): timed(signed_in, path, "signed_in") for path in private}
    print(json.dumps({"scale": scale, "database": connection.vendor, "pages": pages}))


def path_label(path):
    """The quiz page's attempt id differs between databases: name it by its route."""
    return path.split("?")[0].rstrip("0123456789/") + "/<id>/" if "/attempts/" in path else path


def timed(client, path, kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms import page_cache

    samples, queries = [], 0
    client.get(path)  # warm the site root cache, as a running site has
    for _ in range(REQUESTS):
        page_cache.invalidate()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
    return {"kind": kind, "queries": queries, "ms": round(statistics.median(samples), 2)}


if __name__ == "__main__":
    main()
