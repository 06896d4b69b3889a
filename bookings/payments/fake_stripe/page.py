"""The hosted checkout page: pay, be declined, or go back."""

import html

CHECKOUT_PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay {amount} – Fake Stripe Checkout</title>
<style>
body {{ font: 19px/1.5 system-ui, sans-serif; margin: 0; background: #f6f9fc; color: #1a1f36; }}
main {{ max-width: 32rem; margin: 2rem auto; padding: 2rem; background: #fff; }}
label {{ display: block; font-weight: 600; margin-top: 1rem; }}
input {{ font: inherit; width: 100%; padding: .5rem; border: 2px solid #4f566b; }}
button {{ font: inherit; margin-top: 1.5rem; padding: .6rem 1.2rem; background: #4f3cc9;
  color: #fff; border: 0; }}
:focus-visible {{ outline: 3px solid #ffb81c; outline-offset: 2px; }}
.error {{ color: #a4111e; font-weight: 600; }}
a {{ color: #3a2aa3; }}
</style></head>
<body><main>
<p>Fake Stripe test mode: no real money moves.</p>
<h1>Pay {amount}</h1>
<ul>{items}</ul>
{error}
<form method="post" action="/checkout/{id}">
<label for="email">Email</label>
<input id="email" name="email" type="email" value="{email}" autocomplete="email">
<label for="card">Card number</label>
<p id="card-hint">Use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to be declined.</p>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number"
  aria-describedby="card-hint" value="4242 4242 4242 4242">
<button type="submit">Pay {amount}</button>
</form>
<p><a href="{cancel_url}">Cancel and go back</a></p>
</main></body></html>
"""


def checkout_page(session, error=""):
    items = "".join(
        f"<li>{html.escape(i['price_data']['product_data']['name'])}: "
        f"{money(int(i['price_data']['unit_amount']) * int(i.get('quantity', 1)))}</li>"
        for i in session["line_items_data"]
    )
    return CHECKOUT_PAGE.format(
        amount=money(session["amount_total"]),
        items=items,
        id=session["id"],
        email=html.escape(session["customer_email"] or ""),
        cancel_url=html.escape(session["cancel_url"] or "/"),
        error=f'<p class="error" role="alert">{html.escape(error)}</p>' if error else "",
    )


def money(pence):
    return f"\u00a3{pence / 100:,.2f}"
