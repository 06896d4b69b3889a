"""Gapless document numbers: INV-2026-000123, CN-2026-000045.

The sequence row is locked (select_for_update) and incremented inside the caller's
transaction, so a rolled-back invoice gives its number back and two invoices never share
one. A year's row is created on first use; a second writer racing to create it waits on
the unique constraint and then locks the row the first one made.
"""

from django.db import transaction

from bookings.models import InvoiceSequence

INVOICE_PREFIX = "INV"
CREDIT_NOTE_PREFIX = "CN"
DIGITS = 6  # 999,999 a year; with prefix and year well inside NHS systems' 39 characters


def next_number(prefix, year):
    """The next number of the sequence, as (formatted, integer). Call inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Take a number in the transaction that creates the document.")
    InvoiceSequence.objects.bulk_create(
        [InvoiceSequence(prefix=prefix, year=year)], ignore_conflicts=True
    )
    sequence = InvoiceSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return format_number(prefix, year, sequence.last_number), sequence.last_number


def format_number(prefix, year, number):
    return f"{prefix}-{year}-{number:0{DIGITS}d}"
