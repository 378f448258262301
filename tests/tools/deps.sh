#!/bin/sh
# Installs the build dependencies a fresh Debian machine lacks: flex,
# bison, libcsv-dev (and clang with its libFuzzer runtime for the sanitizer
# and fuzz builds; tools named as arguments, e.g. valgrind).  Uses apt-get as
# root, or through sudo.  Does nothing when everything is there.
missing=""
command -v flex  >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
[ -f /usr/include/csv.h ]        || missing="$missing libcsv-dev"
if command -v clang >/dev/null 2>&1; then
    # the libFuzzer runtime (make fuzz, and fuzz-smoke in make test)
    ls "$(clang -print-runtime-dir 2>/dev/null)"/libclang_rt.fuzzer*.a >/dev/null 2>&1 ||
        missing="$missing libclang-rt-dev"
else
    missing="$missing clang libclang-rt-dev"
fi
# Extra tools a target asks for by name (make valgrind: valgrind).
for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -n "$missing" ] || exit 0
echo "pace: installing build dependencies:$missing"
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "pace: need root or sudo to install:$missing" >&2
    exit 1
fi
$SUDO apt-get update -qq >/dev/null && \
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || {
    echo "pace: apt-get install$missing failed" >&2
    exit 1
}
