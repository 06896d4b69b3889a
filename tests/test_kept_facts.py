"""What every signed-in page keeps in the cache (cms.page_cache.kept) shows a change at once:
the footer's site settings, the header's organisation link, and whether a page is private."""

import pytest
from wagtail.models import PageViewRestriction

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
