"""Staff must use an authenticator app (cms.middleware.StaffMFAMiddleware), and the Wagtail
admin signs in through allauth, so the MFA step applies there too."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY as TOTP_SECRET_SESSION_KEY
from allauth.mfa.totp.internal.auth import format_hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.conftest import current_totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/account/", "/account/data.json", "/search/"])
def test_staff_without_mfa_are_sent_to_set_it_up(client, staff_user, path):
    client.force_login(staff_user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_mfa_set_up_an_authenticator_then_reach_the_admin(
    client, staff_user, password
):
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": password}
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")

    # allauth asks for the password again before adding an authenticator, even just after
    # signing in (MFA_REAUTHENTICATION_REQUIRED); the reauthentication page is open to them.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session[TOTP_SECRET_SESSION_KEY]  # what the QR code shows
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert is_mfa_enabled(staff_user)
    assert client.get("/admin/").status_code == 200


def test_learners_are_not_asked_for_mfa(client, user):
    client.force_login(user)
    assert client.get("/account/").status_code == 200


def test_staff_with_totp_must_enter_a_code_at_login(client, totp, password):
    staff = totp.user
    response = client.post(reverse("account_login"), {"login": staff.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302  # not signed in yet

    right = current_totp_code(totp.secret)
    wrong = format_hotp_value((int(right) + 1) % 1_000_000)
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert SESSION_KEY not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(totp.secret)})
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == staff.pk
    assert client.get("/admin/").status_code == 200


def test_admin_login_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_admin_sends_anonymous_visitors_to_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
