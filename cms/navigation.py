from wagtail.models import Page, Site


def top_navigation(request):
    """The home page's live children marked 'show in menus', for the header."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    items = []
    for page in Page.objects.child_of(site.root_page).live().in_menu():
        url = page.get_url(request)
        items.append({"title": page.title, "url": url, "current": request.path.startswith(url)})
    return items
