#!/usr/bin/env bash
# Vendor NHS.UK frontend's compiled files into static/vendor/nhsuk-frontend/ (no CDN at run time).
# Usage: scripts/vendor_nhsuk.sh [version]. Needs npm (the registry only); the result is committed.
set -euo pipefail
VERSION="${1:-10.6.1}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$HERE/static/vendor/nhsuk-frontend"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "nhsuk-frontend@${VERSION}" >/dev/null && tar xzf nhsuk-frontend-*.tgz)
DIST="$WORK/package/dist/nhsuk"
rm -rf "$DEST" && mkdir -p "$DEST"
cp "$DIST/nhsuk-frontend.min.js" "$DEST/"
cp -r "$DIST/assets" "$DEST/assets"
# The Frutiger web font is licensed to NHS.UK and served from its CDN: drop the @font-face rules
# (the stylesheet falls back to Arial, as NHS.UK does offline), and make image paths relative.
python3 - "$DIST/nhsuk-frontend.min.css" "$DEST/nhsuk-frontend.min.css" <<'PY'
import re, sys
css = open(sys.argv[1], encoding="utf-8").read()
css = re.sub(r"@font-face\{[^}]*\}", "", css)
css = css.replace("url(/assets/images/", "url(assets/images/")
css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
open(sys.argv[2], "w", encoding="utf-8").write(css)
PY
sed -i 's|//# sourceMappingURL=.*$||' "$DEST/nhsuk-frontend.min.js"
echo "$VERSION" > "$DEST/VERSION"
cat > "$DEST/LICENSE" <<'LICENSE'
The MIT License (MIT)

Copyright (c) 2018 NHS England

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
LICENSE
echo "vendored nhsuk-frontend ${VERSION} into ${DEST#$HERE/}"
