"""My learning's certificate panel: what each cohort has earned and what is still missing.
Every cohort's status is read at once on the first use in a page (see dashboard_statuses)."""

from types import SimpleNamespace

from django import template

from certificates.selectors import dashboard_statuses

register = template.Library()


def statuses(context):
    """The learner's statuses, read once per request: from the facts My learning has read
    (`learner_facts` in its context; None when the learner has no confirmed place)."""
    request = context["request"]
    if not hasattr(request, "_certificate_statuses"):
        facts = context.get("learner_facts")
        if facts is None and "learner_facts" in context:
            request._certificate_statuses = {}  # no confirmed place, so nothing to show
        else:
            request._certificate_statuses = dashboard_statuses(request.user, facts=facts)
    return request._certificate_statuses


@register.simple_tag(takes_context=True)
def certificate_status(context, cohort):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    found = statuses(context).get(cohort.pk)
    if found is None:
        return None
    result, certificates = found
    return SimpleNamespace(progress=result, certificates=certificates)


@register.simple_tag(takes_context=True)
def has_certificates(context):
    """Whether the learner holds a valid certificate (for the CPD record link), from the
    statuses read once per page."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return any(
        certificate.status == "valid"
        for _, certificates in statuses(context).values()
        for certificate in certificates
    )
