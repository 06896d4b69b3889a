"""A production-like server for benchmarks: gunicorn, 2 workers, DEBUG off, loopback only.

Runs on PostgreSQL when one is configured (BENCH_POSTGRES_URL, else a database next to a
postgres DATABASE_URL: see `bench_databases`), otherwise on its own SQLite file, seeded with
`seed_demo --scale N`, so benchmarks never touch the demo's data. The cache (and so the
anonymous page cache both workers share) is Redis at BENCH_REDIS_URL, database 5 of the local
Redis unless told otherwise. A benchmark that compares databases passes its own
`database_url`.
"""

import contextlib
import functools
import hashlib
import os
import secrets
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
        PRIVATE_MEDIA_ROOT=str(ROOT / "bench" / ".media" / "private"),
        DEMO_PASSWORD=env.get("DEMO_PASSWORD", "bench-password-123"),
        # No mail server on loopback: seed_demo's confirmations (and any booking's) go nowhere.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # A full cohort answers 409 by design: log errors, not every refusal of a rush.
        LOG_LEVEL=env.get("BENCH_LOG_LEVEL", "ERROR"),
        REDIS_URL=env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        # Production settings insist on the site's own keys: throwaway ones for the run.
        EVALUATION_PSEUDONYM_KEY=env.get("EVALUATION_PSEUDONYM_KEY") or pseudonym_key(),
        OPEN_BADGES_SIGNING_KEY=env.get("OPEN_BADGES_SIGNING_KEY") or signing_key(),
    )
    env.pop("CELERY_BROKER_URL", None)  # tasks run in the request, unless a benchmark says
    env["DATABASE_URL"] = database_url or default_database_url()
    return env


@functools.cache
def pseudonym_key():
    return secrets.token_hex(32)


@functools.cache
def signing_key():
    """A fresh Ed25519 key (PEM) for the run's Open Badges: the demo key is refused."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def default_database_url():
    """PostgreSQL when configured (issue 11 measures on it), else a SQLite file."""
    label, url = bench_databases("bench")[0]
    return url


def bench_databases(name, suffix=""):
    """[(label, url)] for a benchmark that runs on each database: PostgreSQL when one is
    configured (BENCH_POSTGRES_URL, else a database next to a postgres DATABASE_URL, named
    `<its name>_bench`; `suffix` names a benchmark's own one next to it), and always a SQLite
    file `bench/.<name>.sqlite3`."""
    databases = []
    postgres = os.environ.get("BENCH_POSTGRES_URL") or postgres_sibling(
        os.environ.get("DATABASE_URL", ""), "_bench"
    )
    if postgres and suffix:
        postgres = postgres_sibling(postgres, suffix)
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
            return True
    return False


def prepare_database(env, scale):
    """Create (PostgreSQL), migrate and seed the database `env` names."""
    url = env["DATABASE_URL"]
    fresh = url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()
    if urlsplit(url).scheme in ("postgres", "postgresql"):
        fresh = ensure_postgres_database(url)
    manage(env, "migrate", "--noinput")
    seed(env, scale, fresh)


def seed(env, scale, fresh):
    """`seed_demo --scale N`, skipped when this database was seeded at that scale before
    (seed_demo is idempotent but takes a minute at scale 10; BENCH_RESEED=1 runs it anyway).
    The marker is a file per database and scale, dropped when the database is new."""
    url = env["DATABASE_URL"]
    marker = ROOT / "bench" / ".seeded" / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}-{scale}"
    if marker.exists() and not fresh and os.environ.get("BENCH_RESEED") != "1":
        return
    manage(env, "seed_demo", "--scale", str(scale))
    marker.parent.mkdir(exist_ok=True)
    marker.write_text(f"{urlsplit(url)._replace(netloc='').geturl()} scale {scale}\n")


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
    prepare_database(env, scale)
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
            "--graceful-timeout",
            "5",
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
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_until_up(url, timeout=180):
    """A loaded machine takes a while to import Wagtail and WeasyPrint in two workers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the benchmark server did not answer at {url}")
