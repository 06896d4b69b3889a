"""Issue 11's page weight: the course page's HTML, CSS and JavaScript under 150 KB, no
render-blocking script, images served as Wagtail renditions in modern formats at the size
shown, and static files that production serves hashed, so browsers keep them for good.
Sizes are counted, not timed (tests/page_weight.py; tests/demo/test_page_weight.py weighs the
demo's course page, bench/bench_weight.py the production server's)."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import wagtail_factories

from courses.selectors import COURSE_PAGE_DATES
from tests.factories.courses import CohortFactory
from tests.page_weight import LIMIT_BYTES, parse, static_file, weigh
from tests.test_settings import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db

# cms/blocks/image.html shows a figure at most 640 CSS pixels wide: two device pixels per CSS
# pixel is the most worth sending.
WIDEST_RENDITION = 1280


@pytest.fixture
def course(catalogue):
    _, five, _ = catalogue
    for _ in range(3):  # a course with dates, as the catalogue shows them
        CohortFactory(course=five)
    return five


@pytest.fixture
def course_page(client, course):
    response = client.get(course.url)
    assert response.status_code == 200
    return response.content


def test_no_script_blocks_rendering(course_page):
    page = parse(course_page)
    assert page.stylesheets and page.scripts, "the page links no stylesheet or script at all?"
    assert page.blocking == []


def test_the_course_page_weighs_under_150_kb(course, course_page):
    weight = weigh(course.url, course_page, static_file)
    assert weight["total_bytes"] < LIMIT_BYTES, weight


def test_the_course_page_weighs_the_same_with_many_dates(client, course):
    """It lists the next few dates and links to the rest, so its weight stops growing."""

    def add_dates(count):
        for _ in range(count):
            last = course.cohorts.order_by("-start_date").first().start_date
            CohortFactory(course=course, start_date=last + timedelta(weeks=1))
        return client.get(course.url).content

    few = add_dates(COURSE_PAGE_DATES - course.cohorts.count())  # as many as it shows
    many = add_dates(25 - COURSE_PAGE_DATES)
    assert weigh(course.url, many, static_file)["total_bytes"] < LIMIT_BYTES
    assert b"All 25 upcoming dates for" in many
    assert len(many) - len(few) < 200, "dates past the first few add only the link to them"


def test_the_favicon_is_a_static_file(course_page):
    html = course_page.decode()
    href = html.split('rel="icon" href="', 1)[1].split('"', 1)[0]
    assert static_file(href).startswith(b"<svg")


def srcset_urls(srcset):
    """[(url, width)] of a srcset of `url 640w` candidates."""
    candidates = [candidate.strip().rsplit(" ", 1) for candidate in srcset.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in candidates]


def test_an_image_is_served_as_modern_renditions_at_the_size_shown(client, course):
    image = wagtail_factories.ImageFactory(file__width=2000, file__height=1200)
    course.body.append(("image", {"image": image, "alt_text": "A workshop", "caption": ""}))
    course.save_revision().publish()

    [img] = parse(client.get(course.url).content).images
    assert img["alt"] == "A workshop" and img.get("sizes")
    assert {source["type"] for source in img["sources"]} == {"image/avif", "image/webp"}
    assert all(source.get("sizes") == img["sizes"] for source in img["sources"])

    renditions = {rendition.url: rendition for rendition in image.renditions.all()}
    served = [(img["src"], None), *srcset_urls(img["srcset"])]
    for source in img["sources"]:
        served += srcset_urls(source["srcset"])
    assert image.file.url not in {url for url, _ in served}, "never the uploaded original"
    for url, width in served:
        assert url in renditions, f"{url} is not a rendition of the image"
        assert width is None or renditions[url].width == width
    assert max(rendition.width for rendition in renditions.values()) <= WIDEST_RENDITION
    assert {Path(urlsplit(url).path).suffix for url, _ in served} == {".avif", ".webp", ".jpg"}


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
