"""The verify pages' rate limit per IP address, with allauth's rate limiter (the one the
sign-in pages use, so proxies' client addresses are read the same way) and Django's cache."""

from allauth.core.internal import ratelimit
from django.conf import settings

ACTION = "certificate_verify"


def allowed(request):
    """False once this address has looked up more codes than the rate allows: checking a
    certificate is rare, trying codes in bulk is not."""
    rate = getattr(settings, "CERTIFICATE_VERIFY_RATE", "30/m/ip")
    usage = ratelimit.consume(
        request, app="certificates", action=ACTION, config={ACTION: rate}, limit_get=True
    )
    return bool(usage)
