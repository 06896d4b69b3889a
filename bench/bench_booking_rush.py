"""Benchmark: a booking rush on one cohort, through the real HTTP flow, on each database.

Many signed-in learners at once GET the booking form /book/cohorts/<id>/ (for its CSRF token
and submission key) and POST it for one place. A 302 to the order page is a place held, the
"full" answer is a refusal, anything else (5xx, timeouts, "busy") is an error.

- the rush: RUSH_ATTEMPTS learners (500) from CLIENTS (64) concurrent clients on a 12-place
  cohort. `held` must equal the capacity, or the script exits non-zero. `naive_held` is what
  a check-then-insert without the lock holds under the same rush (`naive_hold`, run in
  threads against the same database): more than 12, or the test could not fail.
- the fill: the same CLIENTS clients book a 1,000-place cohort for FILL_SECONDS (or until it
  is full, on a fast machine), which gives `holds_per_s` (one hold = the form's GET and its
  POST). Every place it holds must be in the database.

Prints one JSON object per database (PostgreSQL when configured, see
`bench.server.bench_databases`, and SQLite). Each database runs in its own process, because
Django is set up once per process: `bench_booking_rush.py <database url>` runs one.
"""

import datetime
import http.client
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    bench_databases,
    bench_env,
    collect_static,
    free_port,
    production_server,
)

CLIENTS = int(os.environ.get("BENCH_RUSH_CLIENTS", "64"))
RUSH_ATTEMPTS = int(os.environ.get("BENCH_RUSH_ATTEMPTS", "500"))
SCALE = int(os.environ.get("BENCH_SCALE", "10"))
RUSH_CAPACITY = 12
FILL_CAPACITY = 1000
# Throughput is measured over a fixed time so that `make bench` stays quick on a slow machine.
FILL_SECONDS = float(os.environ.get("BENCH_RUSH_SECONDS", "10"))
# The naive check-then-insert opens one connection per thread: stay well inside PostgreSQL's
# default 100 connections, which other developers' databases share.
NAIVE_THREADS = min(CLIENTS, 20)
# Between counting and inserting, a real request prices the places and writes the order.
NAIVE_GAP_SECONDS = 0.01
TIMEOUT_SECONDS = 30


# --- The parent: one child process per database ------------------------------------------


def main():
    if len(sys.argv) > 1:
        sys.exit(run_database(sys.argv[1]))
    collect_static()  # once for both servers
    failed = []
    for label, url in bench_databases("bench-rush"):
        # The child prints its JSON line to our stdout, which bench/run.py reads.
        child = subprocess.run([sys.executable, __file__, url], check=False)
        if child.returncode:
            failed.append(label)
    if failed:
        sys.exit(f"booking_rush failed on {', '.join(failed)}")


# --- One database -------------------------------------------------------------------------


def run_database(url):
    port = free_port()
    os.environ.update(bench_env(port, url))
    import django

    django.setup()
    with production_server(scale=SCALE, database_url=url, port=port, collectstatic=False) as base:
        result = measure(base)
    print(json.dumps(result), flush=True)
    ok = result["held"] == result["held_in_db"] == RUSH_CAPACITY
    ok = ok and result["fill_held"] == result["fill_held_in_db"] <= FILL_CAPACITY
    if not ok:
        print(f"booking_rush on {result['database']}: held != capacity", file=sys.stderr)
    return 0 if ok else 1


def measure(base):
    from django.db import connection

    learners = signed_in_learners(max(FILL_CAPACITY + CLIENTS, RUSH_ATTEMPTS))
    rush_cohort, naive_cohort, fill_cohort = (
        bench_cohort(RUSH_CAPACITY, "rush"),
        bench_cohort(RUSH_CAPACITY, "naive"),
        bench_cohort(FILL_CAPACITY, "fill"),
    )
    rush = book_concurrently(base, rush_cohort.pk, learners[:RUSH_ATTEMPTS])
    naive_held = naive_rush(naive_cohort, learners[0][0], attempts=RUSH_ATTEMPTS)
    fill = book_concurrently(base, fill_cohort.pk, learners, seconds=FILL_SECONDS)
    hide([rush_cohort, naive_cohort, fill_cohort])
    return {
        "benchmark": "booking_rush",
        "database": connection.vendor,
        "clients": CLIENTS,
        "capacity": RUSH_CAPACITY,
        "attempts": rush["attempts"],
        "held": rush["held"],
        "refused": rush["refused"],
        "held_in_db": live_places(rush_cohort),
        "naive_held": naive_held,
        "p50_ms": rush["p50_ms"],
        "p95_ms": rush["p95_ms"],
        "errors": rush["errors"] + fill["errors"],
        "fill_capacity": FILL_CAPACITY,
        "fill_attempts": fill["attempts"],
        "fill_held": fill["held"],
        "fill_held_in_db": live_places(fill_cohort),
        "fill_seconds": round(fill["seconds"], 1),
        "fill_p50_ms": fill["p50_ms"],
        "fill_p95_ms": fill["p95_ms"],
        "holds_per_s": round(fill["held"] / fill["seconds"], 1),
    }


def signed_in_learners(count, prefix="rush"):
    """[(user, session key)]: learners with verified emails (`<prefix>-learner-N@…`), each
    signed in through Django's session engine (the login form's rate limit would otherwise
    throttle a rush)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from cms.models import User

    emails = [f"{prefix}-learner-{n}@example.org" for n in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    new = [
        User(
            email=email,
            first_name=prefix.capitalize(),
            last_name=f"Learner {email.rsplit('-', 1)[1].split('@')[0]}",
            profession="nurse",
            organisation="Riverside University Hospitals NHS Foundation Trust",
            password=make_password(None),  # never signs in with a password
        )
        for email in emails
        if email not in existing
    ]
    User.objects.bulk_create(new)
    by_email = {u.email: u for u in User.objects.filter(email__in=emails)}
    users = [by_email[email] for email in emails]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        ignore_conflicts=True,
    )
    return list(zip(users, sessions_for(users), strict=True))


def sessions_for(users):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store = SessionStore()
    expires = timezone.now() + datetime.timedelta(hours=1)
    rows = [
        Session(
            session_key=store._get_new_session_key(),
            session_data=store.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
            expire_date=expires,
        )
        for user in users
    ]
    Session.objects.bulk_create(rows)
    return [row.session_key for row in rows]


def bench_cohort(capacity, label):
    """A fresh open cohort of the demo's five-day course, two months ahead."""
    from django.utils import timezone

    from courses.models import Cohort, CoursePage

    start = timezone.localdate() + datetime.timedelta(days=60)
    return Cohort.objects.create(
        course=CoursePage.objects.get(slug="five-day-course"),
        title=f"Benchmark {label}",
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        capacity=capacity,
        venue_name="Weston Education Centre",
        status="open",
    )


def hide(cohorts):
    """Measured: take the benchmark's cohorts out of the catalogue (places keep them)."""
    from courses.models import Cohort

    Cohort.objects.filter(pk__in=[c.pk for c in cohorts]).update(status="draft")


def live_places(cohort):
    from bookings.models import Place

    return Place.objects.live().filter(cohort=cohort).count()


# --- The rush through HTTP ----------------------------------------------------------------


def book_concurrently(base, cohort_id, learners, seconds=None):
    """CLIENTS threads take learners from a queue until none is left (or `seconds` are up);
    each learner asks for one place. Returns attempts, held, refused, errors, seconds and the
    POST's latencies."""
    jobs = queue.SimpleQueue()
    for _, session_key in learners:
        jobs.put(session_key)
    outcomes, latencies, lock = [], [], threading.Lock()
    barrier = threading.Barrier(CLIENTS)
    stop_at = time.perf_counter() + (seconds or float("inf"))

    def client():
        barrier.wait()  # everyone starts at once: that is the rush
        while time.perf_counter() < stop_at:
            try:
                session_key = jobs.get_nowait()
            except queue.Empty:
                return
            outcome, ms = attempt(base, cohort_id, session_key)
            with lock:
                outcomes.append(outcome)
                if ms is not None:
                    latencies.append(ms)

    started = time.perf_counter()
    run_threads(client, CLIENTS)
    seconds = time.perf_counter() - started
    return {
        "attempts": len(outcomes),
        "held": outcomes.count("held"),
        "refused": outcomes.count("full"),
        "errors": len(outcomes) - outcomes.count("held") - outcomes.count("full"),
        "seconds": seconds,
        **percentiles(latencies),
    }


def run_threads(target, count):
    threads = [threading.Thread(target=target) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def percentiles(latencies):
    if len(latencies) < 2:
        return {"p50_ms": None, "p95_ms": None}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1)}


def attempt(base, cohort_id, session_key):
    """One learner's booking: ("held" | "full" | "error", the POST's milliseconds or None)."""
    path = f"/book/cohorts/{cohort_id}/"
    cookies = {"sessionid": session_key}
    try:
        status, headers, body = request(base, "GET", path, cookies)
        if status == 409:
            return "full", None  # full before the form was even shown
        if status != 200:
            return "error", None
        cookies.update(new_cookies(headers))
        fields = BookingForm.fields_of(body)
        started = time.perf_counter()
        status, headers, body = request(base, "POST", path, cookies, fields)
        ms = (time.perf_counter() - started) * 1000
    except (OSError, http.client.HTTPException):
        return "error", None  # refused connection, reset or timeout
    return answer(status, headers, body), ms


def answer(status, headers, body):
    location = dict(headers).get("Location", "")
    if status == 302 and location.startswith("/book/orders/"):
        return "held"
    if status == 409 or (status == 200 and ("cohort is full" in body or "left on this" in body)):
        return "full"
    return "error"


def request(base, method, path, cookies, fields=None):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    body = None
    if fields is not None:
        body = urlencode(fields)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = base  # as a browser sends it; CSRF checks it
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        conn.close()


def new_cookies(headers):
    jar = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


class BookingForm(HTMLParser):
    """What a browser would submit from the page's POST form, as the server pre-filled it for
    the learner, with the first price ticked and the terms agreed."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_post_form, self.select = {}, False, None

    @classmethod
    def fields_of(cls, html):
        parser = cls()
        parser.feed(html)
        return parser.fields

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = attrs.get("method", "").lower() == "post"
        elif not self.in_post_form:
            return
        elif tag == "input" and attrs.get("name"):
            self.input(attrs)
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")

    def input(self, attrs):
        name, kind = attrs["name"], attrs.get("type", "text")
        if kind == "checkbox":
            self.fields[name] = attrs.get("value", "on")
        elif kind == "radio":
            self.fields.setdefault(name, attrs.get("value", ""))
        elif kind not in ("submit", "button"):
            self.fields[name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False
        elif tag == "select":
            self.select = None


# --- The naive implementation, for comparison ---------------------------------------------


def naive_hold(cohort, buyer):
    """Check, then insert, with no lock: hold_places without `lock_cohort`. Returns True when
    it held a place."""
    from bookings.models import Order, Place

    if Place.objects.live().filter(cohort=cohort).count() >= cohort.capacity:
        return False
    time.sleep(NAIVE_GAP_SECONDS)
    order = Order.objects.create(
        buyer=buyer,
        buyer_name="Naive buyer",
        buyer_email=buyer.email,
        cohort=cohort,
        payment_method="card",
    )
    Place.objects.create(
        order=order,
        cohort=cohort,
        attendee_name="Naive attendee",
        attendee_email=buyer.email,
        price_tier=cohort.course.price_tiers.first(),
        price_pence=0,
        status="confirmed",  # counts as live without a hold expiry to compute
    )
    return True


def naive_rush(cohort, buyer, attempts):
    """`attempts` naive holds at once, in NAIVE_THREADS threads. Returns the places held."""
    from django.db import connection

    jobs = queue.SimpleQueue()
    for _ in range(attempts):
        jobs.put(None)
    held, lock = [0], threading.Lock()
    barrier = threading.Barrier(NAIVE_THREADS)

    def worker():
        barrier.wait()
        try:
            while True:
                try:
                    jobs.get_nowait()
                except queue.Empty:
                    return
                if naive_hold(cohort, buyer):
                    with lock:
                        held[0] += 1
        finally:
            connection.close()

    run_threads(worker, NAIVE_THREADS)
    return held[0]


if __name__ == "__main__":
    main()
