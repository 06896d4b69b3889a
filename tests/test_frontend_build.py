"""The committed NHS.UK frontend build (static/nhsuk/, from frontend/ by `make frontend`) keeps
everything the site uses: nothing silently loses its style or its script. No Node needed:
the build records hashes of its sources and outputs in static/nhsuk/build.json.

- A template, app module or site script uses an `nhsuk-` class the built CSS lacks: add its
  component to frontend/nhsuk.scss if need be, and run `make frontend`.
- A class name built at run time (`nhsuk-{{ kind }}`): no scan can see it, so write it out.
- A `data-module="nhsuk-…"` whose component is not in the bundle: add it to frontend/nhsuk.mjs.
- The build's sources changed, or its output was edited by hand: run `make frontend`.
"""

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "static" / "nhsuk"
REBUILD = "run `make frontend` (see the README, Front end) and commit static/nhsuk/"


def load_scanner():
    spec = importlib.util.spec_from_file_location(
        "nhsuk_classes", ROOT / "frontend" / "nhsuk_classes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scanner = load_scanner()


@pytest.fixture(scope="module")
def manifest():
    return json.loads((BUILD / "build.json").read_text())


@pytest.fixture(scope="module")
def used():
    return scanner.scan()


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_committed_build_matches_its_sources(manifest):
    changed = [name for name, digest in manifest["inputs"].items() if sha256(ROOT / name) != digest]
    assert not changed, f"{', '.join(changed)} changed since the last build: {REBUILD}"


def test_the_built_files_are_as_the_build_made_them(manifest):
    on_disk = sorted(str(p.relative_to(ROOT)) for p in BUILD.rglob("*") if p.is_file())
    assert on_disk == sorted([*manifest["outputs"], "static/nhsuk/build.json"]), REBUILD
    edited = [name for name, digest in manifest["outputs"].items() if sha256(ROOT / name) != digest]
    assert not edited, f"{', '.join(edited)} differ from what the build made: {REBUILD}"


def test_no_nhsuk_class_name_is_built_at_run_time(used):
    names, built = used
    assert names, (
        "the scan found no NHS.UK class: is frontend/nhsuk_classes.py looking in the right place?"
    )
    assert not built, (
        "write these class names out in full, so the build can keep their styles: "
        + "; ".join(f"{path}: {name}" for path, name in built)
    )


def test_every_nhsuk_class_in_use_is_in_the_built_css(used, manifest):
    css = (BUILD / "nhsuk.min.css").read_text()
    styled = set(re.findall(r"\.(nhsuk-[a-zA-Z0-9_-]+)", css))
    # Names NHS.UK frontend itself does not style, as the last build found: hooks, old names.
    unstyled = set(manifest["unstyled"])
    names, _ = used
    missing = {name: path for name, path in names.items() if name not in styled | unstyled}
    assert not missing, (
        "these NHS.UK classes have no style in static/nhsuk/nhsuk.min.css: "
        + ", ".join(f"{name} ({path})" for name, path in sorted(missing.items()))
        + f". If it is a component not yet in frontend/nhsuk.scss, add it; then {REBUILD}"
    )


def test_every_nhsuk_data_module_has_its_script():
    script = (BUILD / "nhsuk.min.js").read_text()
    modules = set()
    for path in scanner.sources():
        modules |= set(re.findall(r'data-module="(nhsuk-[a-z-]+)"', path.read_text()))
    assert modules, "the templates should use NHS.UK components with a script"
    missing = sorted(m for m in modules if f'"{m}"' not in script)
    assert not missing, f"add {', '.join(missing)} to frontend/nhsuk.mjs, then {REBUILD}"


def test_a_class_built_from_a_variable_is_caught():
    names, built = scanner.scan_text('<div class="nhsuk-{{ kind }}__item nhsuk-tag--{{ colour }}">')
    assert built == {"nhsuk-{…}", "nhsuk-tag--{…}"}
    names, built = scanner.scan_text('classes = f"nhsuk-{kind}" + " nhsuk-tag--" + colour')
    assert built == {"nhsuk-{…}", "nhsuk-tag--"}
    names, built = scanner.scan_text(
        '<p class="nhsuk-tag {% if ok %}nhsuk-tag--green{% else %}nhsuk-tag--grey{% endif %}">'
        '<a class="nhsuk-button{% if x %}--secondary{% endif %}">'
    )
    assert names == {"nhsuk-tag", "nhsuk-tag--green", "nhsuk-tag--grey"}
    assert built == {"nhsuk-button{…}"}
