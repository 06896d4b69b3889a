"""A learner's own account pages: profile, data export and account deletion."""

import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from cms.models import User

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Amara",
    "last_name": "Okafor-Reid",
    "certificate_name": "Dr Amara Okafor-Reid",
    "profession": "doctor",
    "job_title": "Registrar",
    "organisation": "Kings Hospital",
    "registration_body": "GMC",
    "registration_number": "7654321",
    "staff_number": "E1234",
}


@pytest.mark.parametrize(
    "name", ["account_profile", "account_data_export", "account_delete"], ids=str
)
def test_account_pages_need_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_profile_saves(client, user):
    client.force_login(user)
    response = client.post(reverse("account_profile"), PROFILE)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_profile")
    user.refresh_from_db()
    for field, value in PROFILE.items():
        assert getattr(user, field) == value
    response = client.get(reverse("account_profile"))
    assert "Your details have been saved." in [str(m) for m in response.context["messages"]]
    assert response.context["form"].initial["certificate_name"] == "Dr Amara Okafor-Reid"


def test_profile_number_without_a_body_is_an_error(client, user):
    client.force_login(user)
    response = client.post(reverse("account_profile"), {**PROFILE, "registration_body": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "registration_body" in errors
    assert "Select the body you are registered with" in errors["registration_body"][0]
    user.refresh_from_db()
    assert user.registration_number == ""


def test_profile_rejects_an_unknown_profession(client, user):
    client.force_login(user)
    response = client.post(reverse("account_profile"), {**PROFILE, "profession": "wizard"})
    assert response.status_code == 200
    assert "profession" in response.context["form"].errors


def test_profile_cannot_change_email_or_staff_flags(client, user):
    client.force_login(user)
    client.post(
        reverse("account_profile"),
        {**PROFILE, "email": "evil@example.org", "is_staff": "on", "is_superuser": "on"},
    )
    user.refresh_from_db()
    assert user.email == "amara@example.com"
    assert not user.is_staff and not user.is_superuser


def test_data_export_is_the_users_own_data(client, user, other_user):
    client.force_login(user)
    response = client.get(reverse("account_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert "no-cache" in response["Cache-Control"]

    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["account"]["first_name"] == "Amara"
    assert data["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    assert data["authenticators"] == []
    body = response.content.decode()
    assert other_user.email not in body
    assert other_user.registration_number not in body
    assert user.password not in body


def test_a_learner_cannot_see_another_learners_data(client, user, other_user):
    """There is no URL that takes a user id: every account page shows the signed-in user."""
    client.force_login(user)
    for url in [
        f"{reverse('account_data_export')}?user={other_user.pk}",
        f"{reverse('account_data_export')}?email={other_user.email}",
        f"{reverse('account_profile')}?user={other_user.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert other_user.email not in response.content.decode()
    response = client.get(reverse("account_profile"))
    assert response.context["form"].instance == user


def test_delete_account_needs_the_right_password(client, user):
    client.force_login(user)
    response = client.post(
        reverse("account_delete"), {"password": "not-my-password", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_needs_the_confirmation_box(client, user, password):
    client.force_login(user)
    response = client.post(reverse("account_delete"), {"password": password})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"] == [
        "Confirm that you want to delete your account."
    ]
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account(client, user, other_user, password):
    client.force_login(user)
    assert client.get(reverse("account_delete")).status_code == 200
    response = client.post(reverse("account_delete"), {"password": password, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=other_user.pk).exists()
    assert SESSION_KEY not in client.session
    assert client.get(reverse("account_profile")).status_code == 302
