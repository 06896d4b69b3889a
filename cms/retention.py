"""How long personal data is kept: one registry read by the retention tasks and the privacy
notice, so that what the notice promises and what the tasks delete cannot disagree.

An app that deletes personal data on a schedule defines a `RetentionRule` naming the setting
that holds its period (`RETENTION_*_DAYS` in cms/settings/base.py) and registers it in its
AppConfig.ready(); its service reads `rule.days`, and the privacy notice's "How long we keep
it" block (cms.blocks.RetentionPeriodsBlock) lists every registered rule with the same value.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class RetentionRule:
    name: str  # stable key
    what: str  # the data, as the notice names it
    after: str  # the event the period runs from, as the notice says it
    setting: str  # the settings name of the period in days

    @property
    def days(self):
        return int(getattr(settings, self.setting))

    @property
    def period(self):
        """The period as the notice states it ("30 days", "1 day")."""
        return f"{self.days} day{'' if self.days == 1 else 's'}"


_rules = {}


def register_retention_rule(rule):
    _rules[rule.name] = rule


def retention_rules():
    return list(_rules.values())
