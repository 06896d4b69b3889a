"""The staff groups — Trainers, Finance and Research — and what each may do.

Each app says in its AppConfig.ready() which of its permissions a group gets
(`grant("Finance", "bookings.manage_order")`); after every migrate the groups are made or
brought up to date, so production has them as the demo does. Admins are superusers.
"""

from django.contrib.auth.models import Group, Permission

STAFF_GROUPS = ("Trainers", "Finance", "Research")
_grants = {name: {"wagtailadmin.access_admin"} for name in STAFF_GROUPS}


def grant(group, *permissions):
    _grants[group].update(permissions)


def sync_groups(**kwargs):
    for name, wanted in _grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label in wanted:
            app_label, codename = label.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:  # absent only while the app's own migrations are still to run
                group.permissions.add(permission)
