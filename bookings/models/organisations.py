"""Organisations: the employers (NHS trusts, GP practices, councils…) that book and pay for
their staff, with the nominated managers who look after those bookings."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from cms.validators import normalise_vat_number, validate_vat_number

# Trusts have 3 characters (RXX), their sites and most other bodies 5, GP practices 6
# (A81001): wider than 3–5, or no GP practice could give its own code.
ods_code_validator = RegexValidator(
    r"^[A-Z0-9]{3,6}$",
    "Enter an ODS code of 3 to 6 letters and numbers, like RXX or A81001.",
)
PO_PATTERN_RE = re.compile(r"^[A-Za-z0-9#/\- ,]+$")
DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def po_regex(pattern):
    """'4500######, PO-AAA###' -> one regular expression that matches either format."""

    def one(fmt):
        parts = {"#": "[0-9]", "A": "[A-Z]"}  # not \d: it also takes other scripts' digits
        return "".join(parts.get(c, re.escape(c)) for c in fmt.strip().upper())

    formats = [one(f) for f in pattern.split(",") if f.strip()]
    return re.compile("^(" + "|".join(formats) + ")$")


def po_problem(po_number, *, required, pattern, hint=""):
    po_number = po_number.strip().upper()
    if not po_number:
        return "Enter the purchase order number." if required else None
    if len(po_number) > 40:
        return "A purchase order number is at most 40 characters."
    if pattern and not po_regex(pattern).match(po_number):
        example = hint or f"like {pattern.split(',')[0].strip()} (# is a digit, A a letter)"
        return f"Enter the purchase order number in your organisation's format: {example}."
    return None


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    LOCAL_AUTHORITY = "local_authority", "Council or local authority"
    UNIVERSITY = "university", "University"
    PRIVATE = "private", "Private or independent provider"
    CHARITY = "charity", "Charity"
    OTHER = "other", "Other"


def parse_domains(text):
    """'riverside.nhs.uk, @Riverside.org' -> ['riverside.nhs.uk', 'riverside.org']."""
    parts = re.split(r"[\s,;]+", (text or "").strip().lower())
    return list(dict.fromkeys(p.lstrip("@") for p in parts if p.lstrip("@")))


def email_domain(email):
    return email.rpartition("@")[2].strip().lower()


class OrganisationQuerySet(models.QuerySet):
    def managed_by(self, user):
        """The organisations whose bookings `user` may see: all of them for Finance and admins
        (not for every member of staff: a trainer is a learner here)."""
        if user.is_staff and user.has_perm("bookings.view_order"):
            return self.all()
        return self.filter(managers=user)

    def for_email(self, email):
        """The one organisation that owns the email's domain, or None when none or several do
        (nhs.net, say, is shared by many trusts: guessing there would be worse than asking)."""
        domain = email_domain(email)
        if "." not in domain:
            return None
        # Match on the last two labels, so that mail.riverside.nhs.uk finds riverside.nhs.uk;
        # owns_email then keeps only the organisations that really own the address.
        stem = ".".join(domain.split(".")[-2:])
        found = [o for o in self.filter(email_domains__icontains=stem) if o.owns_email(email)]
        return found[0] if len(found) == 1 else None


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=30, choices=OrganisationKind.choices)
    ods_code = models.CharField(
        "ODS code",
        max_length=6,
        blank=True,
        validators=[ods_code_validator],
        help_text="The NHS Organisation Data Service code, if it has one: RXX, A81001.",
    )
    email_domains = models.TextField(
        blank=True,
        help_text="One per line, like riverside.nhs.uk. Its staff's email addresses end in "
        "these; passing a place on is allowed only to someone with one of them.",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_organisations",
        help_text="People who see all the organisation's bookings and can pass places on.",
    )
    # Billing: invoicing (issue 6) addresses invoices from these.
    billing_contact_name = models.CharField(max_length=200, blank=True)
    billing_email = models.EmailField(blank=True)
    address_line_1 = models.CharField("address line 1", max_length=200, blank=True)
    address_line_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    po_required = models.BooleanField(
        "purchase order required", default=False, help_text="Invoices must quote a PO number."
    )
    po_format_hint = models.CharField(
        "PO number format",
        max_length=200,
        blank=True,
        help_text="Shown to bookers, for example: 10 digits starting 4500.",
    )
    po_pattern = models.CharField(
        "PO number pattern",
        max_length=100,
        blank=True,
        help_text="Checked when a booker gives a PO: # for a digit, A for a letter, anything "
        "else as written; separate several with commas. For example: 4500######.",
    )
    vat_number = models.CharField(
        "VAT number", max_length=30, blank=True, validators=[validate_vat_number]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self):
        return parse_domains(self.email_domains)

    def owns_email(self, email):
        """Does the address end in one of our domains (or a subdomain of one)?"""
        domain = email_domain(email)
        return any(domain == d or domain.endswith("." + d) for d in self.domains)

    def po_problem(self, po_number):
        """Why the PO cannot be accepted for this organisation, or None."""
        return po_problem(
            po_number, required=self.po_required, pattern=self.po_pattern, hint=self.po_format_hint
        )

    def normalise(self):
        self.ods_code = self.ods_code.strip().upper()
        self.vat_number = normalise_vat_number(self.vat_number)
        self.postcode = self.postcode.strip().upper()
        self.email_domains = "\n".join(parse_domains(self.email_domains))

    def clean_fields(self, exclude=None):
        self.normalise()  # before the validators, so "rxx" is read as RXX
        super().clean_fields(exclude)

    def clean(self):
        if self.po_pattern and not PO_PATTERN_RE.match(self.po_pattern):
            raise ValidationError({"po_pattern": "Use only letters, digits, #, - / and commas."})
        bad = [d for d in self.domains if not DOMAIN_RE.match(d)]
        if bad:
            raise ValidationError(
                {"email_domains": f"Enter domains like riverside.nhs.uk, not {', '.join(bad)}."}
            )

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)
