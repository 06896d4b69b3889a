"""What the site's header needs from bookings on every page."""

from cms import page_cache


def account_links(request):
    """Whether the header offers "Your organisation": kept per person until the next change
    (an organisation's managers changing is one), so not a query on every page."""
    user = getattr(request, "user", None)

    def manages_organisations():
        if user is None or not user.is_authenticated:
            return False
        return page_cache.kept(
            f"manages-organisations:{user.pk}", user.managed_organisations.exists
        )

    return {"manages_organisations": manages_organisations}
