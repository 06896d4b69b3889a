"""Staff must use multi-factor authentication, on the site and in the Wagtail admin.

Two checks. A member of staff with no authenticator yet is sent to set one up (the account
pages stay open for that). A member of staff whose authenticator is set up must also have
used it in this session: a session signed in by password alone (a login view that skips
allauth's MFA step, however it was reached) is signed out and sent to allauth's sign-in.
Without the second check a stolen password would open the admin, and from there the
account pages would let the thief remove the authenticator.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

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
