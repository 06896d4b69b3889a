"""Demo data for the site shell: the page tree, site settings and the demo users.

Called by `seed_demo` first, before any downstream app. Idempotent.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms import demo_content
from cms.groups import sync_groups
from cms.models import ContentPage, HomePage, SiteSettings, User

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"

DEMO_USERS = [
    # email, first, last, staff, superuser, groups
    ("learner@example.com", "Amara", "Okafor", False, False, []),
    # Nominated manager of a trust: bookings.demo makes them one, and books for their team.
    ("manager@example.com", "Priya", "Shah", False, False, []),
    ("trainer@example.com", "Tom", "Reilly", True, False, ["Trainers"]),
    ("finance@example.com", "Fiona", "Marsh", True, False, ["Finance"]),
    ("research@example.com", "Ruth", "Ellery", True, False, ["Research"]),
    ("admin@example.com", "Sam", "Adeyemi", True, True, []),
]

DEMO_PROFILES = {
    "learner@example.com": {
        "certificate_name": "Amara Okafor",
        "profession": "nurse",
        "job_title": "Diabetes specialist nurse",
        "organisation": "Riverside University Hospitals NHS Foundation Trust",
        "registration_body": "NMC",
        "registration_number": "12A3456E",
    },
    "manager@example.com": {
        "certificate_name": "Priya Shah",
        "profession": "manager",
        "job_title": "Clinical education lead",
        "organisation": "Riverside University Hospitals NHS Foundation Trust",
    },
    "trainer@example.com": {"profession": "doctor", "job_title": "Consultant liaison psychiatrist"},
}


def seed(scale=1):
    home = seed_pages()
    seed_settings(home)
    return seed_users()


def demo_password():
    """DEMO_PASSWORD when set; otherwise one generated once and kept in .demo-password."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    password = "demo-" + secrets.token_urlsafe(9)
    PASSWORD_FILE.write_text(password + "\n")
    return password


def tree_root():
    """Wagtail's root page; rebuilt (with the default locale) after a database flush."""
    root = Page.get_first_root_node()
    if root is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        root = Page.add_root(title="Root", slug="root")
    return root


def seed_pages():
    root = tree_root()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's installation leaves a "Welcome" page (and a site rooted on it) behind.
        Page.objects.filter(depth=2).delete()
        home = HomePage(slug="home", **demo_content.HOME)
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
    for spec in demo_content.CONTENT_PAGES:
        add_content_page(home, spec)
    return home


def add_content_page(parent, spec):
    spec = dict(spec)
    children = spec.pop("children", [])
    page = ContentPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if page is None:
        page = ContentPage(**spec)
        parent.add_child(instance=page)
        page.save_revision().publish()
    for child in children:
        add_content_page(page, child)
    return page


def seed_settings(home):
    """Serve the site at SITE_URL, so that canonical links and emails point where it runs."""
    site = Site.objects.get(root_page=home)
    url = urlsplit(settings.SITE_URL)
    site.hostname = url.hostname or "localhost"
    site.port = url.port or (443 if url.scheme == "https" else 80)
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    values = SiteSettings.for_site(site)
    if not values.provider_address:
        for field, value in demo_content.SITE_SETTINGS.items():
            setattr(values, field, value)
        values.save()


def seed_users():
    password = demo_password()
    lines = ["", "Demo logins (demo only):"]
    for email, first, last, staff, superuser, groups in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first,
                last_name=last,
                is_staff=staff,
                is_superuser=superuser,
                **DEMO_PROFILES.get(email, {}),
            )
        elif os.environ.get("DEMO_PASSWORD"):
            user.set_password(password)
            user.save(update_fields=["password"])
        for name in groups:
            user.groups.add(staff_group(name))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        line = f"  {email:<24} password: {password}"
        if staff:
            line += f"   MFA secret: {ensure_totp(user)}"
        lines.append(line)
    lines.append("  Staff sign in with a code from an authenticator app set up with the secret")
    lines.append("  above, or print the current code with: make totp EMAIL=admin@example.com")
    return lines


def staff_group(name):
    """A staff group with its permissions (cms.groups; made after every migrate)."""
    sync_groups()
    return Group.objects.get(name=name)


def ensure_totp(user):
    """Staff must use MFA: give each demo staff user a TOTP authenticator and recovery codes."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return decrypt(existing.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret
