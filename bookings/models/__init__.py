from .orders import Order, OrderEvent, OrderStatus, PaymentMethod, Place, PlaceStatus
from .payments import Payment, PaymentStatus, Refund, StripeEvent

__all__ = [
    "Order",
    "OrderEvent",
    "OrderStatus",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Place",
    "PlaceStatus",
    "Refund",
    "StripeEvent",
]
