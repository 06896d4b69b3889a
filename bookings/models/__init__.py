from .orders import Order, OrderEvent, OrderStatus, PaymentMethod, Place, PlaceStatus

__all__ = ["Order", "OrderEvent", "OrderStatus", "PaymentMethod", "Place", "PlaceStatus"]
