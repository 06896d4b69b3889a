"""Services for a learner's own account: what we hold about them, and erasing it."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from cms.erasure import with_defaults
from cms.signals import account_erasing, personal_data_requested

PROFILE_FIELDS = [
    "email",
    "first_name",
    "last_name",
    "certificate_name",
    "profession",
    "job_title",
    "organisation",
    "registration_body",
    "registration_number",
    "staff_number",
]


def export_personal_data(*, user):
    """Everything the platform holds about `user`, as a JSON-serialisable dict: the account
    here, and each downstream app's section from its `personal_data_requested` receiver
    (tests/test_privacy_export.py fails for any model related to the user that is neither
    exported nor listed there as not personal data)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            **{field: getattr(user, field) for field in PROFILE_FIELDS},
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "authenticators": sorted(user.authenticator_set.values_list("type", flat=True)),
    }
    personal_data_requested.send(sender=type(user), user=user, data=data)
    return data


@transaction.atomic
def erase_account(*, user, choices=None):
    """Delete the account and its personal data.

    Downstream apps anonymise what must be kept (invoices are kept for six years) in their
    `account_erasing` receivers, inside this transaction, before the user row is deleted.
    `choices` are the learner's answers to the questions of `cms.erasure` (each one not
    given takes its default); the receivers get them as a keyword argument.
    """
    account_erasing.send(sender=type(user), user=user, choices=with_defaults(choices))
    user.delete()


def has_verified_email(user):
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )
