"""Site-wide values that staff edit in Wagtail and templates read through `settings`."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    provider_name = models.CharField(
        max_length=200, default="Psychological Medicine Education Partnership"
    )
    provider_address = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    vat_number = models.CharField("VAT number", max_length=30, blank=True)
    vat_rate_percent = models.DecimalField(
        "VAT rate (%)",
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text="0 where the training is exempt from VAT (education by an eligible body).",
    )
    invoice_terms_days = models.PositiveSmallIntegerField(
        "invoice payment terms (days)", default=30
    )
    invoice_payment_instructions = models.TextField(
        blank=True, help_text="Bank details and remittance instructions printed on invoices."
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
                FieldPanel("vat_rate_percent"),
                FieldPanel("invoice_terms_days"),
                FieldPanel("invoice_payment_instructions"),
            ],
            heading="Invoices",
        ),
        MultiFieldPanel(
            [
                FieldPanel("certificate_signatory_name"),
                FieldPanel("certificate_signatory_title"),
                FieldPanel("certificate_signature_image"),
            ],
            heading="Certificates",
        ),
    ]

    class Meta:
        verbose_name = "site settings"


def default_site_settings():
    """The settings of the default site, for code that runs without a request (tasks, PDFs)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()
