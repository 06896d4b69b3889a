"""The seed_demo command on top of the demo it made: a second run changes nothing and still
prints the logins; `--scale 2` tops the upcoming cohorts up."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import ContentPage, SiteSettings, User
from courses.models import Cohort
from tests.demo.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "content pages": ContentPage.objects.count(),
        "sites": Site.objects.count(),
        "site settings": SiteSettings.objects.count(),
        "users": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "cohorts": Cohort.objects.count(),
    }


def test_seed_demo_is_idempotent(demo, fake_stripe, monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    first = snapshot()
    assert first["users"] >= 4 and first["content pages"] >= 3 and first["sites"] == 1

    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "admin@example.com" in out and "Demo ready at" in out
    assert snapshot() == first
    admin = User.objects.get(email="admin@example.com")
    assert admin.check_password(DEMO_PASSWORD)
    assert Authenticator.objects.filter(user=admin, type="totp").count() == 1


def test_seed_demo_accepts_scale(demo, fake_stripe, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    once = snapshot()
    call_command("seed_demo", "--scale=2")
    scaled = snapshot()
    assert scaled["cohorts"] > once["cohorts"]
    assert scaled["users"] >= once["users"]
