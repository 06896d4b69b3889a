"""The public site: the demo's pages answer, the tree rules hold, seed_demo refuses a bad
scale (tests/demo/ checks what it makes), and the home page's query count does not grow with
the content."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import ContentPage, HomePage, User
from tests.factories import ContentPageFactory, HomePageFactory

pytestmark = pytest.mark.django_db


def test_demo_home_page(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert "cms/home_page.html" in [t.name for t in response.templates]
    assert response.context["page"].specific == HomePage.objects.get()


def test_every_demo_content_page(client, seeded):
    pages = ContentPage.objects.live()
    assert pages.count() >= 3, "the demo should have content pages"
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response.context["page"].pk == page.pk
        assert "cms/content_page.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("query", ["", "depression", "no-such-word-anywhere", "%27;--", "x" * 500])
def test_search(client, seeded, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response.context["query"] == query.strip()[:200]


def test_search_finds_a_demo_page(client, seeded):
    about = ContentPage.objects.get(slug="about")
    response = client.get("/search/", {"q": about.title})
    assert about.pk in [p.pk for p in response.context["results"]]


def test_search_page_out_of_range_falls_back_to_the_first(client, seeded):
    response = client.get("/search/", {"q": "course", "page": "999"})
    assert response.status_code == 200
    assert response.context["results"].number == 1


def test_sitemap_lists_the_live_pages(client, seeded):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    body = response.content.decode()
    for page in ContentPage.objects.live():
        assert f"{page.url}</loc>" in body


def test_robots_txt(client, seeded):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("path", ["/no-such-page/", "/about/no-such-child/"])
def test_unknown_url_is_a_404_with_the_sites_template(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_draft_pages_are_not_served(client, site):
    ContentPageFactory(parent=site, slug="published")
    ContentPageFactory(parent=site, slug="draft", live=False)
    assert client.get("/published/").status_code == 200
    assert client.get("/draft/").status_code == 404


class TestPageTree(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_content_pages_under_home_and_content_pages(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(Page, ContentPage)
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))
        HomePageFactory.as_site_root()
        self.assertFalse(HomePage.can_create_at(root))  # max_count = 1


def test_seed_demo_refuses_a_scale_below_one(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-test-password")
    call_command("seed_demo", "--scale", "0")
    assert "--scale must be 1 or more." in capsys.readouterr().err
    assert not User.objects.exists()


def home_page_queries(client):
    client.get("/")  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries)


def test_home_page_query_count_does_not_grow_with_content(
    client, site, django_assert_max_num_queries
):
    for _ in range(3):
        ContentPageFactory(parent=site)
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
    few = home_page_queries(client)

    for _ in range(12):
        parent = ContentPageFactory(parent=site)
        ContentPageFactory(parent=parent)
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
    assert home_page_queries(client) == few
