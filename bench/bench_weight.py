"""Benchmark: what the course page weighs as a browser fetches it (issue 11 §7: HTML, CSS and
JavaScript together under 150 KB uncompressed).

Fetches a course page from `bench.server.production_server` (gunicorn, DEBUG off, WhiteNoise's
manifest names, `seed_demo --scale BENCH_SCALE`, 10 by default), then every stylesheet and
script it loads, module imports included, once plainly and once as gzip (what WhiteNoise
sends a browser that asks). Sizes, not times: the figure does not depend on the machine's
load. tests/demo/test_page_weight.py holds the demo's (scale 1) page under the limit.

Prints one JSON object: {"benchmark": "weight", "path", "scale", "html_bytes", "css_bytes",
"js_bytes", "total_bytes", "limit_bytes", "gzip_bytes", "blocking_scripts"}.
"""

import gzip
import json
import os
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import production_server  # noqa: E402
from tests.page_weight import LIMIT_BYTES, parse, weigh  # noqa: E402

PATH = os.environ.get("BENCH_WEIGHT_PATH", "/courses/five-day-course/")
SCALE = int(os.environ.get("BENCH_SCALE", "10"))


def fetcher(base, wire=None):
    """fetch(url) -> the file's bytes. With `wire` (a dict), asks for gzip, as a browser does,
    and records what came over the wire for each URL."""
    headers = {"Accept-Encoding": "gzip"} if wire is not None else {}

    def fetch(url):
        request = urllib.request.Request(base + url, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            assert response.status == 200, (url, response.status)
            body = response.read()
            if wire is None:
                return body
            wire[url] = len(body)
            zipped = response.headers.get("Content-Encoding") == "gzip"
            return gzip.decompress(body) if zipped else body

    return fetch


def main():
    with production_server(scale=SCALE) as base:
        html = fetcher(base)(PATH)
        weight = weigh(PATH, html, fetcher(base))
        # The same files as WhiteNoise sends them to a browser that accepts gzip; the page
        # itself compressed here (the server leaves dynamic pages to the proxy).
        wire = {}
        weigh(PATH, html, fetcher(base, wire))
        gzip_bytes = len(gzip.compress(html)) + sum(wire.values())
    print(
        json.dumps(
            {
                "benchmark": "weight",
                **weight,
                "scale": SCALE,
                "limit_bytes": LIMIT_BYTES,
                "gzip_bytes": gzip_bytes,
                "blocking_scripts": parse(html).blocking,
            }
        )
    )


if __name__ == "__main__":
    main()
