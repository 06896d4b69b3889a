"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's
live_server, and axe-core checks every page a test visits.

Use the `visitor` fixture: `visitor.visit(path)` and `visitor.submit(button)` navigate and then
run axe; at teardown it fails the test if the browser reached any page that was not checked.
"""

import os
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see whether it passed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Browser tests are transactional: the database is emptied after each one, but Django's
    content-type cache keeps the old ids, and PostgreSQL gives new ones.

    Prefer `django_db(transaction=True)` with factories (they rebuild Wagtail's root page and
    locale) to `serialized_rollback=True`: once Playwright's event loop runs in this thread,
    Django hands the tests a new database connection object that lacks the serialized copy, so
    nothing is restored and post_migrate does not run either.
    """
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; on CI this must not be skipped", pytrace=False)
        pytest.skip(reason)

    # Playwright's sync API keeps an event loop in this thread; the tests still talk to the
    # database synchronously (fixtures, assertions), which Django would otherwise refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Visitor:
    """One browser tab on the live server. Every page it lands on is checked with axe-core."""

    def __init__(self, page, base_url):
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.base_url = base_url.rstrip("/")
        self.axe = Axe()
        self.checked = []  # URLs (without fragment) that passed axe
        self.reached = []  # every URL the tab's main frame navigated to
        self.csp_errors = []
        page.on("framenavigated", self._on_navigated)
        page.on("console", self._on_console)

    def _on_navigated(self, frame):
        if frame == self.page.main_frame:
            self.reached.append(urldefrag(frame.url).url)

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_errors.append(f"{self.page.url}: {message.text}")

    @property
    def path(self):
        return urlsplit(self.page.url).path

    def visit(self, path_or_url):
        url = path_or_url if "://" in path_or_url else self.base_url + path_or_url
        response = self.page.goto(url)
        assert response is not None and response.ok, (
            f"GET {url} gave {response and response.status}"
        )
        self.check_accessibility()
        return response

    def submit(self, button):
        """Click a submit button (a Playwright locator), wait for the next page, check it."""
        with self.page.expect_navigation():
            button.click()
        self.page.wait_for_load_state("load")
        self.check_accessibility()

    def check_accessibility(self):
        # A message fading in is checked for contrast half-way through: let it finish.
        self.page.wait_for_function(SETTLED, timeout=5000)
        results = self.axe.run(self.page)
        assert results.violations_count == 0, (
            f"axe-core found accessibility violations on {self.page.url}:\n"
            f"{results.generate_report()}"
        )
        self.checked.append(urldefrag(self.page.url).url)

    def unchecked_pages(self):
        return [url for url in self.reached if url not in self.checked]


SETTLED = """() => document.getAnimations().every(
    (a) => a.playState !== "running" || a.effect.getTiming().iterations === Infinity
        || a.effect.getComputedTiming().endTime > 10000
)"""


@pytest.fixture
def visitor(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    visitor = Visitor(page, live_server.url)
    try:
        yield visitor
    finally:
        context.close()
    call = getattr(request.node, "report_call", None)
    if call is None or not call.passed:
        return  # the test's own failure says what went wrong
    assert not visitor.unchecked_pages(), (
        f"pages reached without an accessibility check: {visitor.unchecked_pages()}"
    )
    assert not visitor.csp_errors, "Content-Security-Policy blocked something:\n" + "\n".join(
        visitor.csp_errors
    )
