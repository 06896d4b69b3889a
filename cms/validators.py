"""Validators shared by the apps: numbers that appear on invoices."""

import re

from django.core.exceptions import ValidationError

UK_VAT_RE = re.compile(r"^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$")
OTHER_VAT_RE = re.compile(r"^(?!GB)[A-Z]{2}[0-9A-Z+*]{2,13}$")


def normalise_vat_number(value):
    """'gb 999 9999 73' -> 'GB999999973'."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def uk_vat_checksum_ok(digits):
    """HMRC's check on a 9-digit number: weights 8..2 on the first seven, plus the last two,
    must be a multiple of 97 (older numbers) or be one after adding 55 (newer ones)."""
    weighted = zip(digits[:7], range(8, 1, -1), strict=True)
    total = sum(int(d) * w for d, w in weighted) + int(digits[7:9])
    return total % 97 == 0 or (total + 55) % 97 == 0


def validate_vat_number(value):
    number = normalise_vat_number(value)
    if UK_VAT_RE.match(number):
        if len(number) in (11, 14) and not uk_vat_checksum_ok(number[2:11]):
            raise ValidationError(
                "This is not a valid UK VAT number: check it against the organisation's "
                "invoices or letterhead.",
                code="vat_checksum",
            )
        return
    if number.startswith("GB") or not OTHER_VAT_RE.match(number):
        raise ValidationError(
            "Enter a VAT number like GB 123 4567 89, with its country letters.", code="vat_format"
        )
