"""The trainers' workspace in the Wagtail admin: "My cohorts", then one page per cohort with
a tab for each thing a trainer does on it — roster, register, progress, evaluation,
certificates, materials, messages.

Each tab belongs to the app that owns its data and registers itself here from its
AppConfig.ready() (`register_tab`), so this module knows none of them by name and certificates
can add its tabs without learning importing it. A tab's page extends
`learning/admin/workspace/base.html` with `workspace_context(...)`, which brings the tab bar.
Who sees a cohort is decided once, by `courses.services.visible_cohorts`: its trainers, and
staff who manage cohorts.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from courses.services import visible_cohorts

WORKSPACE_PERMISSION = "courses.view_cohort"


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url_name: str  # takes the cohort's id
    order: int
    permission: str = ""  # also needed, beyond seeing the cohort


_tabs = {}


def register_tab(tab):
    _tabs[tab.key] = tab


def first_tab():
    return min(_tabs.values(), key=lambda tab: tab.order)


def workspace_cohorts(user):
    """The cohorts whose workspace the user may open; PermissionDenied for anyone else."""
    if not user.has_perm(WORKSPACE_PERMISSION):
        raise PermissionDenied
    return visible_cohorts(user).select_related("course")


def tabs_for(user, cohort, current):
    tabs = sorted(_tabs.values(), key=lambda tab: tab.order)
    return [
        {
            "label": tab.label,
            "url": reverse(tab.url_name, args=[cohort.pk]),
            "current": tab.key == current,
        }
        for tab in tabs
        if not tab.permission or user.has_perm(tab.permission)
    ]


def workspace_context(request, cohort, current, **context):
    return {"cohort": cohort, "tabs": tabs_for(request.user, cohort, current), **context}
