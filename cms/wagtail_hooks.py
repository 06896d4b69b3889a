"""Wagtail hooks of the site shell."""

from wagtail import hooks

from cms import page_cache


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """Pages whose class opts in (`anonymous_page_cache = True`) may be kept for anonymous
    visitors, unless an editor has restricted who may see them."""
    if getattr(page.specific_class, "anonymous_page_cache", False) and not (
        page.get_view_restrictions().exists()
    ):
        page_cache.allow(request)
