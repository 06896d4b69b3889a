"""Invoices, credit notes and the money received against them.

An issued invoice or credit note is never edited: its supplier, customer and lines are
frozen copies, so a later change of address or price cannot rewrite what was sent. Numbers
come from `InvoiceSequence`, locked in the transaction that creates the document.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone


def private_storage():
    return storages["private"]


class InvoiceSequence(models.Model):
    """The last number used for one prefix and year: INV 2026 -> INV-2026-000123."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_year")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"


class BillingDetails(models.Model):
    """Who an invoice is addressed to, as the booker gave it. The order's organisation keeps
    its own record; this is what was asked for on this booking."""

    order = models.OneToOneField("bookings.Order", on_delete=models.CASCADE, related_name="billing")
    organisation_name = models.CharField(max_length=200)
    address_line_1 = models.CharField("address line 1", max_length=200)
    address_line_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100)
    postcode = models.CharField(max_length=10)
    ods_code = models.CharField("NHS organisation (ODS) code", max_length=6, blank=True)
    billing_email = models.EmailField("billing contact email")
    po_number = models.CharField("purchase order number", max_length=40, blank=True)
    vat_number = models.CharField("VAT number", max_length=30, blank=True)
    po_requested_at = models.DateTimeField(null=True, blank=True)
    # Reminders to the booker while the PO is awaited, at most once each (see PO_REMINDER_DAYS).
    po_reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "billing details"

    def __str__(self):
        return f"{self.organisation_name} ({self.order})"

    @property
    def address_lines(self):
        lines = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return [line for line in lines if line]


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", "Issued"
    PART_PAID = "part_paid", "Part paid"
    PAID = "paid", "Paid"
    CREDITED = "credited", "Credited"


class InvoiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID])

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Document(models.Model):
    """What an invoice and a credit note share: a number, a date, frozen parties, totals and
    a stored PDF."""

    number = models.CharField(max_length=39, unique=True, editable=False)
    sequence_number = models.PositiveIntegerField(editable=False)
    issue_date = models.DateField()
    supplier_name = models.CharField(max_length=200)
    supplier_address = models.TextField()
    supplier_vat_number = models.CharField(max_length=30, blank=True)
    customer_name = models.CharField(max_length=200)
    customer_address = models.TextField()
    customer_ods_code = models.CharField(max_length=6, blank=True)
    customer_vat_number = models.CharField(max_length=30, blank=True)
    customer_email = models.EmailField()
    po_number = models.CharField("PO number", max_length=40, blank=True)
    net_pence = models.IntegerField(default=0)
    vat_pence = models.IntegerField(default=0)
    total_pence = models.IntegerField(default=0)
    pdf = models.FileField(storage=private_storage, upload_to="invoices/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["-issue_date", "-sequence_number"]

    def __str__(self):
        return self.number


class Invoice(Document):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    order = models.ForeignKey("bookings.Order", on_delete=models.PROTECT, related_name="invoices")
    tax_point = models.DateField()
    due_date = models.DateField()
    status = models.CharField(
        max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    # A receipt: the invoice of a booking paid by card at the time, issued already paid.
    paid_by_card = models.BooleanField(default=False)
    paid_pence = models.IntegerField(default=0)
    credited_pence = models.IntegerField(default=0)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta(Document.Meta):
        indexes = [models.Index(fields=["status", "due_date"])]
        permissions = [("manage_invoice", "Can record payments, credit and resend invoices")]

    @property
    def balance_pence(self):
        """What is still owed; below zero when paid more than is due (a refund is owed)."""
        return self.total_pence - self.credited_pence - self.paid_pence

    def is_overdue(self, today=None):
        open_ = self.status in (InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID)
        return open_ and self.due_date < (today or timezone.localdate())

    def days_overdue(self, today=None):
        return max(0, ((today or timezone.localdate()) - self.due_date).days)

    @property
    def overpaid(self):
        return self.balance_pence < 0

    def display_status(self, today=None):
        return "Overdue" if self.is_overdue(today) else self.get_status_display()


class LineKind(models.TextChoices):
    COURSE = "course", "Course fee"
    CATERING = "catering", "Catering"
    ACCOMMODATION = "accommodation", "Accommodation"


class Line(models.Model):
    """One line of an invoice or credit note, with its own VAT treatment."""

    kind = models.CharField(max_length=20, choices=LineKind.choices, default=LineKind.COURSE)
    description = models.CharField(max_length=300)
    attendee_name = models.CharField(max_length=200, blank=True)
    unit_pence = models.IntegerField()
    discount_pence = models.IntegerField(default=0)
    net_pence = models.IntegerField()
    vat_category = models.CharField(max_length=2)  # UNCL5305: S standard, Z zero, E exempt
    vat_percent = models.DecimalField(max_digits=4, decimal_places=1)
    vat_pence = models.IntegerField()

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.description

    @property
    def total_pence(self):
        return self.net_pence + self.vat_pence

    @property
    def vat_label(self):
        # format "f": Decimal("20.0").normalize() alone prints as 2E+1
        return {"E": "Exempt", "Z": "0%"}.get(
            self.vat_category, f"{self.vat_percent.normalize():f}%"
        )


class InvoiceLine(Line):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    place = models.ForeignKey(
        "bookings.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class CreditNote(Document):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    reason = models.CharField(max_length=300)
    # Set when the credit note is first emailed, so a retried delivery sends it once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta(Document.Meta):
        pass


class CreditNoteLine(Line):
    wagtail_reference_index_ignore = True  # private: never listed as a page's usage
    credit_note = models.ForeignKey(CreditNote, on_delete=models.CASCADE, related_name="lines")


class ReceiptMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CARD = "card", "Card (Stripe)"
    CHEQUE = "cheque", "Cheque"


class InvoicePayment(models.Model):
    """Money received against an invoice: a bank transfer recorded by finance, or a card
    payment through the invoice's Stripe link, recorded by the webhook."""

    wagtail_reference_index_ignore = True  # private: never listed as a page's usage

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount_pence = models.PositiveIntegerField()
    received_on = models.DateField()
    reference = models.CharField(max_length=100)
    method = models.CharField(
        max_length=20, choices=ReceiptMethod.choices, default=ReceiptMethod.BANK_TRANSFER
    )
    stripe_payment = models.OneToOneField(
        "bookings.Payment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice_receipt",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "reference"], name="one_payment_per_reference"
            ),
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="payment_above_zero"),
        ]

    def __str__(self):
        return f"{self.invoice} £{self.amount_pence / 100:,.2f} {self.reference}"
