"""Build the demo site: each installed app's `demo.seed(scale=...)`, in INSTALLED_APPS order.

Idempotent: running it again changes nothing that is already there. The command knows no app
by name (DESIGN.md): it finds `demo` modules in the project's own apps.
"""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

PROJECT_APPS = ("cms", "courses", "bookings", "learning", "certificates")


def demo_modules():
    for app_config in apps.get_app_configs():
        if app_config.name not in PROJECT_APPS:
            continue
        module_name = f"{app_config.name}.demo"
        if importlib.util.find_spec(module_name) is not None:
            yield importlib.import_module(module_name)


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
