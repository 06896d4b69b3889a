"""The site's invariants: what must hold in its database whatever happened, gathered from
each project app's `invariants.CHECKS` ({name: function returning violations}) in river
order. The shell knows no app by name (DESIGN.md)."""

from cms.project_apps import project_modules


def all_checks():
    checks = {}
    for module in project_modules("invariants"):
        checks.update(module.CHECKS)
    return checks


def check_invariants():
    """{check name: [violation, ...]}: an empty list means the invariant holds."""
    return {name: check() for name, check in all_checks().items()}
