#!/bin/sh
# Installs Debian's chromium for the HTML report test (tests/html/), as
# root or through sudo, with one font family (screenshots need glyphs).
# Does nothing when a chromium is already there.
# Exit 0 when chromium is usable afterwards, 1 (with the reason on stderr)
# when it cannot be installed here.
for c in chromium chromium-browser; do
    command -v "$c" >/dev/null 2>&1 && exit 0
done
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "chromium.sh: need root or password-less sudo to install chromium" >&2
    exit 1
fi
command -v apt-get >/dev/null 2>&1 || {
    echo "chromium.sh: no apt-get on this machine; install chromium by hand" >&2
    exit 1
}
echo "pace: installing chromium for the HTML report test" >&2
# Other builds may hold the dpkg lock for a while: wait instead of failing.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 || {
    echo "chromium.sh: apt-get install chromium failed" >&2
    exit 1
}
command -v chromium >/dev/null 2>&1
