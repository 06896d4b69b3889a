"""A production-like server for benchmarks: gunicorn, 2 workers, DEBUG off, loopback only.

Uses DATABASE_URL when set (PostgreSQL, as in CI), otherwise its own SQLite file, seeded with
`seed_demo --scale N`, so benchmarks never touch the demo's data. A benchmark that compares
databases passes its own `database_url` (see `bench_databases`).
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(port, database_url=None):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=env.get("SECRET_KEY", "bench-" + "x" * 60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        STATIC_ROOT=str(ROOT / "bench" / ".static"),
        MEDIA_ROOT=str(ROOT / "bench" / ".media"),
        DEMO_PASSWORD=env.get("DEMO_PASSWORD", "bench-password-123"),
        # No mail server on loopback: seed_demo's confirmations (and any booking's) go nowhere.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # A full cohort answers 409 by design: log errors, not every refusal of a rush.
        LOG_LEVEL=env.get("BENCH_LOG_LEVEL", "ERROR"),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    elif not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(ROOT / "bench" / ".bench.sqlite3")
    return env


def bench_databases(name):
    """[(label, url)] for a benchmark that runs on each database: PostgreSQL when one is
    configured (BENCH_POSTGRES_URL, else a database next to a postgres DATABASE_URL, named
    `<its name>_bench`), and always a SQLite file `bench/.<name>.sqlite3`."""
    databases = []
    postgres = os.environ.get("BENCH_POSTGRES_URL") or postgres_sibling(
        os.environ.get("DATABASE_URL", ""), "_bench"
    )
    if postgres:
        databases.append(("postgresql", postgres))
    databases.append(("sqlite", f"sqlite:///{ROOT / 'bench' / f'.{name}.sqlite3'}"))
    return databases


def postgres_sibling(url, suffix):
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql") or not parts.path.strip("/"):
        return ""
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


def ensure_postgres_database(url):
    """Create the benchmark's PostgreSQL database if it is not there yet (its role needs
    CREATEDB, as the CI role has)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.strip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env, *args):
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def collect_static():
    """The manifest the server's templates need. It takes a while (every file is hashed and
    compressed), so a benchmark that starts several servers collects once and passes
    `collectstatic=False`."""
    manage(bench_env(free_port()), "collectstatic", "--noinput")


@contextlib.contextmanager
def production_server(scale=1, database_url=None, port=None, collectstatic=True):
    """Migrate, seed and serve; yields the base URL. Pass `port` to know it beforehand (a
    benchmark that also opens the database itself builds the same `bench_env(port, ...)`)."""
    port = port or free_port()
    env = bench_env(port, database_url)
    if urlsplit(env.get("DATABASE_URL", "")).scheme in ("postgres", "postgresql"):
        ensure_postgres_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--scale", str(scale))
    if collectstatic:
        collect_static()
    proc = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the benchmark server did not answer at {url}")
