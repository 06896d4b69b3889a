"""A production-like server for benchmarks: gunicorn, 2 workers, DEBUG off, loopback only.

Uses DATABASE_URL when set (PostgreSQL, as in CI), otherwise its own SQLite file, seeded with
`seed_demo --scale N`, so benchmarks never touch the demo's data.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(port):
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
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(ROOT / "bench" / ".bench.sqlite3")
    return env


def manage(env, *args):
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


@contextlib.contextmanager
def production_server(scale=1):
    port = free_port()
    env = bench_env(port)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--scale", str(scale))
    manage(env, "collectstatic", "--noinput")
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
