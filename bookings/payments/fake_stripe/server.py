"""The HTTP side: Stripe's API paths, the hosted checkout page and the test controls."""

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bookings.payments.fake_stripe.page import checkout_page
from bookings.payments.fake_stripe.store import (
    DECLINED_CARD,
    DEMO_WEBHOOK_SECRET,
    RETRY_DELAYS,
    Store,
    StripeError,
    new_id,
    parse_form,
)


class Handler(BaseHTTPRequestHandler):
    """Routes Stripe's API paths, the hosted checkout page and the test controls."""

    server_version = "FakeStripe/1.0"
    API_ROUTES = (
        ("POST", r"/v1/checkout/sessions", "create_session"),
        ("GET", r"/v1/checkout/sessions/(?P<id>[\w]+)", "session"),
        ("POST", r"/v1/checkout/sessions/(?P<id>[\w]+)/expire", "expire"),
        ("GET", r"/v1/payment_intents/(?P<id>[\w]+)", "intent"),
        ("POST", r"/v1/refunds", "refund"),
    )

    @property
    def store(self):
        return self.server.store

    def log_message(self, *args):  # quiet: the demo's console belongs to Django
        pass

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def route(self, method):
        path = urllib.parse.urlsplit(self.path).path
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        try:
            if path.startswith("/v1/"):
                return self.api(method, path, body)
            if path.startswith("/checkout/"):
                return self.checkout(method, path.removeprefix("/checkout/"), body)
            if path.startswith("/_fake/"):
                return self.control(method, path.removeprefix("/_fake/"), body)
            raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({path}).")
        except StripeError as exc:
            self.send_json(exc.status, exc.body)
        finally:
            if method == "POST":
                self.store.save()

    # --- the API -------------------------------------------------------------------------
    def api(self, method, path, body):
        if not self.headers.get("Authorization", "").startswith("Bearer sk_"):
            raise StripeError(
                401,
                "invalid_request_error",
                "You did not provide an API key. Provide your API key in the "
                "Authorization header, using Bearer auth.",
            )
        name, match = self.find_route(method, path)
        if match is None:
            raise StripeError(
                404, "invalid_request_error", f"Unrecognized request URL ({method}: {path})."
            )
        self.injected_fault()
        params = parse_form(body)
        key = self.headers.get("Idempotency-Key") if method == "POST" else None
        with self.store.lock:
            replay = self.store.idempotency.get(key) if key else None
            if replay:
                return self.replay(replay, method, path, body)
            try:
                status, result = 200, getattr(self.store, name)(*match.groups() or (params,))
            except StripeError as exc:
                status, result = exc.status, exc.body
            result = {k: v for k, v in result.items() if k != "line_items_data"}
            if key and status < 500:
                self.store.idempotency[key] = (method, path, body, status, result)
        self.send_json(status, result)

    def find_route(self, method, path):
        for verb, pattern, name in self.API_ROUTES:
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                return name, match
        return None, None

    def replay(self, saved, method, path, body):
        if saved[:3] != (method, path, body):
            raise StripeError(
                400,
                "idempotency_error",
                "Keys for idempotent requests can only be used with the same "
                "parameters they were first used with.",
            )
        self.send_json(saved[3], saved[4], replayed=True)

    def injected_fault(self):
        with self.store.lock:
            fault = self.store.next_error
            if fault and fault.get("times", 1) <= 1:
                self.store.next_error = None
            elif fault:
                fault["times"] -= 1
        if fault and fault.get("sleep"):
            time.sleep(float(fault["sleep"]))
        if fault and fault.get("status"):
            raise StripeError(
                int(fault["status"]),
                "api_error",
                "An unknown error occurred on Stripe's side (fake).",
            )

    # --- the hosted checkout page ------------------------------------------------------------
    def checkout(self, method, id_, body):
        with self.store.lock:
            session = self.store.session(id_)
            if session["status"] != "open":
                return self.redirect(
                    session["success_url"]
                    if session["status"] == "complete"
                    else session["cancel_url"],
                    session,
                )
            if method == "GET":
                return self.send_html(200, checkout_page(session))
            card = re.sub(r"\D", "", parse_form(body).get("card", ""))
            if card == DECLINED_CARD:
                return self.send_html(
                    402, checkout_page(session, "Your card was declined. Try a different card.")
                )
            if len(card) < 12:
                return self.send_html(400, checkout_page(session, "Enter a card number."))
            self.store.pay(id_)
            self.redirect(session["success_url"], session)

    def redirect(self, url, session):
        self.send_response(303)
        self.send_header("Location", (url or "/").replace("{CHECKOUT_SESSION_ID}", session["id"]))
        self.send_header("Content-Length", "0")
        self.end_headers()

    # --- test controls ---------------------------------------------------------------------
    def control(self, method, path, body):
        data = json.loads(body or "{}") if method == "POST" else {}
        store = self.store
        with store.lock:
            if path == "config":
                store.webhook_url = data.get("webhook_url", store.webhook_url)
                store.webhook_secret = data.get("webhook_secret", store.webhook_secret)
                return self.send_json(200, {"webhook_url": store.webhook_url})
            if path == "next_error":
                store.next_error = data or None
                return self.send_json(200, {"next_error": store.next_error})
            if path in ("events", "deliveries"):
                return self.send_json(200, {"data": getattr(store, path)})
            match = re.fullmatch(r"sessions/(\w+)/(pay|pay_delayed|succeed|fail|expire)", path)
            if not match or method != "POST":
                raise StripeError(404, "invalid_request_error", f"No fake control {path}.")
            id_, action = match.groups()
            result = {
                "pay": lambda: store.pay(id_),
                "pay_delayed": lambda: store.pay(id_, delayed=True),
                "succeed": lambda: store.settle_delayed(id_, succeeded=True),
                "fail": lambda: store.settle_delayed(id_, succeeded=False),
                "expire": lambda: store.expire(id_),
            }[action]()
            self.send_json(200, {k: v for k, v in result.items() if k != "line_items_data"})

    # --- responses ---------------------------------------------------------------------------
    def send_json(self, status, obj, replayed=False):
        self.send_body(
            status,
            json.dumps(obj).encode(),
            "application/json",
            {
                "Request-Id": new_id("req"),
                "Idempotent-Replayed": "true" if replayed else None,
                # An injected fault must reach the caller, not be retried away by the SDK.
                "Stripe-Should-Retry": "false" if status >= 500 else None,
            },
        )

    def send_html(self, status, page):
        self.send_body(status, page.encode(), "text/html; charset=utf-8", {})

    def send_body(self, status, data, content_type, headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            if value:
                self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class FakeStripe:
    """The server in a background thread: `with FakeStripe(port=0) as fake: fake.url`."""

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        webhook_url=None,
        webhook_secret=DEMO_WEBHOOK_SECRET,
        retry_delays=RETRY_DELAYS,
        state_file=None,
    ):
        self.store = Store(webhook_url, webhook_secret, retry_delays, state_file)
        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.httpd.store = self.store
        self.store.public_url = self.url
        self._stopping = threading.Event()

    @property
    def url(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        threading.Thread(target=self._sweep_forever, daemon=True).start()
        return self

    def _sweep_forever(self):
        while not self._stopping.wait(1):
            self.store.sweep()

    def stop(self):
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
