"""What a webhook body must be before anything reads it: an event as Stripe sends them.

The signature proves who sent a body, not that it is well formed. An event whose id, type or
object has a shape Stripe never sends is refused whole (a 400, nothing recorded) rather than
failing half way through a settlement."""

import re

EVENT_ID = re.compile(r"evt_[A-Za-z0-9_]{1,250}")
EVENT_TYPE = re.compile(r"[a-z_]{1,40}(\.[a-z_]{1,40}){1,4}")
OBJECT_ID = re.compile(r"[a-z]{2,8}_[A-Za-z0-9_]{1,250}")


def is_id(value):
    return isinstance(value, str) and OBJECT_ID.fullmatch(value) is not None


def is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53


def optional(check):
    return lambda value: value is None or check(value)


def is_word(value):
    return isinstance(value, str) and len(value) <= 40


SESSION = {
    "id": is_id,
    "payment_status": is_word,
    "status": is_word,
    "payment_intent": optional(is_id),
}
CHARGE = {
    "payment_intent": optional(is_id),
    "amount_refunded": optional(is_count),
    "refunds": optional(lambda refunds: isinstance(refunds, dict) and refund_list_ok(refunds)),
}
REFUND = {"id": is_id, "amount": is_count, "metadata": optional(lambda m: isinstance(m, dict))}


def refund_list_ok(refunds):
    data = refunds.get("data", [])
    return isinstance(data, list) and all(fields_ok(r, REFUND, required=REFUND) for r in data)


def fields_ok(obj, checks, *, required=()):
    if not isinstance(obj, dict):
        return False
    if any(name not in obj for name in required):
        return False
    return all(check(obj[name]) for name, check in checks.items() if name in obj)


def event_problem(body):
    """Why a verified body is not an event we can handle; None when it is."""
    if not isinstance(body, dict):
        return "not a Stripe event"
    if not (isinstance(body.get("id"), str) and EVENT_ID.fullmatch(body["id"])):
        return "not a Stripe event id"
    if not (isinstance(body.get("type"), str) and EVENT_TYPE.fullmatch(body["type"])):
        return "not a Stripe event type"
    data = body.get("data")
    if not (isinstance(data, dict) and isinstance(data.get("object"), dict)):
        return "no object in the event"
    obj = data["object"]
    if body["type"].startswith("checkout.session.") and not fields_ok(
        obj, SESSION, required=("id", "payment_status", "status")
    ):
        return "not a Checkout Session"
    if body["type"] == "charge.refunded" and not fields_ok(obj, CHARGE):
        return "not a charge"
    return None
