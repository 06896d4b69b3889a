"""cms.routing: the home page routes a path in one query for the whole path, and finds what
Wagtail's own walk, a slug at a time, finds: the page, a routable page's own route, a 404."""

import pytest
from django.http import Http404
from wagtail.models import Page

from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory
from tests.factories.learning import ModulePageFactory

pytestmark = pytest.mark.django_db


def both(home, request, components):
    """(our route, Wagtail's walk) as comparable tuples, or "404"."""
    found = []
    for route in (home.route, lambda r, c: Page.route(home, r, c)):
        try:
            page, args, kwargs = route(request, list(components))
        except Http404:
            found.append("404")
            continue
        view = args[0].__name__ if args else None
        found.append((type(page), page.pk, view, args[1:] if args else (), kwargs))
    return found


@pytest.mark.parametrize(
    "path",
    [
        "courses",
        "courses/dates",  # CourseIndexPage's own route
        "courses/five-day-course",
        "courses/five-day-course/phq-9",
        "courses/draft-course/phq-9",  # a draft course's live module: Wagtail serves it
        "courses/draft-course",
        "courses/five-day-course/no-such-module",
        "courses/five-day-course/phq-9/extra",
        "no-such-page",
    ],
)
def test_routing_finds_what_wagtails_walk_finds(rf, site, path):
    index = CourseIndexPageFactory(parent=site, slug="courses")
    course = CoursePageFactory(parent=index, slug="five-day-course")
    ModulePageFactory(parent=course, slug="phq-9")
    draft = CoursePageFactory(parent=index, slug="draft-course")
    ModulePageFactory(parent=draft, slug="phq-9")
    draft.unpublish()
    home = Page.objects.get(pk=site.pk).specific
    ours, wagtails = both(home, rf.get("/"), path.split("/"))
    assert ours == wagtails, path


def test_a_module_page_is_routed_in_two_queries(rf, site, django_assert_num_queries):
    index = CourseIndexPageFactory(parent=site, slug="courses")
    course = CoursePageFactory(parent=index, slug="five-day-course")
    module = ModulePageFactory(parent=course, slug="phq-9")
    home = Page.objects.get(pk=site.pk).specific
    with django_assert_num_queries(2):  # the pages on the path, then the module's own row
        page, _, _ = home.route(rf.get("/"), ["courses", "five-day-course", "phq-9"])
    assert page == module
    with django_assert_num_queries(0):  # each page's parent is left on it, as Wagtail does
        assert page.get_parent().get_parent().pk == index.pk
