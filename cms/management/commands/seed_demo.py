"""Build the demo site: each installed app's `demo.seed(scale=...)`, in INSTALLED_APPS order.

Idempotent: running it again changes nothing that is already there. The command knows no app
by name (DESIGN.md): it finds `demo` modules in the project's own apps.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.project_apps import project_modules


def demo_modules():
    return project_modules("demo")


class Command(BaseCommand):
    help = "Create (or top up) the demo site's content, users and records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Create N times the records (cohorts, bookings, attempts), for benchmarks.",
        )

    def handle(self, *args, scale, **options):
        if scale < 1:
            self.stderr.write("--scale must be 1 or more.")
            return
        report = []
        for module in demo_modules():
            with transaction.atomic():
                lines = module.seed(scale=scale) or []
            report.extend(lines)
        for line in report:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Demo ready at {settings.SITE_URL}/"))
