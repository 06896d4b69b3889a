"""The demo site, seeded once for every test in this package.

`seed_demo` takes a minute or more (it books, pays, learns, issues and renders through the
real services), so the tests that check what it made share one copy: it is seeded inside a
transaction held open for the package, each test runs in a savepoint of its own (pytest-
django's `db`), and the whole is rolled back when the package is done, so the rest of the
suite starts from an empty database as before. Tests that re-seed (idempotence) do so in
their own savepoint.
"""

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase, override_settings

from cms.management.commands.seed_demo import demo_modules

DEMO_PASSWORD = "demo-test-password"


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, _fake_stripe_server):
    """The demo as `seed_demo` builds it: each app's seed in turn, its on-commit work (tasks,
    emails, PDFs) run after it as the command's per-app commit runs it. `demo.emails` holds
    what seeding sent."""
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
        override_settings(STRIPE_API_BASE=_fake_stripe_server.url, STRIPE_TIMEOUT_SECONDS=2),
        transaction.atomic(),
    ):
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        mail.outbox = []
        reports = {}
        for module in demo_modules():
            with TestCase.captureOnCommitCallbacks(execute=True):
                reports[module.__name__] = module.seed()
        yield Demo(reports=reports, emails=list(mail.outbox))
        transaction.set_rollback(True)


class Demo:
    def __init__(self, reports, emails):
        self.reports, self.emails = reports, emails
