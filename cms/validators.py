"""Validators shared by the apps: numbers that appear on invoices, and text that can be shown."""

import re

from django.core.exceptions import ValidationError

# [0-9], not \d: \d also matches other scripts' digits ("١٢٣"), which no VAT number has.
UK_VAT_RE = re.compile(r"^GB([0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3})$")
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


def hidden_character(text, allowed):
    """The first character that is a control character (C0, DEL, C1), a lone surrogate or a
    Unicode non-character, other than those in `allowed`; None if there is none."""
    for char in text:
        point = ord(char)
        if char in allowed:
            continue
        if point < 32 or 127 <= point < 160 or 0xD800 <= point <= 0xDFFF:
            return char
        if 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE:
            return char
    return None


def validate_plain_text(value):
    """Text that may run over several lines (a textarea): letters of any script, emoji and
    new lines, but no control characters, which are never typed and can break emails,
    PDFs and exports."""
    if hidden_character(value or "", allowed="\t\n\r") is not None:
        raise ValidationError(
            "This contains a hidden control character, perhaps from copying and pasting. "
            "Type it again, or paste it as plain text.",
            code="control_character",
        )


def validate_single_line(value):
    """One line of text (a name, an email, a code): no line breaks or tabs either."""
    if hidden_character(value or "", allowed="") is not None:
        raise ValidationError(
            "This must be a single line with no hidden control characters. Type it again, "
            "or paste it as plain text.",
            code="control_character",
        )
