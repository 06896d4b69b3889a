"""The site's own middleware: MFA for staff, paths that name nothing, sandboxed downloads,
the request's Wagtail Site kept between requests.

Staff must use multi-factor authentication, on the site and in the Wagtail admin. Two
checks. A member of staff with no authenticator yet is sent to set one up (the account pages
stay open for that). A member of staff whose authenticator is set up must also have used it
in this session: a session signed in by password alone (a login view that skips allauth's
MFA step, however it was reached) is signed out and sent to allauth's sign-in. Without the
second check a stolen password would open the admin, and from there the account pages would
let the thief remove the authenticator.
"""

import copy
import re

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from cms import page_cache
from cms.mfa import passed_mfa

# Paths a member of staff without an authenticator may still reach: the account pages (to
# set one up or sign out), static files and the health check.
SET_UP_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz")
# Paths open even to a session that skipped the MFA step: nothing that acts for the account.
ALWAYS_OPEN = ("/static/", "/media/", "/healthz")


def sign_in_again(request):
    logout(request)
    messages.warning(request, "Sign in with your password and authenticator app to continue.")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")


def set_up_mfa(request):
    messages.warning(
        request, "Staff accounts must use an authenticator app. Set one up to continue."
    )
    return redirect("mfa_activate_totp")


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return self.get_response(request)
        if request.path.startswith(ALWAYS_OPEN):
            return self.get_response(request)
        if not is_mfa_enabled(user):
            if request.path.startswith(SET_UP_PREFIXES):
                return self.get_response(request)
            return set_up_mfa(request)
        if not passed_mfa(request):
            return sign_in_again(request)
        return self.get_response(request)


# Wagtail's choosers look the id in "…/chosen/<id>/" up as given: a word there is a 500
# (ValueError) rather than a 404. Every model with a chooser here has a numeric id.
WORD_AS_CHOOSER_ID = re.compile(r"^/admin/.+/chosen/[^/]*[^/0-9][^/]*/$")


def names_nothing(path):
    """A path no page or view here can answer: one with a control character in it (a NUL,
    say: %00, which PostgreSQL refuses in a query), or a word where a chooser wants an id."""
    return any(ord(c) < 32 or ord(c) == 127 for c in path) or bool(WORD_AS_CHOOSER_ID.match(path))


def reads_any_text(view):
    """Marks a view that reads any text in its path safely itself (it checks the text before
    any lookup, and says what is wrong in its own words): UnanswerablePathMiddleware lets
    such paths through to it."""
    view.reads_any_text = True
    return view


class UnanswerablePathMiddleware:
    """Answers 404 before the view or page lookup runs for a path that `names_nothing`:
    left to the views, a NUL in an order reference, offer token or page slug was a 500 on
    PostgreSQL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if names_nothing(request.path) and not getattr(view, "reads_any_text", False):
            from cms.views import page_not_found

            return page_not_found(request)
        return None


class SandboxedDownloadsMiddleware:
    """A file sent as an attachment (a document, material, invoice or certificate) never runs
    as a page of this site, even if a browser were to show it: no script, no plugins, its own
    origin. Inline PDFs are left to Wagtail's own policy: a sandbox stops browsers' viewers."""

    POLICY = "default-src 'none'; sandbox"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Disposition", "").startswith("attachment"):
            response["Content-Security-Policy"] = self.POLICY
            response["X-Content-Type-Options"] = "nosniff"
        return response


class KeptSiteMiddleware:
    """Wagtail looks the request's Site up with a query on every request, and its root page
    with one or two more; sites change rarely, so both are kept per host and port with the
    page cache's facts (`page_cache.kept`), made stale at once when a Site or page is saved.
    After CommonMiddleware, so the host has been checked against ALLOWED_HOSTS; not for a
    view marked `needs_no_site` (the health checks touch nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if getattr(view, "needs_no_site", False):
            return None
        from wagtail.models import Site

        def find():
            site = Site.find_for_request(request)  # replaced by a copy below
            if site is not None:
                site.root_page.specific  # noqa: B018  (read now, kept with the site)
            return site

        site = page_cache.kept(f"site:{request.get_host()}:{request.get_port()}", find)
        if site is not None:
            # A copy of its own (0.2 ms): the root page it holds is served, and may be changed.
            request._wagtail_site = copy.deepcopy(site)
        return None
