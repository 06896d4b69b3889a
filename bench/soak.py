"""Load soak: mixed traffic against the production-like server, then the database's invariants.

The server is `bench.server.production_server` (gunicorn, 2 workers, DEBUG off, PostgreSQL
when configured, `seed_demo --scale BENCH_SCALE`, 1 by default) on its own database
(`<bench database>_soak`, or bench/.soak.sqlite3), with the project's fake Stripe running
beside it and delivering signed webhooks to it, as `make run` starts it. CLIENTS threads
(SOAK_CLIENTS or --clients, 8) each run for SECONDS (SOAK_SECONDS or --seconds, 180),
picking at random what a visitor does:

- browse: the home page, the catalogue, a course page, the certificate check (anonymous);
- book_card: a fresh learner books a place and pays on the fake Checkout (or is declined,
  or walks away from it), coming back through the return page while the webhook arrives;
- book_invoice: a fresh learner books and asks for an invoice to their employer;
- learn: a learner on a running cohort opens My learning and a module;
- quiz: one of two such learners (shared by the clients, so one learner's submissions race
  each other) takes the next module's quiz page by page and submits it. Seven of the eight
  are passed before the soak starts: the first pass of the eighth earns the certificate,
  issued in the request, and later passes must not issue another.

Bookings go to two fresh cohorts per run: a small one that fills (its refusals are expected)
and a large one. A refusal the site is built to give (a full cohort, a declined card) is not
an error; any other status, a timeout or a webhook never accepted is. Then every invariant
(cms.invariant_checks: paid orders have their places, confirmed places their payment or
invoice, no cohort over capacity, gapless invoice numbers, no certificate twice) is checked
over the whole database. Prints one JSON object: {"benchmark": "soak", "seconds", "clients",
"requests", "errors", "by_kind", "invariants", "violations", ...}; exits non-zero on any error
or violation.

    python bench/soak.py --seconds 60 --clients 6
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import bench_databases, bench_env, free_port, production_server  # noqa: E402

SECONDS = float(os.environ.get("SOAK_SECONDS", "180"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "8"))
SCALE = int(os.environ.get("BENCH_SCALE", "1"))
# How often each kind of visit is picked: mostly browsing, as on a real site.
MIX = {"browse": 40, "book_card": 20, "book_invoice": 10, "learn": 15, "quiz": 15}
SMALL_CAPACITY = 6
LARGE_CAPACITY = 10_000  # capacity is a smallint
BOOKERS = 2000  # fresh learners to book with; reused round-robin if a long soak runs out
# Learners on the running cohort who take the quizzes: few, so that the clients work on the
# same learner's quizzes at once, and each earns a certificate within a short soak.
QUIZ_LEARNERS = 2
TIMEOUT = 60
PUBLIC_PAGES = [
    "/",
    "/courses/",
    "/courses/five-day-course/",
    "/courses/three-week-course/",
    "/certificates/verify/",
]
CARD, DECLINED = "4242 4242 4242 4242", "4000 0000 0000 0002"
WEBHOOK_SETTLE_SECONDS = 10


class Refused(Exception):
    """An answer the site is built to give (a full cohort): the visit ends, nothing failed."""


class Failed(Exception):
    """A wrong answer from the site: counted as an error, with what was asked."""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    args = parser.parse_args()
    database_url = bench_databases("soak", suffix="_soak")[0][1]
    port = free_port()
    from bookings.payments.fake_stripe import FakeStripe

    webhook = f"http://127.0.0.1:{port}/payments/stripe/webhook/"
    with FakeStripe(
        webhook_url=webhook, webhook_secret=os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_soak")
    ) as fake:
        os.environ.update(
            STRIPE_API_BASE=fake.url,
            STRIPE_WEBHOOK_SECRET=fake.store.webhook_secret,
            FAKE_STRIPE_STATE=str(Path(__file__).parent / ".soak-stripe.json"),
        )
        os.environ.update(bench_env(port, database_url))
        import django

        django.setup()
        with production_server(scale=SCALE, database_url=database_url, port=port) as base:
            result = soak(base, fake, args.seconds, args.clients)
    print(json.dumps(result), flush=True)
    if result["errors"] or result["violations"]:
        sys.exit(1)


def soak(base, fake, seconds, clients):
    from cms.invariant_checks import check_invariants

    world = World.build(clients)
    stats = Stats()
    stop_at = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=client, args=(base, world, stats, stop_at, n))
        for n in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    stats.webhooks = settle_webhooks(fake)
    world.hide()
    made = world.summary()
    results = check_invariants()
    return {
        "benchmark": "soak",
        "seconds": round(elapsed, 1),
        "clients": clients,
        "requests": sum(stats.requests.values()),
        "errors": sum(stats.errors.values()) + stats.webhooks["errors"],
        "by_kind": stats.by_kind(),
        "outcomes": dict(sorted(stats.outcomes.items())),
        "webhooks": stats.webhooks,
        **made,
        "invariants": {name: not violations for name, violations in results.items()},
        "violations": [f"{name}: {v}" for name, vs in results.items() for v in vs],
        "error_samples": stats.samples,
    }


# --- What the clients work on ---------------------------------------------------------------


class World:
    """The run's cohorts and learners, made through the ORM and the booking services."""

    def __init__(self, small, large, running, bookers, learners, modules):
        self.small, self.large, self.running = small, large, running
        self.bookers, self.learners, self.modules = bookers, learners, modules
        self.lock, self.next_booker, self.quizzes_taken = threading.Lock(), 0, 0

    @classmethod
    def build(cls, clients):
        from bench.bench_booking_rush import bench_cohort, signed_in_learners

        run = str(int(time.time()))
        small = bench_cohort(SMALL_CAPACITY, f"soak {run} small")
        large = bench_cohort(LARGE_CAPACITY, f"soak {run} large")
        running = running_cohort(run)
        bookers = [key for _, key in signed_in_learners(BOOKERS, prefix=f"soak{run}")]
        learners = signed_in_learners(QUIZ_LEARNERS, prefix=f"soak{run}-quiz")
        enrol([user for user, _ in learners], running)
        quizzes = course_quizzes(running)
        for user, _ in learners:
            pass_quizzes(user, quizzes[1:])
        modules = [(m.pk, m.url, quiz) for m, quiz in quizzes]
        return cls(small, large, running, bookers, [key for _, key in learners], modules)

    def booker(self):
        with self.lock:
            self.next_booker += 1
            return self.bookers[self.next_booker % len(self.bookers)]

    def next_quiz(self):
        """(learner's session key, module): the learners take turns, each working through
        the modules in order and round again: the first quiz each passes is the one it lacks
        for its certificate, and every pass after it must find that certificate issued."""
        with self.lock:
            turn = self.quizzes_taken
            self.quizzes_taken += 1
        learners = len(self.learners)
        return self.learners[turn % learners], self.modules[(turn // learners) % len(self.modules)]

    def summary(self):
        """What the run left on its cohorts: live places against capacity, certificates."""
        from bookings.models import Place
        from certificates.models import Certificate

        cohorts = {"small": self.small, "large": self.large, "running": self.running}
        return {
            "places": {
                label: f"{Place.objects.live().filter(cohort=c).count()}/{c.capacity}"
                for label, c in cohorts.items()
            },
            "certificates_issued": Certificate.objects.filter(place__cohort=self.running).count(),
        }

    def hide(self):
        """Measured: take the run's cohorts out of the catalogue (their places keep them)."""
        from courses.models import Cohort

        ids = [self.small.pk, self.large.pk, self.running.pk]
        Cohort.objects.filter(pk__in=ids).update(status="draft")


def running_cohort(run):
    """A cohort of the five-day course that started eight days ago (every module released)
    and has no live sessions (so the eight quizzes alone earn the certificate)."""
    import datetime

    from django.utils import timezone

    from courses.models import Cohort, CoursePage

    start = timezone.localdate() - datetime.timedelta(days=8)
    return Cohort.objects.create(
        course=CoursePage.objects.get(slug="five-day-course"),
        title=f"Benchmark soak {run} running",
        start_date=start,
        end_date=timezone.localdate() + datetime.timedelta(days=30),
        capacity=1000,
        venue_name="Weston Education Centre",
        status="open",
    )


def enrol(users, cohort):
    """Each learner's confirmed place, booked and invoiced as the demo's running cohort's are
    (as of its booking window: it has started)."""
    from bookings.demo import book

    for user in users:
        book(cohort, user, [(user.display_name, user.email, "nurse")], now=None)


def pass_quizzes(user, quizzes):
    """Every quiz but the first passed already (through the quiz services, as the learner
    would), so that the soak's first pass earns the certificate."""
    from learning.quizzes import services

    for module, quiz_id in quizzes:
        attempt = services.start_attempt(user=user, module=module, quiz_id=quiz_id)
        right = {
            q["id"]: [c["id"] for c in q["choices"] if c["correct"]]
            for q in attempt.snapshot["questions"]
        }
        services.submit_attempt(user=user, attempt_id=attempt.pk, answers=right)


def course_quizzes(cohort):
    """[(module, quiz id)] of the cohort's course: every module with a quiz."""
    from learning.models import ModulePage
    from learning.quizzes.selectors import module_quiz_refs

    modules = ModulePage.objects.child_of(cohort.course).live().order_by("path")
    return [(m, quiz_id) for m in modules for quiz_id, _ in module_quiz_refs(m)]


# --- The counters --------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests, self.errors, self.visits = Counter(), Counter(), Counter()
        self.latencies = defaultdict(list)
        self.outcomes, self.samples, self.webhooks = Counter(), [], {}

    def request(self, kind, ms):
        with self.lock:
            self.requests[kind] += 1
            self.latencies[kind].append(ms)

    def visit(self, kind, outcome=None, error=None):
        with self.lock:
            self.visits[kind] += 1
            if outcome:
                self.outcomes[outcome] += 1
            if error:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {error}")

    def by_kind(self):
        return {
            kind: {
                "visits": self.visits[kind],
                "requests": self.requests[kind],
                "errors": self.errors[kind],
                "p95_ms": p95(self.latencies[kind]),
            }
            for kind in MIX
        }


def p95(values):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)


# --- The clients ---------------------------------------------------------------------------


def client(base, world, stats, stop_at, n):
    chooser = random.Random(n)
    kinds, weights = list(MIX), list(MIX.values())
    while time.monotonic() < stop_at:
        kind = chooser.choices(kinds, weights)[0]
        visitor = Visitor(base, kind, stats)
        try:
            outcome = VISITS[kind](visitor, world, chooser)
        except Refused as refusal:
            stats.visit(kind, outcome=str(refusal))
        except Failed as failure:
            stats.visit(kind, error=str(failure))
        except Exception as exc:  # a timeout, a reset connection: the site failed a visitor
            stats.visit(kind, error=f"{type(exc).__name__}: {exc}")
        else:
            stats.visit(kind, outcome=outcome)
        finally:
            visitor.http.close()


class Visitor:
    """One visit's browser: its cookies, and every request checked against what it expects."""

    def __init__(self, base, kind, stats):
        import requests

        self.base, self.kind, self.stats = base, kind, stats
        self.http = requests.Session()
        self.http.headers["Origin"] = base  # as a browser sends it; CSRF checks it

    def sign_in(self, session_key):
        from django.conf import settings

        host = self.base.split("//")[1].split(":")[0]
        self.http.cookies.set(settings.SESSION_COOKIE_NAME, session_key, domain=host)

    def go(self, method, url, expect=(200,), **kwargs):
        url = url if url.startswith("http") else self.base + url
        started = time.perf_counter()
        response = self.http.request(method, url, allow_redirects=False, timeout=TIMEOUT, **kwargs)
        self.stats.request(self.kind, (time.perf_counter() - started) * 1000)
        for cookie in self.http.cookies:
            cookie.secure = False  # production's cookies are Secure; this loopback is plain HTTP
        if response.status_code not in expect:
            path = url.removeprefix(self.base)
            raise Failed(f"{method} {path} answered {response.status_code}, not {expect}")
        return response

    def csrf(self, html):
        from bench.bench_booking_rush import BookingForm

        token = BookingForm.fields_of(html).get("csrfmiddlewaretoken")
        if not token:
            raise Failed("a page with a form has no CSRF token")
        return token


def browse(visitor, world, chooser):
    for path in chooser.sample(PUBLIC_PAGES, 3):
        visitor.go("GET", path)
    return "browsed"


def book(visitor, world, chooser):
    """A fresh learner holds one place; returns the order's path."""
    from bench.bench_booking_rush import BookingForm

    visitor.sign_in(world.booker())
    cohort = world.small if chooser.random() < 0.3 else world.large
    path = f"/book/cohorts/{cohort.pk}/"
    page = visitor.go("GET", path, expect=(200, 409))
    if page.status_code == 409:
        raise Refused("full")
    answer = visitor.go("POST", path, data=BookingForm.fields_of(page.text), expect=(200, 302))
    order = answer.headers.get("Location", "")
    if answer.status_code == 200 and "cohort is full" in answer.text:
        raise Refused("full")
    if answer.status_code != 302 or not order.startswith("/book/orders/"):
        raise Failed(f"booking answered {answer.status_code} to {order or 'no redirect'}")
    return order


def book_card(visitor, world, chooser):
    order = book(visitor, world, chooser)
    page = visitor.go("GET", order)
    pay = visitor.go(
        "POST", order + "pay/", data={"csrfmiddlewaretoken": visitor.csrf(page.text)}, expect=(303,)
    )
    checkout = pay.headers["Location"]
    visitor.go("GET", checkout)
    roll = chooser.random()
    if roll < 0.1:
        return "walked away"
    if roll < 0.2:
        visitor.go("POST", checkout, data={"card": DECLINED}, expect=(402,))
        return "declined"
    paid = visitor.go("POST", checkout, data={"card": CARD}, expect=(303,))
    back = visitor.go("GET", paid.headers["Location"], expect=(302,))
    visitor.go("GET", back.headers["Location"])
    if status_of(order) != "confirmed":
        raise Failed(f"{order} is {status_of(order)} after the return page")
    return "paid by card"


def status_of(order_path):
    from bookings.models import Order

    return Order.objects.get(reference=order_path.rstrip("/").rsplit("/", 1)[1]).status


def book_invoice(visitor, world, chooser):
    from bench.bench_booking_rush import BookingForm

    order = book(visitor, world, chooser)
    form = visitor.go("GET", order + "invoice/")
    fields = BookingForm.fields_of(form.text)
    for name, value in BILLING.items():
        fields[name] = fields.get(name) or value
    visitor.go("POST", order + "invoice/", data=fields, expect=(302,))
    visitor.go("GET", order)
    return "invoiced"


BILLING = {
    "organisation_name": "Soak Test GP Practice",
    "address_line_1": "1 Test Street",
    "town": "Riverton",
    "postcode": "RV1 4QT",
    "billing_email": "accounts@example.org",
}


def learn(visitor, world, chooser):
    visitor.sign_in(chooser.choice(world.learners))
    visitor.go("GET", "/account/learning/")
    _, url, _ = chooser.choice(world.modules)
    visitor.go("GET", url)
    return "learned"


def quiz(visitor, world, chooser):
    """Start a module's quiz, answer it page by page (right four times in five) and submit."""
    learner, (module_id, url, quiz_id) = world.next_quiz()
    visitor.sign_in(learner)
    module = visitor.go("GET", url)
    start = f"/learning/modules/{module_id}/quizzes/{quiz_id}/start/"
    token = {"csrfmiddlewaretoken": visitor.csrf(module.text)}
    started = visitor.go("POST", start, data=token, expect=(302,))
    where = started.headers["Location"]
    if not where.startswith("/learning/attempts/"):
        raise Refused("no attempt left")  # a quiz whose attempts are used up sends back
    attempt_id = int(where.split("/")[3])
    right = chooser.random() < 0.8
    for _ in range(50):  # a quiz has a handful of pages
        page = visitor.go("GET", where, expect=(200, 302))
        if page.status_code == 302:
            return submitted_elsewhere(visitor, page)
        answers = answers_for(attempt_id, page.text, right)
        answered = visitor.go("POST", where, data={**answers, "action": "next"}, expect=(302,))
        where = answered.headers["Location"]
        if where.endswith("/submit/"):
            break
        if where.endswith("/result/"):
            return submitted_elsewhere(visitor, answered)
    else:
        raise Failed(f"attempt {attempt_id} never reached its submit page")
    page = visitor.go("GET", where, expect=(200, 302))
    if page.status_code == 302:
        return submitted_elsewhere(visitor, page)
    result = visitor.go(
        "POST", where, data={"csrfmiddlewaretoken": visitor.csrf(page.text)}, expect=(302,)
    )
    visitor.go("GET", result.headers["Location"])
    return "quiz right" if right else "quiz guessed"


def submitted_elsewhere(visitor, redirect):
    """The same learner in another tab (another client) resumed this attempt and submitted
    it first: the site shows the result, as it should."""
    where = redirect.headers["Location"]
    if "/result/" not in where:
        raise Failed(f"an attempt page sent the learner to {where}")
    visitor.go("GET", where)
    return "quiz submitted in another tab"


def answers_for(attempt_id, html, right):
    """The page's form: the right choices from the attempt's snapshot (a learner who knows
    them), or the first choice of each question (one who guesses)."""
    from bench.bench_booking_rush import BookingForm
    from learning.quizzes.models import QuizAttempt

    fields = BookingForm.fields_of(html)
    if not right:
        return fields
    snapshot = QuizAttempt.objects.get(pk=attempt_id).snapshot
    correct = {
        f"q-{q['id']}": [str(c["id"]) for c in q["choices"] if c["correct"]]
        for q in snapshot["questions"]
    }
    return {name: correct.get(name, value) for name, value in fields.items()}


VISITS = {
    "browse": browse,
    "book_card": book_card,
    "book_invoice": book_invoice,
    "learn": learn,
    "quiz": quiz,
}


def settle_webhooks(fake, timeout=WEBHOOK_SETTLE_SECONDS):
    """Wait for the fake's deliveries (it retries for a few seconds). An event the server
    never accepted, or a delivery it answered with a server error, is an error; a delivery
    that timed out on a loaded machine and was retried (Stripe retries too) is counted."""
    deadline = time.monotonic() + timeout
    while True:
        with fake.store.lock:
            events = [e["id"] for e in fake.store.events]
            deliveries = list(fake.store.deliveries)
        accepted = {d["event"] for d in deliveries if accepted_status(d["status"])}
        undelivered = [e for e in events if e not in accepted]
        if not undelivered or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    retried = Counter(str(d["status"]) for d in deliveries if not accepted_status(d["status"]))
    server_errors = sum(n for status, n in retried.items() if status.startswith("5"))
    return {
        "events": len(events),
        "attempts": len(deliveries),
        "retried": dict(retried),
        "undelivered": len(undelivered),
        "errors": len(undelivered) + server_errors,
    }


def accepted_status(status):
    return isinstance(status, int) and 200 <= status < 300


if __name__ == "__main__":
    main()
