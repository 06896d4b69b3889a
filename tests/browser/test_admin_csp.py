"""The Wagtail admin works under its own Content Security Policy (cms/headers.py): an
administrator signs in with their authenticator and opens the admin's main screens (the
page editor with its StreamField and rich text, the explorer, images, documents, snippets,
our viewsets) in Chromium, and the browser blocks nothing. Wagtail's screens are not ours,
so axe-core is not run here; every other browser test runs it."""

import pytest

from tests.conftest import current_totp_code
from tests.factories import (
    DEFAULT_PASSWORD,
    ContentPageFactory,
    HomePageFactory,
    SiteSettingsFactory,
    TOTPAuthenticatorFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages():
    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    return home, ContentPageFactory(parent=home, title="About the courses", slug="about")


def screens(home, about):
    return [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{about.pk}/edit/",
        f"/admin/pages/add/cms/contentpage/{home.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/learning/quiz/",
        "/admin/courses/cohorts/",
    ]


def test_the_admin_runs_under_its_policy_with_nothing_blocked(browser, live_server, pages):
    admin = UserFactory(email="ada@example.com", is_staff=True, is_superuser=True)
    secret = TOTPAuthenticatorFactory(user=admin).secret
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and blocked.append(f"{page.url}: {message.text}")
        ),
    )
    try:
        page.goto("/accounts/login/")
        page.fill("[name='login']", admin.email)
        page.fill("[name='password']", DEFAULT_PASSWORD)
        page.locator("main form [type='submit']").first.click()
        page.fill("[name='code']", current_totp_code(secret))
        page.locator("main form [type='submit']").first.click()
        page.wait_for_url("**/account/**")
        for path in screens(*pages):
            response = page.goto(path)
            assert response.ok, f"{path}: {response.status}"
            assert "content-security-policy" in response.headers
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not blocked, "the admin's policy blocked:\n" + "\n".join(blocked)
