"""Security headers Django does not set itself.

Content Security Policy: the site's strict policy everywhere, and a looser one for the
Wagtail admin only (ADMIN_CONTENT_SECURITY_POLICY, for paths under ADMIN_CSP_PREFIX).

Why the admin has its own: Wagtail 8's admin runs inline scripts (the explorer, the page
editor: tests/browser/test_admin_csp.py shows them blocked under script-src 'self'), its
core script compiles templates with `new Function`, its editor sets inline styles, and it
frames its own previews. So the admin needs 'unsafe-inline', 'unsafe-eval' and framing by
'self'. Those words never reach the public site: a learner's pages keep scripts and styles
to the site's own files. The admin is staff-only, behind MFA, and keeps every other
directive of the site (no plug-ins, forms and connections to the site only, images from the
site or made in the page, no framing by other sites).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        in_admin = request.path_info.startswith(settings.ADMIN_CSP_PREFIX)
        if admin and in_admin and not report_only and parts.config is None:
            parts.config = admin["DIRECTIVES"]
            parts.nonce = None  # a nonce would switch 'unsafe-inline' off
        return parts


class PermissionsPolicyMiddleware:
    """Switches off browser features no page of the site uses (PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
