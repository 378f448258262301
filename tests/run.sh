#!/bin/sh
# Pace's golden test runner.
#
#   sh tests/run.sh PATH/TO/pace [CASE-DIR-PATTERN]
#
# Every folder under tests/cases/ holding a file named `cmd` is one case.
# The runner enters the folder and runs `sh cmd` with $PACE set to the
# program (an absolute path), $PACE_DIR to its folder (where the unit
# drivers such as store_dump are built; under make valgrind, the folder of
# PACE_VALGRIND_PROG), $STORE_DUMP to the importer's driver to run (under
# make valgrind, a script that runs it under valgrind) and $TESTS to the
# tests/ folder,
# then compares:
#   expected.out     what must be on stdout   (absent: stdout must be empty)
#   expected.err     what must be on stderr   (absent: stderr must be empty)
#   expected.status  the exit status          (absent: 0)
# A case may hold `skip-sanitized` to be skipped in the ASan/UBSan run
# (say why inside it).  UPDATE=1 rewrites the expected files from the
# actual output: check every change by hand before committing it.
# Any exit status of 128 or more (a signal) fails a case, whatever it expects.

pace=$1
pattern=${2:-}
[ -x "$pace" ] || { echo "run.sh: no program at '$pace'" >&2; exit 2; }
case $pace in /*) ;; *) pace=$(pwd)/$pace ;; esac
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM

store_dump=$(dirname "${PACE_VALGRIND_PROG:-$pace}")/store_dump
[ -n "${PACE_VALGRIND_PROG:-}" ] && store_dump=$here/tools/valgrind-store-dump.sh

passed=0
failed=0
failures=""
for cmd in $(find "$here/cases" -name cmd -type f | LC_ALL=C sort); do
    dir=$(dirname "$cmd")
    name=${dir#"$here/cases/"}
    case $name in *"$pattern"*) ;; *) continue ;; esac
    if [ -n "${PACE_SANITIZED:-}" ] && [ -f "$dir/skip-sanitized" ]; then
        continue
    fi
    ( cd "$dir" && PACE=$pace PACE_DIR=$(dirname "${PACE_VALGRIND_PROG:-$pace}") \
        STORE_DUMP=$store_dump TESTS=$here timeout 120 sh ./cmd \
        >"$out/stdout" 2>"$out/stderr" </dev/null )
    status=$?
    if [ -n "${UPDATE:-}" ]; then
        if [ -s "$out/stdout" ]; then cp "$out/stdout" "$dir/expected.out"; else rm -f "$dir/expected.out"; fi
        if [ -s "$out/stderr" ]; then cp "$out/stderr" "$dir/expected.err"; else rm -f "$dir/expected.err"; fi
        if [ "$status" != 0 ]; then echo "$status" >"$dir/expected.status"; else rm -f "$dir/expected.status"; fi
    fi
    want_status=0
    [ -f "$dir/expected.status" ] && want_status=$(cat "$dir/expected.status")
    ok=1
    why=""
    if [ "$status" -ge 128 ]; then
        ok=0; why="killed by a signal (status $status)"
    elif [ "$status" != "$want_status" ]; then
        ok=0; why="exit status $status, expected $want_status"
    fi
    exp_out="$dir/expected.out"; [ -f "$exp_out" ] || exp_out=/dev/null
    exp_err="$dir/expected.err"; [ -f "$exp_err" ] || exp_err=/dev/null
    if ! cmp -s "$exp_out" "$out/stdout"; then
        ok=0; why="$why${why:+; }stdout differs"
        diff -u "$exp_out" "$out/stdout" | head -40 >"$out/diff.out"
    fi
    if ! cmp -s "$exp_err" "$out/stderr"; then
        ok=0; why="$why${why:+; }stderr differs"
        diff -u "$exp_err" "$out/stderr" | head -40 >"$out/diff.err"
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
        [ -n "${VERBOSE:-}" ] && echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name: $why"
        [ -f "$out/diff.out" ] && sed 's/^/    /' "$out/diff.out"
        [ -f "$out/diff.err" ] && sed 's/^/    /' "$out/diff.err"
        rm -f "$out/diff.out" "$out/diff.err"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
