"""The verify pages' rate limit per client address (cms.ratelimit: allauth's limiter, the one
the sign-in pages use, so addresses behind the proxy are read the same way, and Django's
cache)."""

from django.conf import settings

from cms.ratelimit import allowed as within_rate


def allowed(request):
    """False once this address has looked up more codes than the rate allows: checking a
    certificate is rare, trying codes in bulk is not."""
    rate = settings.CERTIFICATE_VERIFY_RATE
    return within_rate(request, app="certificates", action="certificate_verify", rate=rate)
