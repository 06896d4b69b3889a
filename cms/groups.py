"""The staff groups — Trainers, Finance and Research — and what each may do.

Each app says in its AppConfig.ready() which of its permissions a group gets
(`grant("Finance", "bookings.manage_order")`); after every migrate the groups are made or
brought up to date, so production has them as the demo does. Admins are superusers.
"""

from django.apps import apps as installed_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

STAFF_GROUPS = ("Trainers", "Finance", "Research")
_grants = {name: {"wagtailadmin.access_admin"} for name in STAFF_GROUPS}


def grant(group, *permissions):
    _grants[group].update(permissions)


def sync_groups(app_config=None, **kwargs):
    # post_migrate is sent once per installed app, and each app's permissions exist only after
    # its own turn: the last app's signal is the one that sees them all (and a test database
    # flush then costs one pass, not one per app).
    if app_config is not None and app_config is not list(installed_apps.get_app_configs())[-1]:
        return
    for name, wanted in _grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        labels = Q()
        for label in wanted:
            app_label, codename = label.split(".")
            labels |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(labels))
