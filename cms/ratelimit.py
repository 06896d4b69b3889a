"""Rate limits per client address beyond allauth's own, with allauth's limiter (so addresses
behind the proxy are read as the sign-in pages read them: ALLAUTH_TRUSTED_PROXY_COUNT) and
Django's cache.

allauth limits password-reset and sign-in-code requests per email address only once the
address is known to belong to an account: an unknown address gets "not assigned to any
account" at any speed, so the two forms would answer "is this person registered?" for a list
of addresses as fast as it could be sent. EmailLookupRateLimitMiddleware counts every POST to
them per address first."""

from allauth.core.internal import ratelimit
from django.conf import settings

EMAIL_LOOKUP_VIEWS = {"account_reset_password", "account_request_login_code"}


def allowed(request, *, app, action, rate):
    """Counts this request against `rate` (allauth's "20/m/ip" form) for the client address;
    False once it is over."""
    return bool(
        ratelimit.consume(request, app=app, action=action, config={action: rate}, limit_get=True)
    )


class EmailLookupRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match.url_name not in EMAIL_LOOKUP_VIEWS:
            return None
        if allowed(request, app="cms", action="email_lookup", rate=settings.EMAIL_LOOKUP_RATE):
            return None
        return ratelimit.respond_429(request)
