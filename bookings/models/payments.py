"""Card payments through Stripe, and every webhook event we have seen (each handled once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PaymentStatus(models.TextChoices):
    OPEN = "open", "Awaiting payment"
    PROCESSING = "processing", "Processing"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"
    REFUNDED = "refunded", "Refunded"


class Payment(models.Model):
    """One Stripe Checkout Session for an order; at most one open at a time."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    order = models.ForeignKey("bookings.Order", on_delete=models.PROTECT, related_name="payments")
    # Set when the session pays an issued invoice through its card link, not a booking.
    invoice = models.ForeignKey(
        "bookings.Invoice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="card_payments",
    )
    checkout_session_id = models.CharField(max_length=255, unique=True)
    checkout_url = models.URLField(max_length=1000)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount_pence = models.PositiveIntegerField()
    refunded_pence = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.OPEN
    )
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(status="open"), name="one_open_payment"
            )
        ]

    def __str__(self):
        return f"{self.order} {self.checkout_session_id} ({self.status})"


class StripeEvent(models.Model):
    """Every webhook event id, once: a replayed delivery finds its row and changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.event_id} {self.type}"


class Refund(models.Model):
    """Money given back on an order: by our own cancellation or transfer, or recorded from
    Stripe (a refund made in the Dashboard). Each Stripe refund is recorded once."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    order = models.ForeignKey("bookings.Order", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    amount_pence = models.PositiveIntegerField()
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    reason = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order} refund £{self.amount_pence / 100:,.2f}"
