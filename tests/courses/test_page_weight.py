"""Issue 11's page weight: the course page's HTML, CSS and JavaScript, no render-blocking
script, and static files that production serves hashed, so browsers keep them for good."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from tests.factories.courses import CohortFactory
from tests.test_settings import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db
BUDGET_BYTES = 150 * 1024


class Assets(HTMLParser):
    """The stylesheets and scripts a page asks for, and the scripts that block rendering."""

    def __init__(self):
        super().__init__()
        self.files, self.blocking, self.in_head = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_head = self.in_head or tag == "head"
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.files.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.files.append(attrs["src"])
            deferred = attrs.get("type") == "module" or "defer" in attrs or "async" in attrs
            if self.in_head and not deferred:
                self.blocking.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def static_size(url, seen):
    """The file's bytes plus those of the modules it imports (each counted once)."""
    name = url.removeprefix("/static/")
    if name in seen:
        return 0
    seen.add(name)
    path = finders.find(name)
    assert path, f"{url} is not a static file"
    with open(path, "rb") as handle:
        data = handle.read()
    size = len(data)
    if name.endswith((".mjs", ".js")):
        folder = name.rsplit("/", 1)[0]
        for imported in re.findall(rb"""import[^'"]*['"](\.{1,2}/[^'"]+)['"]""", data):
            size += static_size(resolve(folder, imported.decode()), seen)
    return size


def resolve(folder, relative):
    parts = folder.split("/")
    for piece in relative.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/static/" + "/".join(parts)


@pytest.fixture
def course_page(client, catalogue):
    _, five, _ = catalogue
    for _ in range(3):  # a course with dates, as the catalogue shows them
        CohortFactory(course=five)
    response = client.get(five.url)
    assert response.status_code == 200
    return response.content


def assets(html):
    parser = Assets()
    parser.feed(html.decode())
    return parser


def test_no_script_blocks_rendering(course_page):
    parsed = assets(course_page)
    assert parsed.files, "the page links no stylesheet or script at all?"
    assert parsed.blocking == []


@pytest.mark.xfail(
    strict=True,
    reason="NHS.UK frontend's whole stylesheet is 271 KB on its own; meeting the budget needs "
    "a stylesheet built from the components the site uses (measured 2 December 2026).",
)
def test_the_course_page_weighs_under_150_kb(course_page):
    seen = set()
    total = len(course_page) + sum(static_size(url, seen) for url in assets(course_page).files)
    assert total < BUDGET_BYTES, f"{total / 1024:.0f} KB"


def test_production_serves_hashed_static_files_for_far_future_caching():
    """WhiteNoise sends far-future, immutable headers for the manifest's hashed names."""
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    backend = result.stdout.strip().splitlines()[-1]  # after the shell's auto-import note
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
