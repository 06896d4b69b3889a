"""Site-wide values that staff edit in Wagtail and templates read through `settings`."""

import copy

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.validators import validate_vat_number


class VatTreatment(models.TextChoices):
    """How VAT falls on a kind of supply. Education by an eligible body (a university) is
    exempt; a commercial provider charges the standard rate; catering and accommodation
    follow their own rules, so each kind of line has its own treatment."""

    EXEMPT = "exempt", "Exempt"
    STANDARD = "standard", "Standard rate"
    ZERO = "zero", "Zero rate"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    provider_name = models.CharField(
        max_length=200, default="Psychological Medicine Education Partnership"
    )
    provider_address = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    vat_number = models.CharField(
        "VAT number", max_length=30, blank=True, validators=[validate_vat_number]
    )
    standard_vat_rate_percent = models.DecimalField(
        "standard VAT rate (%)",
        max_digits=4,
        decimal_places=1,
        default=20,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    course_vat_treatment = models.CharField(
        "VAT on course fees",
        max_length=10,
        choices=VatTreatment.choices,
        default=VatTreatment.EXEMPT,
        help_text="Exempt for education by an eligible body such as a university; a course "
        "page can set its own.",
    )
    catering_vat_treatment = models.CharField(
        "VAT on catering", max_length=10, choices=VatTreatment.choices, default="standard"
    )
    accommodation_vat_treatment = models.CharField(
        "VAT on accommodation", max_length=10, choices=VatTreatment.choices, default="standard"
    )
    invoice_terms_days = models.PositiveSmallIntegerField(
        "invoice payment terms (days)", default=30
    )
    invoice_payment_instructions = models.TextField(
        blank=True, help_text="Bank details and remittance instructions printed on invoices."
    )
    bank_account_name = models.CharField(max_length=140, blank=True)
    bank_sort_code = models.CharField(
        max_length=8,
        blank=True,
        # [0-9], not \d: \d takes other scripts' digits too, which no bank's systems read.
        validators=[
            RegexValidator(r"^[0-9]{2}-?[0-9]{2}-?[0-9]{2}\Z", "Enter a sort code like 12-34-56.")
        ],
    )
    bank_account_number = models.CharField(
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}\Z", "Enter an account number of 8 digits.")],
    )
    certificate_trust_name = models.CharField(
        "NHS trust",
        max_length=200,
        blank=True,
        help_text="The NHS trust of the partnership, named on certificates as an issuer.",
    )
    certificate_university_name = models.CharField(
        "university",
        max_length=200,
        blank=True,
        help_text="The university of the partnership, named on certificates as an issuer.",
    )
    certificate_signatory_name = models.CharField(max_length=200, blank=True)
    certificate_signatory_title = models.CharField(max_length=200, blank=True)
    certificate_signature_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("provider_name"),
                FieldPanel("provider_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading="Provider",
        ),
        MultiFieldPanel(
            [
                FieldPanel("vat_number"),
                FieldPanel("standard_vat_rate_percent"),
                FieldPanel("course_vat_treatment"),
                FieldPanel("catering_vat_treatment"),
                FieldPanel("accommodation_vat_treatment"),
                FieldPanel("invoice_terms_days"),
                FieldPanel("invoice_payment_instructions"),
                FieldPanel("bank_account_name"),
                FieldPanel("bank_sort_code"),
                FieldPanel("bank_account_number"),
            ],
            heading="Invoices",
        ),
        MultiFieldPanel(
            [
                FieldPanel("certificate_trust_name"),
                FieldPanel("certificate_university_name"),
                FieldPanel("certificate_signatory_name"),
                FieldPanel("certificate_signatory_title"),
                FieldPanel("certificate_signature_image"),
            ],
            heading="Certificates",
        ),
    ]

    class Meta:
        verbose_name = "site settings"

    @classmethod
    def for_site(cls, site):
        """Every page's footer shows them: read once per change, not once per request. A
        copy of the kept instance: Wagtail's for_request sets the request on it."""
        from cms import page_cache

        kept = page_cache.kept(
            f"site-settings:{site.pk}", lambda: super(SiteSettings, cls).for_site(site)
        )
        return copy.copy(kept)


def default_site_settings():
    """The settings of the default site, for code that runs without a request (tasks, PDFs)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()
