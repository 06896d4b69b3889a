"""Which VAT applies to a line: the treatment of its kind of supply, set per course for
course fees and site-wide for catering and accommodation."""

from dataclasses import dataclass
from decimal import Decimal

from cms.models.settings import VatTreatment, default_site_settings

# Peppol BIS 3.0 asks an exempt line for the reason, in words and as a VATEX code.
EXEMPTION_REASON = "Exempt: education supplied by an eligible body (VAT Act 1994, Sch 9 Grp 6)"
EXEMPTION_CODE = "VATEX-EU-132-1I"


@dataclass(frozen=True)
class VatRate:
    category: str  # UNCL5305: S standard, Z zero, E exempt
    percent: Decimal

    @property
    def label(self):
        return {"E": "Exempt", "Z": "0%"}.get(self.category, f"{self.percent.normalize():f}%")


def rate_for(treatment, site=None):
    site = site or default_site_settings()
    if treatment == VatTreatment.STANDARD:
        return VatRate("S", Decimal(site.standard_vat_rate_percent))
    if treatment == VatTreatment.ZERO:
        return VatRate("Z", Decimal(0))
    return VatRate("E", Decimal(0))


def course_rate(course, site=None):
    """The VAT on a course's fee: the course's own treatment, else the site's."""
    site = site or default_site_settings()
    return rate_for(course.vat_treatment or site.course_vat_treatment, site)


def line_rate(kind, course, site=None):
    site = site or default_site_settings()
    if kind == "catering":
        return rate_for(site.catering_vat_treatment, site)
    if kind == "accommodation":
        return rate_for(site.accommodation_vat_treatment, site)
    return course_rate(course, site)
