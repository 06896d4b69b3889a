"""My learning's certificate panel: what each cohort has earned and what is still missing.
Every cohort's status is read at once on the first use in a page (see dashboard_statuses)."""

from types import SimpleNamespace

from django import template

from certificates.selectors import dashboard_statuses

register = template.Library()


@register.simple_tag(takes_context=True)
def certificate_status(context, cohort):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    if not hasattr(request, "_certificate_statuses"):
        request._certificate_statuses = dashboard_statuses(request.user)
    found = request._certificate_statuses.get(cohort.pk)
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
    if not hasattr(request, "_certificate_statuses"):
        request._certificate_statuses = dashboard_statuses(request.user)
    return any(
        certificate.status == "valid"
        for _, certificates in request._certificate_statuses.values()
        for certificate in certificates
    )
