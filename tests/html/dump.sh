#!/bin/sh
# Opens an HTML file in headless chromium and prints its DOM (--dump-dom)
# followed by one line per console message chromium logged while loading
# it ("console: ..."; a self-contained report without scripts has none).
#
#   sh tests/html/dump.sh FILE.html
#
# Exits 1 when chromium is missing and cannot be installed
# (tests/tools/chromium.sh) or gives no DOM.
here=$(cd "$(dirname "$0")" && pwd)
file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
chrome=$(command -v chromium || command -v chromium-browser) ||
    { sh "$here/../tools/chromium.sh" && chrome=$(command -v chromium); } || {
    echo "skipped: chromium not installable"
    exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
    --dump-dom "file://$file" >"$work/dom" 2>"$work/log"
cat "$work/dom"
grep ':CONSOLE' "$work/log" | sed 's/^[^]]*] /console: /'
[ -s "$work/dom" ]
