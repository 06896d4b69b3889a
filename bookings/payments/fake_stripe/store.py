"""What the fake knows (sessions, payments, refunds, events) and how it delivers webhooks."""

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

RETRY_DELAYS = (0, 0.3, 0.6, 1.2, 2.4)  # seconds before each delivery attempt
DECLINED_CARD = "4000000000000002"
DEMO_WEBHOOK_SECRET = "whsec_fake_local"  # noqa: S105 - the demo's, also in settings


def new_id(prefix):
    return f"{prefix}_test_{secrets.token_hex(12)}"


def parse_form(body):
    """Stripe's bracket notation (a[b][0][c]=v) into nested dicts and lists."""
    result = {}
    for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _listify(result)


def _listify(node):
    """Dicts keyed 0, 1, 2… (from a[0], a[1]) become lists, as Stripe reads them."""
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


class StripeError(Exception):
    def __init__(self, status, type_, message, param=None, code=None):
        super().__init__(message)
        self.status, self.body = (
            status,
            {"error": {"type": type_, "message": message, "param": param, "code": code}},
        )


def missing(kind, id_):
    return StripeError(
        404, "invalid_request_error", f"No such {kind}: '{id_}'", code="resource_missing"
    )


class Store:
    """Everything the fake knows, behind one lock."""

    SAVED = ("sessions", "intents", "charges", "refunds", "events", "idempotency")

    def __init__(self, webhook_url, webhook_secret, retry_delays=RETRY_DELAYS, state_file=None):
        self.lock = threading.RLock()
        self.state_file = state_file
        self.public_url, self.retry_delays = "", retry_delays
        self.sessions, self.intents, self.charges, self.refunds = {}, {}, {}, {}
        self.events, self.deliveries, self.idempotency = [], [], {}
        self.webhook_url, self.webhook_secret = webhook_url, webhook_secret
        self.next_error = None
        self.load()

    def load(self):
        """The demo's payments survive a restart, so refunds on them still work."""
        if self.state_file and os.path.exists(self.state_file):
            with open(self.state_file) as f:
                saved = json.load(f)
            for name in self.SAVED:
                setattr(self, name, saved.get(name, getattr(self, name)))
            self.idempotency = {k: tuple(v) for k, v in self.idempotency.items()}

    def save(self):
        if self.state_file:
            with self.lock:
                state = {name: getattr(self, name) for name in self.SAVED}
                with open(self.state_file + ".tmp", "w") as f:
                    json.dump(state, f)
                os.replace(self.state_file + ".tmp", self.state_file)

    # --- checkout sessions -------------------------------------------------------------
    def create_session(self, p):
        now = int(time.time())
        expires_at = int(p.get("expires_at") or now + 24 * 3600)
        if not 30 * 60 - 5 <= expires_at - now <= 24 * 3600:
            raise StripeError(
                400,
                "invalid_request_error",
                "The `expires_at` timestamp must be between 30 minutes and 24 hours "
                "from Checkout Session creation.",
                param="expires_at",
            )
        items = p.get("line_items") or []
        if not items:
            raise StripeError(
                400,
                "invalid_request_error",
                "Missing required param: line_items.",
                param="line_items",
            )
        try:
            total = sum(
                int(i["price_data"]["unit_amount"]) * int(i.get("quantity", 1)) for i in items
            )
            currency = items[0]["price_data"]["currency"]
        except (KeyError, TypeError, ValueError) as exc:
            raise StripeError(
                400, "invalid_request_error", "Invalid line_items.", param="line_items"
            ) from exc
        session = {
            "id": new_id("cs"),
            "object": "checkout.session",
            "mode": p.get("mode", "payment"),
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": total,
            "amount_subtotal": total,
            "currency": currency,
            "created": now,
            "expires_at": expires_at,
            "customer_email": p.get("customer_email"),
            "client_reference_id": p.get("client_reference_id"),
            "metadata": p.get("metadata") or {},
            "payment_intent": None,
            "success_url": p.get("success_url"),
            "cancel_url": p.get("cancel_url"),
            "line_items_data": items,
            "livemode": False,
            "url": None,
        }
        session["url"] = f"{self.public_url}/checkout/{session['id']}"
        self.sessions[session["id"]] = session
        return session

    def session(self, id_):
        if id_ not in self.sessions:
            raise missing("checkout.session", id_)
        return self.sessions[id_]

    def expire(self, id_):
        session = self.session(id_)
        if session["status"] != "open":
            raise StripeError(
                400,
                "invalid_request_error",
                f"Only Checkout Sessions with a status of open can be expired. "
                f"This session has a status of {session['status']}.",
            )
        session["status"] = "expired"
        self.emit("checkout.session.expired", session)
        return session

    def pay(self, id_, *, delayed=False):
        """The buyer pays. `delayed` is a bank debit: complete now, paid (or failed) later."""
        session = self.session(id_)
        if session["status"] != "open":
            raise StripeError(400, "invalid_request_error", "This Checkout Session is not open.")
        intent_id = new_id("pi")
        self.intents[intent_id] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": session["amount_total"],
            "currency": session["currency"],
            "status": "processing",
            "latest_charge": None,
            "metadata": session["metadata"],
        }
        session.update(status="complete", payment_intent=intent_id)
        if delayed:
            self.emit("checkout.session.completed", session)
        else:
            self._charge(session)
            self.emit("checkout.session.completed", session)
        return session

    def settle_delayed(self, id_, *, succeeded):
        session = self.session(id_)
        if session["status"] != "complete" or session["payment_status"] != "unpaid":
            raise StripeError(400, "invalid_request_error", "No delayed payment to settle.")
        if succeeded:
            self._charge(session)
            self.emit("checkout.session.async_payment_succeeded", session)
        else:
            self.intents[session["payment_intent"]]["status"] = "requires_payment_method"
            self.emit("checkout.session.async_payment_failed", session)
        return session

    def _charge(self, session):
        intent = self.intents[session["payment_intent"]]
        charge_id = new_id("ch")
        self.charges[charge_id] = {
            "id": charge_id,
            "object": "charge",
            "amount": intent["amount"],
            "amount_refunded": 0,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "paid": True,
            "refunded": False,
            "status": "succeeded",
            "refunds": {"object": "list", "data": []},
        }
        intent.update(status="succeeded", latest_charge=charge_id)
        session["payment_status"] = "paid"

    def intent(self, id_):
        if id_ not in self.intents:
            raise missing("payment_intent", id_)
        return self.intents[id_]

    # --- refunds ---------------------------------------------------------------------------
    def refund(self, p):
        intent = self.intent(p.get("payment_intent", ""))
        if not intent["latest_charge"]:
            raise StripeError(
                400,
                "invalid_request_error",
                "This PaymentIntent does not have a successful charge to refund.",
                code="charge_not_refundable",
            )
        charge = self.charges[intent["latest_charge"]]
        left = charge["amount"] - charge["amount_refunded"]
        amount = int(p.get("amount") or left)
        if amount <= 0 or amount > left:
            raise StripeError(
                400,
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                param="amount",
                code="amount_too_large",
            )
        refund = {
            "id": new_id("re"),
            "object": "refund",
            "amount": amount,
            "charge": charge["id"],
            "payment_intent": intent["id"],
            "status": "succeeded",
            "currency": charge["currency"],
            "metadata": p.get("metadata") or {},
        }
        self.refunds[refund["id"]] = refund
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        charge["refunds"]["data"].append(refund)
        self.emit("charge.refunded", charge)
        return refund

    # --- events and webhooks ---------------------------------------------------------------
    def emit(self, type_, obj):
        public = {k: v for k, v in obj.items() if k != "line_items_data"}
        event = {
            "id": new_id("evt"),
            "object": "event",
            "type": type_,
            "api_version": "2025-10-29",
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": json.loads(json.dumps(public))},
        }
        self.events.append(event)
        if self.webhook_url:
            threading.Thread(target=self.deliver, args=(event,), daemon=True).start()

    def deliver(self, event):
        payload = json.dumps(event)
        for attempt, delay in enumerate(self.retry_delays, 1):
            time.sleep(delay)
            status = post_signed(self.webhook_url, payload, self.webhook_secret)
            with self.lock:
                self.deliveries.append(
                    {
                        "event": event["id"],
                        "type": event["type"],
                        "attempt": attempt,
                        "status": status,
                    }
                )
            if isinstance(status, int) and 200 <= status < 300:
                return

    def sweep(self):
        """Open sessions past their expires_at expire, as Stripe's do."""
        now = time.time()
        with self.lock:
            for session in list(self.sessions.values()):
                if session["status"] == "open" and session["expires_at"] <= now:
                    self.expire(session["id"])
                    self.save()


def signature(payload, secret, timestamp=None):
    timestamp = int(timestamp or time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def post_signed(url, payload, secret):
    request = urllib.request.Request(  # noqa: S310 - the webhook URL is configured, not input
        url,
        data=payload.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Stripe-Signature": signature(payload, secret),
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError as exc:
        return f"error: {exc}"
