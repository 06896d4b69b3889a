"""The site's own middleware: MFA for staff, paths that name nothing, sandboxed downloads."""

import re

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect

# Paths a staff member without MFA may still reach: the account pages (to set MFA up or sign
# out), static files, and the health check.
OPEN_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz")


def staff_needs_mfa(user):
    return (
        user.is_authenticated and (user.is_staff or user.is_superuser) and not is_mfa_enabled(user)
    )


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_PREFIXES) and staff_needs_mfa(request.user):
            messages.warning(
                request,
                "Staff accounts must use an authenticator app. Set one up to continue.",
            )
            return redirect("mfa_activate_totp")
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
