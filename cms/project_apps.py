"""The project's own apps, in river order, and the modules each may keep by convention
(`demo`, `invariants`): the shell finds them without naming an app (DESIGN.md)."""

import importlib
import importlib.util

from django.apps import apps

PROJECT_APPS = ("cms", "courses", "bookings", "learning", "certificates")


def project_modules(name):
    """Each project app's `<app>.<name>` module that exists, in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if app_config.name not in PROJECT_APPS:
            continue
        module_name = f"{app_config.name}.{name}"
        if importlib.util.find_spec(module_name) is not None:
            yield importlib.import_module(module_name)
