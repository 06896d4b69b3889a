"""Stripe's webhook: verify the signature, handle each event once, answer quickly."""

import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bookings.payments import stripe_gateway
from bookings.services.card import record_stripe_event

log = logging.getLogger(__name__)


@csrf_exempt  # Stripe cannot send our CSRF token; the signature proves who sent it
@require_POST
def stripe_webhook(request):
    try:
        event = stripe_gateway.parse_webhook(
            request.body, request.headers.get("Stripe-Signature", "")
        )
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("Invalid payload or signature")
    handled = record_stripe_event(event)
    log.info("stripe event %s %s (%s)", event["id"], event["type"], "new" if handled else "replay")
    return HttpResponse(status=200)
