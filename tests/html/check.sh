#!/bin/sh
# The HTML report in a real browser: Debian's chromium, headless.
#
#   sh tests/html/check.sh DRIVER
#
# DRIVER is tests/unit/out_driver (built beside pace).  It writes two
# reports: the hand-built "tricky" list (every action type, markup and
# odd text in names) and 300 generated actions.  Then, with every browser
# run in parallel (a few seconds in all):
#   static      the file is self-contained: no <script>, <link>, <img>,
#               <iframe>, no src= or url(...), no link that leaves the page
#   console     chromium logs no console message at all while loading
#               (--enable-logging=stderr --v=0 prints each one as
#               ":CONSOLE"); a page with a deliberate script error proves
#               the check sees them
#   dom         the DOM dump (--dump-dom) has the expected managers, reps
#               (markup in a name stays text) and actions, printed here so
#               the golden output lists them
#   phone       inside a 360px-wide frame nothing is wider than the frame:
#               no horizontal scrolling on a phone
#   print       --print-to-pdf gives one page for the summary and at least
#               one per manager (each manager starts a page)
#   screenshot  --screenshot gives a 1200x1600 PNG (tests/html/screenshot.sh
#               makes docs/report.png the same way)
#   scale       the 300-action report loads, all 300 actions in the DOM
# Prints one line per check; exit 1 after any failure.
driver=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

find_chromium() {
    for c in chromium chromium-browser; do
        command -v "$c" 2>/dev/null && return 0
    done
    return 1
}
chrome=$(find_chromium) || { sh "$here/../tools/chromium.sh" && chrome=$(find_chromium); } || {
    echo "skipped: chromium not installable"
    exit 0
}

# chromium_run NAME ARGS...: one headless run with its own profile; stdout
# to NAME.out, stderr (the log) to NAME.log.
chromium_run() {
    name=$1
    shift
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile-$name" --enable-logging=stderr --v=0 "$@" \
        >"$work/$name.out" 2>"$work/$name.log"
}

failed=0
fail() {
    echo "FAIL $*"
    failed=1
}

"$driver" --format html >"$work/report.html" || fail "driver: tricky report"
"$driver" --list many --count 300 --format html >"$work/many.html" || fail "driver: many"
printf '%s\n' '<!DOCTYPE html><html><body><p>x</p><script>undefined_function();</script></body></html>' \
    >"$work/bad.html"
cat >"$work/phone.html" <<'EOF'
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:360px;height:740px;border:0"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument, w = d.documentElement.clientWidth, wide = [];
  d.querySelectorAll("body *").forEach(function (e) {
    if (e.getBoundingClientRect().right > w + 0.5) wide.push(e.tagName.toLowerCase());
  });
  var p = document.createElement("pre");
  p.id = "result";
  p.textContent = (d.documentElement.scrollWidth > w ? "scrolls" : "fits") + " " + wide.length + " " + wide.slice(0, 5).join(" ");
  document.body.appendChild(p);
});
</script></body></html>
EOF

url=file://$work
chromium_run report --dump-dom "$url/report.html" &
chromium_run bad --dump-dom "$url/bad.html" &
chromium_run phone --allow-file-access-from-files --dump-dom "$url/phone.html" &
chromium_run print --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "$url/report.html" &
chromium_run shot --window-size=1200,1600 --screenshot="$work/report.png" "$url/many.html" &
chromium_run many --dump-dom "$url/many.html" &
wait

# static
if grep -Eiq '<(script|link|img|iframe|object|embed)[ >]|src=|url\(|@import|href="[^#]' \
        "$work/report.html" "$work/many.html"; then
    fail "static: the report refers to something outside itself"
else
    echo "static: one file, no script, nothing loaded from outside"
fi

# console
if grep -q ':CONSOLE' "$work/report.log" "$work/many.log"; then
    fail "console: $(grep -h ':CONSOLE' "$work/report.log" "$work/many.log" | head -3)"
elif ! grep -q ':CONSOLE.*Uncaught' "$work/bad.log"; then
    fail "console: a script error was not seen in chromium's log; the check is blind"
else
    echo "console: no messages (a page with a script error does log one)"
fi

# dom: headings in document order, tags stripped; the "tricky" names hold
# markup, which must come out as text (&lt;script&gt;), never an element.
dom=$work/report.out
grep -q '<article' "$dom" || fail "dom: no DOM dump"
grep -o '<h[234][^>]*>.*</h[234]>' "$dom" | sed -e 's/^<h\([234]\)[^>]*>/h\1 /' -e 's/<[^>]*>//g' |
    sed -e 's/^h3 /  /' -e 's/^h4 /    /' -e 's/^h2 //'
echo "dom: $(grep -c '<article class="action' "$dom") actions, $(grep -c '<svg' "$dom") charts," \
     "$(grep -c '<script' "$dom") script elements"

# phone
case $(grep -o '<pre id="result">[^<]*' "$work/phone.out" | sed 's/.*>//') in
"fits 0 ") echo "phone: 360px wide, nothing wider than the screen" ;;
"") fail "phone: no result from the frame" ;;
*) fail "phone: $(grep -o '<pre id="result">[^<]*' "$work/phone.out")" ;;
esac

# print
pages=$(grep -ao '/Count [0-9]*' "$work/report.pdf" 2>/dev/null | head -1 | sed 's/[^0-9]//g')
if [ -n "$pages" ] && [ "$pages" -ge 4 ]; then
    echo "print: a PDF of 4 or more pages (summary, then each of 3 managers on a new page)"
else
    fail "print: PDF with ${pages:-no} pages"
fi

# screenshot: PNG signature, then width and height in the IHDR chunk
size=$(od -An -tu1 -j16 -N8 "$work/report.png" 2>/dev/null |
       awk '{print ($1*16777216+$2*65536+$3*256+$4) "x" ($5*16777216+$6*65536+$7*256+$8)}')
if [ "$(od -An -c -j1 -N3 "$work/report.png" 2>/dev/null | tr -d ' ')" = PNG ] && [ "$size" = 1200x1600 ]; then
    echo "screenshot: a 1200x1600 PNG"
else
    fail "screenshot: ${size:-none}"
fi

# scale
n=$(grep -c '<article class="action' "$work/many.out")
[ "$n" = 300 ] && echo "scale: 300 actions, all in the page" || fail "scale: $n of 300 actions in the page"

exit $failed
