from django.conf import settings


def site_shell(request):
    """What the base template needs on every page: the site's name and its top navigation."""
    from cms.navigation import top_navigation

    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "top_navigation": lambda: top_navigation(request),
    }
