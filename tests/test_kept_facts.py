"""What every signed-in page keeps in the cache (cms.page_cache.kept) shows a change at once:
the footer's site settings, the header's organisation link, and whether a page is private."""

import pytest
from wagtail.models import PageViewRestriction, Site

from cms import page_cache
from cms.models import SiteSettings
from tests.factories.bookings import OrganisationFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site):
    return CoursePageFactory(parent=CourseIndexPageFactory(parent=site))


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_footer_shows_edited_settings_at_once(client, user, site):
    client.force_login(user)
    assert "Psychological Medicine Education Partnership" in html(client, "/")
    settings = SiteSettings.for_site(site.get_site())
    settings.provider_name = "Northfield Teaching Hospitals"
    settings.save()
    assert "Northfield Teaching Hospitals" in html(client, "/")


def test_the_organisation_link_follows_the_managers(client, user, site):
    client.force_login(user)
    assert "Your organisation</a>" not in html(client, "/")
    organisation = OrganisationFactory()
    organisation.managers.add(user)
    assert "Your organisation</a>" in html(client, "/")
    organisation.managers.remove(user)
    assert "Your organisation</a>" not in html(client, "/")


def test_a_page_made_private_is_private_at_once(client, user, course):
    client.force_login(user)
    assert course.title in html(client, course.url)
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="staff-only"
    )
    page = html(client, course.url)
    assert 'name="password"' in page and "Mental health skills" not in page.split("<main")[-1]


class CountingCache:
    """The cache, counting the reads of the page cache's version."""

    def __init__(self, cache):
        self.cache, self.version_reads = cache, 0

    def get(self, key, *args, **kwargs):
        self.version_reads += key == page_cache.VERSION_KEY
        return self.cache.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_request_reads_the_version_once_however_many_facts_it_keeps(
    client, user, site, monkeypatch
):
    client.force_login(user)
    html(client, "/")
    counting = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", counting)
    html(client, "/")  # the footer's settings, the menu, the site, the organisation link
    assert counting.version_reads == 1


def test_a_change_another_process_made_shows_on_the_next_request(client, user, site):
    client.force_login(user)
    html(client, "/")
    # As another process would: the row changed there, and the version it wrote.
    SiteSettings.objects.update(provider_name="Northfield Teaching Hospitals")
    page_cache.cache.set(page_cache.VERSION_KEY, "another-process")
    assert "Northfield Teaching Hospitals" in html(client, "/")


def test_the_site_is_found_without_a_query_and_follows_its_changes(client, user, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    html(client, "/")
    with CaptureQueriesContext(connection) as queries:
        html(client, "/")
    assert not [q for q in queries if "wagtailcore_site" in q["sql"]]
    wagtail_site = site.get_site()
    wagtail_site.site_name = "Renamed"
    wagtail_site.save()
    assert Site.find_for_request(client.get("/").wsgi_request).site_name == "Renamed"


def test_each_caller_gets_its_own_copy_of_the_kept_settings(site):
    first = SiteSettings.for_site(site.get_site())
    first.provider_name = "Changed in memory only"
    first._request = object()  # as Wagtail's for_request does
    again = SiteSettings.for_site(site.get_site())
    assert again is not first and again.provider_name != "Changed in memory only"
    assert not hasattr(again, "_request")
