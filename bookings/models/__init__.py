from .orders import Order, OrderEvent, OrderStatus, PaymentMethod, Place, PlaceStatus
from .payments import Payment, PaymentStatus, StripeEvent
from .reminders import PlaceReminder, ReminderKind

__all__ = [
    "Order",
    "OrderEvent",
    "OrderStatus",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Place",
    "PlaceReminder",
    "PlaceStatus",
    "ReminderKind",
    "StripeEvent",
]
