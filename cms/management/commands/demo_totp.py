"""Print the current MFA code of a demo staff user, so the MFA rule can be tried without a phone."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.models import User


def current_code(secret):
    import time

    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo account (not in production)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on (the demo).")
        user = User.objects.filter(email=email.lower()).first()
        auth = user and Authenticator.objects.filter(user=user, type="totp").first()
        if not auth:
            raise CommandError(f"{email} has no authenticator app set up.")
        self.stdout.write(current_code(decrypt(auth.data["secret"])))
