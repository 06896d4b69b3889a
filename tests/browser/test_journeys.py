"""End-to-end journeys in Chromium, with axe-core run on every page on the way."""

import pytest
from allauth.account.models import EmailAddress

from cms.models import User
from tests.conftest import link_in

pytestmark = [
    pytest.mark.browser,
    # live_server runs in another thread: the data must be committed, so transactional tests;
    # the factories make Wagtail's root page and locale again after the database is emptied.
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "tidal-Lantern-4821"


def submit_button(page, field_name):
    """The submit button of the form that has the field `field_name`."""
    return page.locator(f"form:has([name='{field_name}']) [type='submit']").first


def test_sign_up_verify_and_reach_the_account_page(visitor, content_pages, mailoutbox):
    page = visitor.page
    visitor.visit("/")
    visitor.visit("/accounts/signup/")

    page.fill("[name='first_name']", "Priya")
    page.fill("[name='last_name']", "Shah")
    page.fill("[name='email']", "priya.shah@example.org")
    page.fill("[name='password1']", PASSWORD)
    page.fill("[name='password2']", PASSWORD)
    visitor.submit(submit_button(page, "password2"))
    assert visitor.path == "/accounts/confirm-email/"

    user = User.objects.get(email="priya.shah@example.org")
    assert (user.first_name, user.last_name) == ("Priya", "Shah")
    assert len(mailoutbox) == 1
    visitor.visit(link_in(mailoutbox[0], "/accounts/confirm-email/"))
    assert not EmailAddress.objects.get(user=user).verified

    visitor.submit(page.locator("main form [type='submit']").first)
    assert visitor.path == "/account/"
    assert EmailAddress.objects.get(user=user).verified
    assert page.locator("[name='first_name']").input_value() == "Priya"

    visitor.visit("/account/")  # signed in: no redirect to the login page
    assert visitor.path == "/account/"


def test_keyboard_skip_link_moves_focus_to_the_main_content(visitor, content_pages):
    page = visitor.page
    visitor.visit("/")

    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, href: el.getAttribute('href') || '', text: el.innerText};
        }"""
    )
    assert first["tag"] == "A" and first["href"].startswith("#"), (
        f"the first Tab stop should be the skip link, got {first}"
    )
    assert "skip" in first["text"].lower(), f"the skip link should say so, got {first}"

    page.keyboard.press("Enter")
    target_id = first["href"][1:]
    moved = page.evaluate(
        """(id) => {
            const target = document.getElementById(id);
            const main = document.querySelector('main');
            const el = document.activeElement;
            return {
                target: !!target,
                targetInMain: !!(target && main && (target === main || main.contains(target))),
                focused: !!(target && (el === target || target.contains(el))),
            };
        }""",
        target_id,
    )
    assert moved["target"], f"the skip link points at #{target_id}, which is not on the page"
    assert moved["targetInMain"], f"#{target_id} should be the main content"
    assert moved["focused"], f"Enter on the skip link should move focus to #{target_id}"
