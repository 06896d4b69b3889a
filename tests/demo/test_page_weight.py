"""Issue 11 §7, page weight: the demo's course page, with its HTML and every stylesheet and
script it loads, stays under 150 KB uncompressed; no script holds up rendering; and an image
on it is served as Wagtail renditions (AVIF and WebP, a JPEG fallback) at the widths shown,
never the uploaded original. Sizes are counted, not timed. `make bench` prints the same figure
from the production-like server (bench/bench_weight.py)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.staticfiles import finders

from courses.models import CoursePage
from tests.page_weight import LIMIT_BYTES, parse, weigh

pytestmark = pytest.mark.django_db

# The figure is shown at most 640 CSS pixels wide (cms/blocks/image.html): two device pixels
# per CSS pixel is the most worth sending.
WIDEST_RENDITION = 1280


def static_file(url):
    path = urlsplit(url).path.removeprefix(settings.STATIC_URL)
    found = finders.find(path)
    assert found, f"the page refers to {url}, which is not a static file"
    return Path(found).read_bytes()


def course_page():
    return CoursePage.objects.live().get(slug="five-day-course")


def test_the_course_page_weighs_under_150_kb(demo, client):
    page = course_page()
    response = client.get(page.url)
    assert response.status_code == 200
    weight = weigh(page.url, response.content, static_file)
    assert weight["css_bytes"] and weight["js_bytes"], weight
    assert weight["total_bytes"] < LIMIT_BYTES, (
        f"the course page weighs {weight['total_bytes']:,} bytes (HTML, CSS and JS), over "
        f"{LIMIT_BYTES:,}: {weight}. Trim the page, or the NHS.UK build (frontend/nhsuk.scss)"
    )


def test_no_script_holds_up_rendering(demo, client):
    html = client.get(course_page().url).content
    assert parse(html).scripts, "the page should load the NHS.UK frontend script"
    assert parse(html).blocking == [], "scripts should be modules, or defer or async"


def test_the_favicon_is_a_static_file(demo, client):
    html = client.get(course_page().url).content.decode()
    assert 'rel="icon"' in html
    href = html.split('rel="icon" href="', 1)[1].split('"', 1)[0]
    assert static_file(href).startswith(b"<svg")


def srcset_urls(srcset):
    """[(url, width)] of a srcset of `url 640w` candidates."""
    candidates = [c.strip().rsplit(" ", 1) for c in srcset.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in candidates]


def test_an_image_on_the_course_page_is_served_as_modern_renditions(demo, client):
    page = course_page()
    image = wagtail_factories.ImageFactory(
        title="Trainers at a workshop", file__width=2000, file__height=1200
    )
    page.body.append(("image", {"image": image, "alt_text": "A workshop", "caption": ""}))
    page.save_revision().publish()

    images = parse(client.get(page.url).content).images
    assert len(images) == 1
    img = images[0]
    assert img["alt"] == "A workshop" and img.get("sizes")
    assert {s["type"] for s in img["sources"]} == {"image/avif", "image/webp"}
    assert all(s.get("sizes") == img["sizes"] for s in img["sources"])

    renditions = {r.url: r for r in image.renditions.all()}
    served = [(img["src"], None), *srcset_urls(img["srcset"])]
    for source in img["sources"]:
        served += srcset_urls(source["srcset"])
    assert image.file.url not in {url for url, _ in served}, "the original must not be served"
    for url, width in served:
        assert url in renditions, f"{url} is not a rendition of the image"
        assert width is None or renditions[url].width == width
    assert max(r.width for r in renditions.values()) <= WIDEST_RENDITION
    formats = {Path(urlsplit(url).path).suffix for url, _ in served}
    assert formats == {".avif", ".webp", ".jpg"}
