"""The NHS.UK frontend class names the site uses: what `make frontend` keeps in the built CSS.

Scans every template (the project's and each app's), the apps' Python (form widgets, blocks and
views that set classes) and the site's own JavaScript for `nhsuk-…` names. A name built at run
time (`nhsuk-{{ kind }}`, `"nhsuk-tag--" + colour`) cannot be found by any scan, so it is an
error here: spell class names out in full. Standard library only: the build (Node) runs it with
any python3, and tests/test_frontend_build.py imports it.

Run: python3 frontend/nhsuk_classes.py  (prints a JSON list; exits 1 on a name built at run time)
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cms", "courses", "bookings", "learning", "certificates")
CLASS = re.compile(r"nhsuk-[a-z0-9_-]*")
# What goes on with a name past the match: a variable (`{{ kind }}`, an f-string's `{kind}`), or
# a template tag followed straight by more of the name (`nhsuk-button{% if x %}--secondary`).
# (A tag that chooses between whole names, `{% if a %}nhsuk-tag--green{% else %}…`, is fine.)
CONTINUED = re.compile(r"\{(?!%)|\{%[^%]*%\}(?!nhsuk-)[a-z0-9_-]")


def sources():
    """Every file whose text can put an NHS.UK class on a page."""
    yield from sorted((ROOT / "templates").rglob("*.html"))
    for app in APPS:
        yield from sorted((ROOT / app).rglob("*.html"))
        yield from sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)
    yield from sorted((ROOT / "static" / "js").glob("*.mjs"))


def scan_text(text):
    """(names, built) in one text: full names, and names built at run time."""
    names, built = set(), set()
    for match in CLASS.finditer(text):
        name = match.group()
        continued = CONTINUED.match(text, match.end())
        if name.endswith(("-", "_")) or continued:
            built.add(name + ("{…}" if continued else ""))
        else:
            names.add(name)
    return names, built


def scan():
    """({name: first file using it}, [(file, name built at run time)])."""
    used, built = {}, []
    for path in sources():
        names, dynamic = scan_text(path.read_text(encoding="utf-8"))
        relative = str(path.relative_to(ROOT))
        for name in names:
            used.setdefault(name, relative)
        built.extend((relative, name) for name in sorted(dynamic))
    return used, built


def main():
    used, built = scan()
    if built:
        for path, name in built:
            print(
                f"{path}: {name} is built at run time; write the class name out in full",
                file=sys.stderr,
            )
        return 1
    print(json.dumps(sorted(used)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
