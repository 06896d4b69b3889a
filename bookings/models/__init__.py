from .orders import Order, OrderEvent, OrderStatus, PaymentMethod, Place, PlaceStatus
from .organisations import Organisation, OrganisationKind
from .payments import Payment, PaymentStatus, StripeEvent

__all__ = [
    "Order",
    "OrderEvent",
    "OrderStatus",
    "Organisation",
    "OrganisationKind",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "Place",
    "PlaceStatus",
    "StripeEvent",
]
