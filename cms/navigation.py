"""The header's top navigation, shared by every visitor and kept with the page cache."""

from wagtail.models import Page, Site

from cms import page_cache


def top_navigation(request):
    """The home page's live children marked 'show in menus', for the header. The same for
    everyone, so kept under the page cache's version: a page published, moved or taken out
    of the menu makes it stale at once, as it does every cached page."""
    site = Site.find_for_request(request)
    if site is None:
        return []

    def menu():
        pages = Page.objects.child_of(site.root_page).live().in_menu()
        return [{"title": page.title, "url": page.get_url(request)} for page in pages]

    items = page_cache.kept(f"top-navigation:{site.pk}", menu)
    return [{**item, "current": request.path.startswith(item["url"])} for item in items]
