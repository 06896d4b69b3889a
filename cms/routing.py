"""Wagtail's routing from the site root in one query for the whole path.

Wagtail's own `Page.route` walks the URL one slug at a time, each step reading the child and
then its specific page: two queries a level, six for a module page. Every page stores its full
`url_path`, so the pages along the path can be read at once. The walk then goes on exactly as
Wagtail's would: a page whose class keeps `Page.route`, or a routable page none of whose own
routes takes the rest of the path, hands that rest to its child; any other page (a routable
page that takes it, or a class with its own `route`) routes it itself, as it would have.
"""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def route(root, request, components):
    """What `root.route(request, components)` returns with Wagtail's walk, in two queries."""
    prefixes = [root.url_path + "/".join(components[: n + 1]) + "/" for n in range(len(components))]
    pages = Page.objects.filter(path__startswith=root.path, url_path__in=prefixes)
    found = {page.url_path: page for page in pages}
    parent = root
    for n, prefix in enumerate(prefixes):
        page = found.get(prefix)
        if page is None:
            raise Http404
        # As Wagtail's walk does, so get_parent() costs nothing (a plain Page here, though).
        page._cached_parent_obj = parent
        rest = components[n + 1 :]
        if not rest or not hands_on(page, rest):
            return page.specific.route(request, rest)
        parent = page


def hands_on(page, rest):
    """Whether the page's own route() would pass `rest` to its child unchanged."""
    cls = page.specific_class
    if cls is None:
        return False
    if cls.route is Page.route:
        return True
    if cls.route is not RoutablePageMixin.route:
        return False
    if not page.live:  # a routable page tries its own routes only when live
        return True
    try:
        cls.get_resolver().resolve("/" + "/".join(rest) + "/")
    except Resolver404:
        return True
    return False
