"""What a page weighs as a browser fetches it (issue 11: a course page's HTML, CSS and
JavaScript together under 150 KB uncompressed), and what it asks the browser to wait for.

Shared by tests/demo/test_page_weight.py (through the test client and the static files
finders) and bench/bench_weight.py (over HTTP from the production-like server): each passes a
`fetch(url) -> bytes` for the files the page refers to.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

LIMIT_BYTES = 150 * 1024
# `import … from "x"`, `import "x"` and `export … from "x"`: a module's static imports, which
# the browser fetches before running it. (Dynamic import() is fetched only when it runs.)
STATIC_IMPORT = re.compile(
    r"""(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']"""
)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets, self.scripts, self.blocking, self.images = [], [], [], []
        self._picture_sources = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs["href"])
        elif tag == "script":
            self._script(attrs)
        elif tag == "picture":
            self._picture_sources = []
        elif tag == "source" and self._picture_sources is not None:
            self._picture_sources.append(attrs)
        elif tag == "img":
            self.images.append({**attrs, "sources": list(self._picture_sources or [])})

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture_sources = None

    def _script(self, attrs):
        module = attrs.get("type") == "module"
        if "src" in attrs:
            self.scripts.append((attrs["src"], module))
        # Classic scripts without defer or async stop the parser; inline ones always run at once
        # (JSON-LD and other data blocks are not scripts that run).
        runs = attrs.get("type") in (None, "", "module", "text/javascript")
        deferred = module or "defer" in attrs or "async" in attrs
        if runs and not (deferred and "src" in attrs):
            self.blocking.append(attrs.get("src") or "an inline script")


def parse(html):
    page = _Page()
    page.feed(html.decode() if isinstance(html, bytes) else html)
    return page


def module_imports(source, url):
    """The URLs a module script imports statically, resolved against its own URL."""
    return [urljoin(url, spec) for spec in STATIC_IMPORT.findall(source)]


def static_file(url):
    """A static file's bytes, found as the test server finds it: the tests' `fetch`."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL))
    assert found, f"the page refers to {url}, which is not a static file"
    return Path(found).read_bytes()


def weigh(path, html, fetch):
    """{"path", "html_bytes", "css_bytes", "js_bytes", "total_bytes"}: the page and every
    stylesheet and script it loads (module scripts with the modules they import)."""
    page = parse(html)
    css = sum(len(fetch(urljoin(path, href))) for href in page.stylesheets)
    js, queue, seen = 0, [(urljoin(path, src), module) for src, module in page.scripts], set()
    while queue:
        url, module = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        body = fetch(url)
        js += len(body)
        if module:
            queue.extend((imported, True) for imported in module_imports(body.decode(), url))
    return {
        "path": path,
        "html_bytes": len(html),
        "css_bytes": css,
        "js_bytes": js,
        "total_bytes": len(html) + css + js,
    }
