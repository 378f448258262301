#!/bin/sh
# Makes docs/report.png, the screenshot in docs/outputs.md: an HTML report
# in headless chromium at 1200x1600.
#
#   sh tests/html/screenshot.sh build/demo/report.html   (after make demo:
#                                         what docs/report.png shows)
#   sh tests/html/screenshot.sh REPORT.html   any report from pace run --format html
#   sh tests/html/screenshot.sh               300 actions from the unit driver
#                                             (build/out_driver, or $DRIVER)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
if [ -n "${1:-}" ]; then
    cp "$1" "$work/report.html" || exit 1
else
    driver=${DRIVER:-$root/build/out_driver}
    "$driver" --list many --count 300 --format html -o "$work/report.html" || exit 1
fi
chrome=$(command -v chromium || command -v chromium-browser) || {
    sh "$root/tests/tools/chromium.sh" && chrome=$(command -v chromium)
} || exit 1
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size=1200,1600 \
    --screenshot="$root/docs/report.png" "file://$work/report.html" 2>/dev/null
ls -l "$root/docs/report.png"
