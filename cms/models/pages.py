"""The site's own pages: the home page and general content pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms import page_cache, routing
from cms.blocks import BodyStreamBlock


class ViewRestrictionsWhenAnyMixin:
    """Wagtail checks the page's and its ancestors' view restrictions on every view (two
    queries); while no page on the site is private there is nothing to check."""

    def get_view_restrictions(self):
        if not page_cache.view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(Page):
    hero_heading = models.CharField(max_length=200, blank=True)
    hero_text = models.TextField(blank=True)
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    anonymous_page_cache = True  # cms.page_cache

    parent_page_types = ["wagtailcore.Page"]
    # By name, so that cms imports nothing downstream.
    subpage_types = ["cms.ContentPage", "courses.CourseIndexPage"]
    max_count = 1

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return routing.route(self, request, path_components)


class ContentPage(Page):
    anonymous_page_cache = True  # cms.page_cache
    summary = models.CharField(
        max_length=300, blank=True, help_text="One sentence shown under the title and in search."
    )
    body = StreamField(BodyStreamBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]
