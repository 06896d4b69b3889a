"""Orders and places: who booked which places on which cohort, and where each place stands."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on a call


def new_reference():
    return "MH-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card"
    INVOICE = "invoice", "Invoice to employer"
    FREE = "free", "No payment due"


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    CONFIRMED = "confirmed", "Confirmed"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


class PlaceStatus(models.TextChoices):
    HELD = "held", "Held while paying"
    CONFIRMED = "confirmed", "Confirmed"
    EXPIRED = "expired", "Hold expired"
    CANCELLED = "cancelled", "Cancelled"
    TRANSFERRED = "transferred", "Transferred"


class Order(models.Model):
    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    buyer_name = models.CharField(max_length=200)
    buyer_email = models.EmailField()
    # The employer the places are booked for: its managers see the order and its places.
    organisation = models.ForeignKey(
        "bookings.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.PROTECT, related_name="orders")
    # Orders stay in Wagtail's usage index (by reference only): it is what keeps a used
    # discount code, organisation or cohort from being deleted in the admin.
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    subtotal_pence = models.PositiveIntegerField(default=0)
    discount_pence = models.PositiveIntegerField(default=0)
    vat_pence = models.PositiveIntegerField(default=0)
    total_pence = models.PositiveIntegerField(default=0)
    discount_code = models.ForeignKey(
        "bookings.DiscountCode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    # True while the order counts against the code's usage limit: set when the use is claimed
    # with the hold, cleared when an unpaid hold gives it back, so it is given back once.
    discount_use_held = models.BooleanField(default=False, editable=False)
    currency = models.CharField(max_length=3, default="gbp")
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    # The form's one-time token: a double click or a resubmitted form finds this order again.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # A transfer is an order for the new cohort; confirming it releases the old place.
    transfer_of = models.ForeignKey(
        "bookings.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "hold_expires_at"])]
        permissions = [("manage_order", "Can cancel, refund and move places")]

    def __str__(self):
        return self.reference


class PlaceQuerySet(models.QuerySet):
    def live(self, now=None):
        """Places that count against capacity: confirmed, or held and not yet expired."""
        now = now or timezone.now()
        return self.filter(
            Q(status=PlaceStatus.CONFIRMED) | Q(status=PlaceStatus.HELD, hold_expires_at__gt=now)
        )


class Place(models.Model):
    """One attendee's place on one cohort. A confirmed place is the learner's enrolment."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="places")
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.PROTECT, related_name="places")
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    attendee_name = models.CharField(max_length=200)
    attendee_email = models.EmailField()
    profession = models.CharField(max_length=30, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    price_tier = models.ForeignKey("courses.PriceTier", on_delete=models.PROTECT, related_name="+")
    price_pence = models.PositiveIntegerField()
    requirements = models.TextField("access or dietary requirements", blank=True)
    status = models.CharField(max_length=20, choices=PlaceStatus.choices, default=PlaceStatus.HELD)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.attendee_name} – {self.cohort}"


class OrderEvent(models.Model):
    """The order's timeline: what happened, who did it, and when."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=300)
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
        return f"{self.order}: {self.message}"
