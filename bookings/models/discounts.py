"""Discount codes: what a code takes off, when, for which courses and prices, how often."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

from bookings.exceptions import (
    CodeExpired,
    CodeNotForCourse,
    CodeNotForPrices,
    CodeNotStarted,
    CodeUsedUp,
    CodeWithdrawn,
)
from courses.templatetags.courses_tags import pounds


def normalise_code(text):
    """What a person types, as stored: no spaces, upper case ("partner 10" is PARTNER10)."""
    return "".join((text or "").split()).upper()


class DiscountKind(models.TextChoices):
    PERCENT = "percent", "Percentage off"
    AMOUNT = "amount", "Fixed amount off (pence)"


class DiscountCode(models.Model):
    code = models.CharField(
        max_length=30,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", "Use only letters, numbers and hyphens.")],
        help_text="What the buyer types, for example PARTNER10. Stored in capitals; "
        "buyers may type it in any case.",
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="For staff: who the code is for, and why."
    )
    kind = models.CharField(max_length=10, choices=DiscountKind.choices)
    value = models.PositiveIntegerField(
        help_text="A percentage (1 to 100), or an amount in pence taken off the order once "
        "(5000 is £50). Either applies only to the places at the prices below."
    )
    valid_from = models.DateField(null=True, blank=True, help_text="First day it can be used.")
    valid_to = models.DateField(null=True, blank=True, help_text="Last day it can be used.")
    usage_limit = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many orders may use it (an order may have several places). "
        "Leave empty for no limit.",
    )
    # Orders holding or having used the code. Only the booking services change it, under lock.
    times_used = models.PositiveIntegerField(default=0, editable=False)
    courses = models.ManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="+",
        help_text="Leave empty for every course.",
    )
    price_tiers = models.ManyToManyField(
        "courses.PriceTier",
        blank=True,
        related_name="+",
        verbose_name="prices",
        help_text="Leave empty for every price.",
    )
    active = models.BooleanField(default=True, help_text="Untick to withdraw the code.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            # With `unique`, codes are unique whatever case they were typed in.
            models.CheckConstraint(condition=Q(code=Upper("code")), name="discount_code_upper"),
            models.CheckConstraint(
                condition=~Q(kind=DiscountKind.PERCENT) | Q(value__lte=100),
                name="discount_percent_at_most_100",
            ),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)

    def clean(self):
        self.code = normalise_code(self.code)
        errors = {}
        if self.kind == DiscountKind.PERCENT and not 1 <= (self.value or 0) <= 100:
            errors["value"] = "A percentage must be from 1 to 100."
        elif self.kind == DiscountKind.AMOUNT and not self.value:
            errors["value"] = "Give the amount in pence, for example 5000 for £50."
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "The last day must be on or after the first day."
        if self.usage_limit is not None and self.usage_limit < self.times_used:
            errors["usage_limit"] = (
                f"It has already been used {self.times_used} times: untick Active to stop it."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def used_up(self):
        return self.usage_limit is not None and self.times_used >= self.usage_limit

    def check_usable(self, *, course, tier_ids, today):
        """The tier ids among `tier_ids` that the code takes money off, or the CodeNotValid
        that tells the buyer why it cannot be used on this booking.

        A read: the usage limit is enforced again, under lock, when the use is claimed."""
        if not self.active:
            raise CodeWithdrawn()
        if self.valid_from and today < self.valid_from:
            raise CodeNotStarted(self.valid_from)
        if self.valid_to and today > self.valid_to:
            raise CodeExpired(self.valid_to)
        if self.used_up:
            raise CodeUsedUp()
        course_ids = {c.pk for c in self.courses.all()}
        if course_ids and course.pk not in course_ids:
            raise CodeNotForCourse(course.title)
        covered = self.covered_tiers(tier_ids)
        if not covered:
            names = [t.name for t in self.price_tiers.all() if t.course_id == course.pk]
            raise CodeNotForPrices(names)
        return covered

    def covered_tiers(self, tier_ids):
        limited_to = {t.pk for t in self.price_tiers.all()}
        return {pk for pk in tier_ids if not limited_to or pk in limited_to}

    # Labels for the admin listing.

    def discount_label(self):
        if self.kind == DiscountKind.PERCENT:
            return f"{self.value}% off"
        return f"{pounds(self.value)} off"

    discount_label.short_description = "Discount"

    def validity_label(self):
        start = f"{self.valid_from:%-d %b %Y}" if self.valid_from else None
        end = f"{self.valid_to:%-d %b %Y}" if self.valid_to else None
        if start and end:
            return f"{start} to {end}"
        if start:
            return f"From {start}"
        return f"Until {end}" if end else "Always"

    validity_label.short_description = "Valid"

    def usage_label(self):
        return f"{self.times_used} / {self.usage_limit if self.usage_limit is not None else '∞'}"

    usage_label.short_description = "Used / limit"
