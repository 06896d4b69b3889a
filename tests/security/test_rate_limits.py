"""Rate limits (issue 12 §3), each at the rate the site really runs with: allauth's on
signing in, signing up, password reset and sign-in codes, the site's own on looking up an
email address and on the certificate check, all per client address, and behind the TLS proxy
per the address the proxy saw. Over the limit comes a 429 with the site's own page.

Attacks tried: guessing one account's password; spraying passwords over many accounts;
mass sign-ups; flooding an inbox with reset emails or codes; listing which emails hold an
account through the reset and code forms (found: allauth answered "not assigned to any
account" at any speed; now counted per address); trying certificate codes in bulk; dodging
the per-address limit by forging X-Forwarded-For."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security import production
from tests.security.production import HOST

pytestmark = pytest.mark.django_db
STRONG_PASSWORD = "tidal-Lantern-4821"


def posts(url, data, count, client=None):
    """`count` POSTs to `url` (data made from the attempt's number): their status codes, and
    the last response."""
    client = client or Client()
    statuses = []
    for number in range(count):
        response = client.post(url, data(number))
        statuses.append(response.status_code)
    return statuses, response


def assert_the_429_page(response):
    page = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in page
    assert "Wait a few minutes, then try again." in page
    assert 'class="nhsuk-header' in page  # the site's own page, not a bare error


def test_signing_in_30_times_a_minute_from_one_address_then_429(db):
    def wrong(n):
        return {"login": f"person{n}@example.org", "password": "not-the-password"}

    statuses, last = posts(reverse("account_login"), wrong, 31)
    assert statuses == [200] * 30 + [429]
    assert_the_429_page(last)


def test_five_wrong_passwords_for_one_account_lock_it_even_to_the_right_one(user, password):
    def wrong(n):
        return {"login": user.email, "password": f"guess-{n}-wrong"}

    # From five different addresses: the limit is on the account, not the address.
    for number in range(5):
        Client(REMOTE_ADDR=f"10.0.0.{number + 1}").post(reverse("account_login"), wrong(number))
    client = Client(REMOTE_ADDR="10.0.0.99")
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_up_20_times_a_minute_from_one_address_then_429(db):
    def sign_up(n):
        email = f"new{n}@example.org"
        return {"first_name": "A", "last_name": "B", "email": email}

    def form(n):
        return {**sign_up(n), "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD}

    statuses, last = posts(reverse("account_signup"), form, 21)
    assert statuses == [302] * 20 + [429]
    assert_the_429_page(last)


def test_resetting_one_accounts_password_5_times_a_minute_then_429(user, mailoutbox):
    statuses, last = posts(reverse("account_reset_password"), lambda n: {"email": user.email}, 6)
    assert statuses == [302] * 5 + [429]
    assert len(mailoutbox) == 5
    assert_the_429_page(last)


@pytest.mark.parametrize("view", ["account_reset_password", "account_request_login_code"])
def test_asking_about_20_emails_a_minute_from_one_address_then_429(db, view):
    """The enumeration found: unknown addresses were answered at any speed."""
    statuses, last = posts(reverse(view), lambda n: {"email": f"who{n}@example.org"}, 21)
    assert statuses == [200] * 20 + [429]
    assert_the_429_page(last)
    other = Client(REMOTE_ADDR="10.1.1.1").post(reverse(view), {"email": "who@example.org"})
    assert other.status_code == 200


def test_sign_in_codes_for_one_account_3_a_minute(user, mailoutbox):
    """Each from a fresh browser (a pending code sends the same browser to enter it)."""
    url = reverse("account_request_login_code")
    statuses = [Client().post(url, {"email": user.email}).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 200]
    assert len(mailoutbox) == 3


def test_checking_certificate_codes_30_a_minute_from_one_address_then_429(db):
    client = Client()
    statuses = [client.get("/certificates/verify/0000000000000/").status_code for _ in range(31)]
    assert statuses == [404] * 30 + [429]
    page = client.get("/certificates/verify/0000000000000/").content.decode()
    assert "Too many checks" in page


def test_behind_the_proxy_each_client_has_its_own_limit_and_cannot_forge_another(settings, site):
    production.apply(settings)
    settings.CERTIFICATE_VERIFY_RATE = "3/m/ip"
    proxy = {"REMOTE_ADDR": "10.9.9.9", "HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"}

    def check(forwarded_for):
        client = Client(**proxy, HTTP_X_FORWARDED_FOR=forwarded_for)
        return client.get("/certificates/verify/0000000000000/").status_code

    assert [check("203.0.113.5") for _ in range(4)] == [404, 404, 404, 429]
    # Another client behind the same proxy is not held up by the first.
    assert check("198.51.100.7") == 404
    # The first, claiming another address before its own (the proxy appends the real one).
    assert check("192.0.2.44, 203.0.113.5") == 429
