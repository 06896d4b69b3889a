"""PDFs, for every app that writes one (invoices, certificates, CPD records, sign-in
sheets, reports): WeasyPrint, tagged PDF/UA-1 (a title, a language, alt text, the reading
order of the HTML), nothing fetched from the network.

Speed (issue 11): a process keeps one font configuration, and parses each stylesheet file
once; a document whose styles are in a file rather than a <style> element skips parsing
them (a third of an invoice's render time) and loading their fonts on every render.
"""

import functools
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration


@functools.cache
def font_config():
    return FontConfiguration()


@functools.cache
def stylesheet(path: Path):
    """The stylesheet at `path`, parsed once per process. Its URLs (@font-face sources)
    are relative to its own folder."""
    return CSS(filename=str(path), font_config=font_config())


def write_pdf(html, *stylesheets: Path) -> bytes:
    """`html` as a tagged PDF, styled by its own <style> and the stylesheet files given."""
    return HTML(string=html).write_pdf(
        stylesheets=[stylesheet(path) for path in stylesheets],
        font_config=font_config(),
        pdf_variant="pdf/ua-1",
    )


WARM_UP_HTML = "<!DOCTYPE html><html lang='en'><title>Warm</title><p>Warm <b>up</b></p></html>"


def warm_up(*stylesheets: Path):
    """Parse the stylesheets and load their fonts now, in a new worker process, so that
    its first document costs what every later one does (cold, about a second more)."""
    write_pdf(WARM_UP_HTML, *stylesheets)
