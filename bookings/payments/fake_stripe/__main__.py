"""python -m bookings.payments.fake_stripe --port 12111 --webhook-url …"""

import argparse
import os
import threading

from bookings.payments.fake_stripe import FakeStripe
from bookings.payments.fake_stripe.store import DEMO_WEBHOOK_SECRET


def main():
    parser = argparse.ArgumentParser(description="A local fake of Stripe for the demo")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=12111)
    parser.add_argument("--webhook-url", default=os.environ.get("FAKE_STRIPE_WEBHOOK_URL"))
    parser.add_argument(
        "--webhook-secret", default=os.environ.get("STRIPE_WEBHOOK_SECRET", DEMO_WEBHOOK_SECRET)
    )
    parser.add_argument("--state-file", help="keep payments here across restarts (JSON)")
    args = parser.parse_args()
    fake = FakeStripe(
        args.host, args.port, args.webhook_url, args.webhook_secret, state_file=args.state_file
    ).start()
    print(f"Fake Stripe at {fake.url}, webhooks to {args.webhook_url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
