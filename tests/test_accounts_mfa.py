"""Staff must use an authenticator app (cms.middleware.StaffMFAMiddleware), and the Wagtail
admin signs in through allauth, so the MFA step applies there too.

The attack: a member of staff's password without their authenticator. Before issue 12 the
middleware asked only whether an authenticator was set up, so signing in at Wagtail's
front-end login (`/_util/login/`, Django's LoginView) reached the admin with the password
alone. Now every login view routes to allauth's, and a staff session that did not pass the
MFA step is signed out wherever it goes.
"""

import base64

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY as TOTP_SECRET_SESSION_KEY
from allauth.mfa.totp.internal.auth import format_hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import LoginView
from django.urls import resolve, reverse

from tests.access_world import routes
from tests.conftest import code_in, current_totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/account/", "/account/data.json", "/search/"])
def test_staff_without_mfa_are_sent_to_set_it_up(client, staff_user, path):
    client.force_login(staff_user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_mfa_set_up_an_authenticator_then_reach_the_admin(
    client, staff_user, password, django_capture_on_commit_callbacks
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
    # Once the authenticator is committed, the site records that this session passed MFA (a
    # code from the authenticator was just entered), so no second sign-in is needed.
    with django_capture_on_commit_callbacks(execute=True):  # allauth announces it on commit
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


def login_views():
    """Every URL pattern of the site whose view is a Django LoginView (Wagtail's two)."""
    found = []
    for route in routes():
        view_class = getattr(route.pattern.callback, "view_class", None)
        if view_class and issubclass(view_class, LoginView):
            found.append("/" + route.route)
    return found


def test_the_login_views_that_skip_mfa_are_known():
    assert sorted(login_views()) == ["/_util/login/", "/admin/login/"]


@pytest.mark.parametrize("path", login_views())
def test_every_django_login_view_routes_to_allauth(client, totp, password, path):
    view_class = getattr(resolve(path).func, "view_class", None)
    assert not issubclass(view_class, LoginView), f"{path} still reaches {view_class}"
    response = client.get(path + "?next=/admin/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/admin/")
    fields = {"username": totp.user.email, "login": totp.user.email, "password": password}
    response = client.post(path, fields)
    assert response["Location"].startswith("/accounts/login/")
    assert SESSION_KEY not in client.session
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/pages/", "/account/", "/accounts/email/", "/accounts/2fa/"]
)
def test_a_staff_session_signed_in_by_password_alone_is_signed_out(client, totp, password, path):
    """However a password-only session came about (Django's `login` is what any LoginView
    calls), it reaches neither the admin nor the account pages, where it could remove the
    authenticator."""
    assert client.login(email=totp.user.email, password=password)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path.replace('/', '%2F')}"
    assert SESSION_KEY not in client.session


def test_a_learner_signed_in_by_password_alone_is_not_asked_for_mfa(client, user, password):
    assert client.login(email=user.email, password=password)
    assert client.get("/account/").status_code == 200


def test_staff_signing_in_by_emailed_code_must_still_enter_their_authenticator_code(
    client, totp, mailoutbox
):
    staff = totp.user
    response = client.post(reverse("account_request_login_code"), {"email": staff.email})
    assert response["Location"] == reverse("account_confirm_login_code")
    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(mailoutbox[0])})
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session

    client.post(reverse("mfa_authenticate"), {"code": current_totp_code(totp.secret)})
    assert int(client.session[SESSION_KEY]) == staff.pk
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("api", ["pages", "images", "documents"])
def test_the_admin_api_takes_no_password_in_an_authorization_header(client, totp, password, api):
    token = base64.b64encode(f"{totp.user.email}:{password}".encode()).decode()
    response = client.get(f"/admin/api/main/{api}/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
