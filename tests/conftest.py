"""Shared fixtures: a clean cache per test, users, a small site, the demo site, TOTP codes."""

import re
import time
from types import SimpleNamespace

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.test.client import ClientMixin

from bookings.payments.fake_stripe import FakeStripe
from tests.factories import (
    DEFAULT_PASSWORD,
    ContentPageFactory,
    HomePageFactory,
    SiteSettingsFactory,
    StaffUserFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)


def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist, whole files go to one process (module fixtures build once), and
    tests/demo/ goes to one process as a whole: it shares one seeding of the demo. Files are
    handed out in the order of their last test in pytest-django's order (ordinary database
    tests, then transactional ones, then those without a database), so a process runs every
    ordinary file it gets before any file with a transactional test, which empties the
    database (see pytest_runtest_setup for the files that mix both)."""
    from collections import OrderedDict

    from xdist.scheduler import LoadScopeScheduling

    class TransactionalLast(OrderedDict):
        def __init__(self, scheduler):
            super().__init__()
            self.scheduler, self.ordered = scheduler, False

        def popitem(self, last=True):
            if not self.ordered:
                position = {nodeid: i for i, nodeid in enumerate(self.scheduler.collection)}
                ranked = sorted(self.items(), key=lambda unit: max(map(position.get, unit[1])))
                self.clear()
                self.update(ranked)
                self.ordered = True
            return super().popitem(last=last)

    class FilesAndTheDemo(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            config.option.loadscopereorder = False
            self.workqueue = TransactionalLast(self)

        def _split_scope(self, nodeid):
            if nodeid.startswith("tests/demo/"):
                return "tests/demo/"
            return nodeid.split("::")[0]

    return FilesAndTheDemo(config, log)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


def _database_was_emptied():
    """Wagtail's default locale comes from a migration: only a flush takes it away."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM wagtailcore_locale LIMIT 1")
        return cursor.fetchone() is None


def _test_databases_ready():
    from django.db import connection

    return connection.settings_dict["NAME"] == connection.creation._get_test_db_name()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A transactional test ends by emptying the database (without Django's post-migrate data
    when it used serialized rollback). One process runs them all last, as Django orders them;
    under pytest-xdist a process may run a transactional file before ordinary ones, so an
    ordinary test that finds the database emptied first gets back what migrations left:
    content types, permissions, the staff groups, Wagtail's root page, locale and collection."""
    if _is_transactional(item) or not _test_databases_ready():
        return
    if item.get_closest_marker("django_db") is None and "db" not in item.fixturenames:
        return
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        if not _database_was_emptied():
            return
        serialized = getattr(connection, "_test_serialized_contents", None)
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=bool(serialized),
        )
        if serialized:
            connection.creation.deserialize_db_from_string(serialized)
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Eager tasks run from racing threads (the race tests) can leave Celery's process-wide
    "inside a task" flag set: its save-and-restore interleaves between threads. Each test
    starts with it clear, as a fresh process would."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps rate limits and used TOTP codes in the cache: start each test afresh."""
    cache.clear()
    yield
    cache.clear()


_force_login = ClientMixin.force_login


def force_login_through_mfa(client, user, backend=None):
    """`client.force_login` as allauth's sign-in leaves a session: for staff, with their
    authenticator's code recorded (cms.middleware signs out staff sessions without one).
    `client.login` stays a bare password sign-in, as Django's own login views make."""
    _force_login(client, user, backend)
    if user.is_staff or user.is_superuser:
        session = client.session
        request = SimpleNamespace(session=session)
        record_authentication(request, user, "password")
        record_authentication(request, user, "mfa", type="totp")
        session.save()


@pytest.fixture(autouse=True)
def _staff_force_login_passes_mfa(monkeypatch):
    monkeypatch.setattr(ClientMixin, "force_login", force_login_through_mfa)


@pytest.fixture(scope="session")
def _fake_stripe_server():
    with FakeStripe(retry_delays=(0, 0.05, 0.1)) as fake:
        yield fake


@pytest.fixture
def fake_stripe(_fake_stripe_server, settings):
    """The project's fake Stripe on a free port, with the SDK pointed at it; no webhooks are
    sent unless a test sets `fake_stripe.store.webhook_url`."""
    settings.STRIPE_API_BASE = _fake_stripe_server.url
    settings.STRIPE_TIMEOUT_SECONDS = 2
    store = _fake_stripe_server.store
    with store.lock:
        store.webhook_url, store.webhook_secret = None, settings.STRIPE_WEBHOOK_SECRET
        store.next_error = None
    yield _fake_stripe_server
    store.webhook_url, store.next_error = None, None


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    """A learner with a verified email address."""
    return UserFactory(email="amara@example.com", first_name="Amara", last_name="Okafor")


@pytest.fixture
def other_user(db):
    return UserFactory(
        email="bert@example.com",
        first_name="Bert",
        last_name="Other",
        registration_body="NMC",
        registration_number="99Z9999Z",
    )


@pytest.fixture
def staff_user(db):
    """Staff with no authenticator app yet."""
    return StaffUserFactory(email="staff@example.com")


@pytest.fixture
def totp(db):
    """A staff user with a TOTP authenticator; `totp.secret` is the plain secret."""
    return TOTPAuthenticatorFactory(user=StaffUserFactory(email="mfa-staff@example.com"))


@pytest.fixture
def site(db):
    """A one-page site: a HomePage served by the default Site, with its site settings."""
    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    return home


@pytest.fixture
def content_pages(site):
    about = ContentPageFactory(parent=site, title="About the courses", slug="about")
    return [about, ContentPageFactory(parent=about, title="Our trainers", slug="trainers")]


@pytest.fixture
def seeded(db, monkeypatch):
    """The demo site exactly as `seed_demo` builds it (cms.demo.seed)."""
    from cms import demo

    # A known password, and no .demo-password file written into the work tree.
    monkeypatch.setenv("DEMO_PASSWORD", "demo-test-password")
    demo.seed()
    return demo


def current_totp_code(secret):
    """The code an authenticator app shows now. Waits out the last second of a period so the
    server checks the code inside the same period (allauth's tolerance is 0 steps)."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 1.5:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def link_in(message, path_prefix):
    """The path of the first link in an email that starts with `path_prefix`."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S*)", message.body)
    assert match, f"no {path_prefix} link in email:\n{message.body}"
    return match.group(1)


def code_in(message):
    """The one-time code in a login-by-code email: a line of its own such as `LRFH-LZMH`."""
    match = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE)
    assert match, f"no code in email:\n{message.body}"
    return match.group(1)


def pytest_terminal_summary(terminalreporter):
    """The inputs Hypothesis generated (tests/security), summed over every process's reports."""
    from tests.security.fuzz import PROPERTY

    counts = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == PROPERTY:
                    counts[report.nodeid] = counts.get(report.nodeid, 0) + value
    if counts:
        terminalreporter.write_sep("-", "generated inputs (Hypothesis)")
        terminalreporter.write_line(
            f"{sum(counts.values())} inputs generated by {len(counts)} tests"
        )
