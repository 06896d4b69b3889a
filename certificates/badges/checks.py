"""A system check: the site refuses to start with a signing key it cannot use, rather than
failing at the first learner's badge."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def signing_key_is_usable(app_configs, **kwargs):
    from certificates.badges.keys import signing_key

    try:
        signing_key()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="certificates.E001")]
    return []
