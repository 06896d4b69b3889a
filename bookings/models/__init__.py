from .discounts import DiscountCode, DiscountKind, normalise_code
from .invoices import (
    BillingDetails,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoicePayment,
    InvoiceSequence,
    InvoiceStatus,
    LineKind,
    ReceiptMethod,
)
from .orders import Order, OrderEvent, OrderStatus, PaymentMethod, Place, PlaceStatus
from .organisations import Organisation, OrganisationKind
from .payments import Payment, PaymentStatus, Refund, StripeEvent
from .reminders import PlaceReminder, ReminderKind
from .waiting import MAX_PLACES_WANTED, WaitingListEntry, WaitingStatus

__all__ = [
    "BillingDetails",
    "CreditNote",
    "CreditNoteLine",
    "Invoice",
    "InvoiceLine",
    "InvoicePayment",
    "InvoiceSequence",
    "InvoiceStatus",
    "LineKind",
    "ReceiptMethod",
    "MAX_PLACES_WANTED",
    "DiscountCode",
    "DiscountKind",
    "Order",
    "OrderEvent",
    "OrderStatus",
    "Organisation",
    "OrganisationKind",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Place",
    "PlaceReminder",
    "PlaceStatus",
    "Refund",
    "ReminderKind",
    "StripeEvent",
    "WaitingListEntry",
    "WaitingStatus",
    "normalise_code",
]
