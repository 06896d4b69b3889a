"""The retention rules bookings applies (bookings.services.retention), registered with
cms.retention in BookingsConfig.ready() so that the privacy notice states their periods."""

from cms.retention import RetentionRule, register_retention_rule

REQUIREMENTS = RetentionRule(
    name="requirements",
    what="Access and dietary requirements you gave for a place",
    after="the course’s last day",
    setting="RETENTION_REQUIREMENTS_DAYS",
)
UNPAID_ORDERS = RetentionRule(
    name="unpaid-orders",
    what="Names and email addresses on a booking that was never paid for",
    after="the place was released",
    setting="RETENTION_UNPAID_ORDER_DAYS",
)
WAITING_LIST = RetentionRule(
    name="waiting-list",
    what="Waiting-list entries",
    after="the course’s last day",
    setting="RETENTION_WAITING_LIST_DAYS",
)
RULES = (REQUIREMENTS, UNPAID_ORDERS, WAITING_LIST)


def register():
    for rule in RULES:
        register_retention_rule(rule)
