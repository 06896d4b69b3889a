"""factory_boy factories for the site shell: users, the page tree and site settings.

Scenarios build only what they need: `HomePageFactory.as_site_root()` gives a one-page site,
`ContentPageFactory(parent=home)` adds pages under it.
"""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from factory.django import DjangoModelFactory, Password
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import ContentPage, HomePage, SiteSettings, User

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class EmailAddressFactory(DjangoModelFactory):
    """allauth's record of an address; verified and primary unless told otherwise."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory("tests.factories.UserFactory", email_address=None)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True


class UserFactory(DjangoModelFactory):
    """A learner who signed up and verified their email (pass email_address__verified=False
    for one who has not)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = Password(DEFAULT_PASSWORD)
    profession = "nurse"
    organisation = "St Elsewhere NHS Foundation Trust"
    email_address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")


class StaffUserFactory(UserFactory):
    """Staff without an authenticator yet (the MFA middleware sends them to set one up)."""

    email = factory.Sequence(lambda n: f"staff{n}@example.com")
    is_staff = True
    is_superuser = True


class TOTPAuthenticatorFactory(DjangoModelFactory):
    """A TOTP authenticator app, activated through allauth's own code. The plain secret is on
    the returned object as `.secret`, so a test can compute the current code."""

    class Meta:
        model = Authenticator

    user = factory.SubFactory(StaffUserFactory)
    secret = factory.LazyFunction(generate_totp_secret)

    @classmethod
    def _create(cls, model_class, *args, user, secret, **kwargs):
        authenticator = TOTP.activate(user, secret).instance
        authenticator.secret = secret
        return authenticator


def page_tree_root():
    """Wagtail's root page. Its migrations create it, but a transactional test (the browser
    tests) starts from an emptied database, so make it and the default locale again if need be."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Mental health skills for health professionals"
    slug = "home"
    hero_heading = "Mental health skills for professionals"
    hero_text = "Practical training for people who care for people with long-term conditions."
    intro = "<p>Spot, ask about and respond to mental health needs.</p>"
    parent = factory.LazyFunction(page_tree_root)

    @classmethod
    def as_site_root(cls, **kwargs):
        """A home page that the default site serves, replacing Wagtail's 'Welcome' page."""
        Page.objects.filter(depth=2).exclude(content_type__model="homepage").delete()
        home = HomePage.objects.first() or cls(**kwargs)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        return home


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Content page {n}")
    summary = factory.Faker("sentence")
    show_in_menus = True
    body = factory.LazyFunction(
        lambda: [("rich_text", RichText("<p>Anxiety is common in long-term conditions.</p>"))]
    )
    parent = factory.LazyFunction(
        lambda: HomePage.objects.first() or HomePageFactory.as_site_root()
    )


class SiteSettingsFactory(DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    provider_name = "Psychological Medicine Education Partnership"
    provider_address = "Weston Education Centre\nLondon SE5 9RJ"
    contact_email = "courses@example.org"
    vat_number = "GB999999973"
    bank_account_name = "Psychological Medicine Education Partnership"
    bank_sort_code = "60-70-80"
    bank_account_number = "10293847"
    invoice_terms_days = 30
    certificate_signatory_name = "Dr Ada Example"
    certificate_signatory_title = "Course director"
