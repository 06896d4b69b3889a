"""Signing up, verifying the email, and signing in (password, emailed code, password reset).

allauth 65 with email as the login and mandatory verification (cms/settings/base.py).
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from cms.models import User
from tests.conftest import code_in, link_in

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "tidal-Lantern-4821"


def signup(client, **overrides):
    data = {
        "first_name": "Priya",
        "last_name": "Shah",
        "email": "priya.shah@example.org",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def signed_in_user_id(client):
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def test_signup_form_asks_for_names_first(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    fields = list(response.context["form"].fields)
    assert fields[:2] == ["first_name", "last_name"]
    assert {"email", "password1", "password2"} <= set(fields)


def test_signup_creates_an_unverified_user_and_emails_a_link(client, mailoutbox):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="priya.shah@example.org")
    assert (user.first_name, user.last_name) == ("Priya", "Shah")
    assert EmailAddress.objects.get(user=user).verified is False
    assert signed_in_user_id(client) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["priya.shah@example.org"]
    assert link_in(mailoutbox[0], "/accounts/confirm-email/")


def test_following_the_email_link_verifies_and_signs_in(client, mailoutbox):
    signup(client)
    link = link_in(mailoutbox[0], "/accounts/confirm-email/")
    user = User.objects.get(email="priya.shah@example.org")

    # The link shows a confirmation button; a GET alone (a mail scanner) changes nothing.
    assert client.get(link).status_code == 200
    assert EmailAddress.objects.get(user=user).verified is False

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_profile")
    assert EmailAddress.objects.get(user=user).verified is True
    assert signed_in_user_id(client) == user.pk
    assert client.get(reverse("account_profile")).status_code == 200


def test_signup_with_a_taken_email_shows_the_error_on_the_form(client, user, mailoutbox):
    response = signup(client, email=user.email.upper())
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.filter(email__iexact=user.email).count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    "weak",
    ["short1", "password123", "1234567890123", "priyashah-example"],
    ids=["too-short", "common", "numeric", "like-the-email"],
)
def test_signup_with_a_weak_password_shows_an_error(client, weak):
    response = signup(client, email="priyashah@example.org", password1=weak, password2=weak)
    assert response.status_code == 200
    assert response.context["form"].errors.get("password1"), response.context["form"].errors
    assert not User.objects.filter(email="priyashah@example.org").exists()


def test_signup_with_mismatched_passwords_shows_an_error(client):
    response = signup(client, password2=STRONG_PASSWORD + "x")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.exists()


def test_login_before_verifying_does_not_sign_in(client, password, mailoutbox):
    signup(client, password1=password, password2=password)
    client.logout()
    mailoutbox.clear()

    response = client.post(
        reverse("account_login"), {"login": "priya.shah@example.org", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_verified_user_signs_in_with_password(client, user, password):
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_profile")
    assert signed_in_user_id(client) == user.pk


def test_wrong_password_shows_an_error(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_user_id(client) is None


def test_login_by_emailed_code(client, user, mailoutbox):
    response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    code = code_in(mailoutbox[0])

    response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG-CODE"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_user_id(client) is None

    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_profile")
    assert signed_in_user_id(client) == user.pk


def test_password_reset_emails_a_link_that_sets_a_new_password(client, user, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    link = link_in(mailoutbox[0], "/accounts/password/reset/key/")

    # allauth moves the token out of the URL into the session, then shows the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(STRONG_PASSWORD)


def test_password_reset_for_an_unknown_email_says_so_and_sends_nothing(client, mailoutbox):
    """ACCOUNT_PREVENT_ENUMERATION is off (cms/settings/base.py): the form names the problem."""
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mailoutbox == []


def test_logout(client, user):
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
