"""Where the time goes, for the targets `make bench` shows unmet: a pyinstrument profile of
each signed-in page (My learning, a module page, a quiz page, My bookings) through Django's
test client with the production settings, and of a certificate PDF render, on the same
seeded database as the benchmarks (`bench.server`). Prints each profile as text.

    python bench/profile.py            # every target, PROFILE_ROUNDS (20) of each
    python bench/profile.py "My learning"

Not part of `make bench`: profiling slows what it measures, so it gives shares, not speeds.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import bench_env, free_port, prepare_database  # noqa: E402

ROUNDS = int(os.environ.get("PROFILE_ROUNDS", "20"))
PAGES = ["My learning", "a module page", "a quiz page", "My bookings"]


def profiled(name, fn):
    from pyinstrument import Profiler

    fn()  # warm: templates, the kept facts, fonts
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(ROUNDS):
            fn()
    print(f"\n===== {name}: {ROUNDS} rounds =====")
    print(profiler.output_text(unicode=False, color=False))


def targets():
    from django.test import Client

    from bench.bench_pages import signed_in_pages
    from certificates.documents import render_pdf
    from certificates.models import CertificateVersion

    learner, _, paths = signed_in_pages()
    client = Client()
    client.force_login(learner)
    pages = zip(PAGES, paths, strict=True)
    found = {name: (lambda path=path: client.get(path)) for name, path in pages}
    version = CertificateVersion.objects.order_by("pk").first()
    found["a certificate PDF"] = lambda: render_pdf(version)
    return found


def main():
    env = bench_env(free_port())
    prepare_database(env, int(os.environ.get("BENCH_SCALE", "10")))
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]  # the test client's host
    wanted = sys.argv[1:]
    for name, fn in targets().items():
        if not wanted or name in wanted:
            profiled(name, fn)


if __name__ == "__main__":
    main()
