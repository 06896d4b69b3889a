"""Staff must use multi-factor authentication, on the site and in the Wagtail admin."""

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


def has_control_character(path):
    return any(ord(char) < 32 or ord(char) == 127 for char in path)


class ControlCharacterPathMiddleware:
    """A path with a control character in it (a NUL, say: %00) names nothing here. It is
    answered 404 before any view or page lookup runs: PostgreSQL refuses a NUL in a query,
    which would otherwise be a 500 wherever a path part is looked up (orders, offers, pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_character(request.path):
            from cms.views import page_not_found

            return page_not_found(request)
        return self.get_response(request)


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
