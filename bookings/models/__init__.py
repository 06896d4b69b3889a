from .discounts import DiscountCode, DiscountKind, normalise_code
from .orders import Order, OrderEvent, OrderStatus, PaymentMethod, Place, PlaceStatus
from .payments import Payment, PaymentStatus, StripeEvent

__all__ = [
    "DiscountCode",
    "DiscountKind",
    "Order",
    "OrderEvent",
    "OrderStatus",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Place",
    "PlaceStatus",
    "StripeEvent",
    "normalise_code",
]
