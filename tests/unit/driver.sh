# Sourced by the cases in tests/cases/output/: sets DRIVER to the output
# unit driver (tests/unit/out_driver.c) built beside $PACE, and defines
# `driver`, which runs it (under valgrind in `make valgrind`, like pace).
prog=${PACE_VALGRIND_PROG:-$PACE}
DRIVER=$(dirname "$prog")/out_driver
if [ ! -x "$DRIVER" ]; then
    echo "no unit driver at $DRIVER; build it with: make BUILD=$(dirname "$prog") $DRIVER" >&2
    exit 3
fi
driver() {
    if [ -n "${PACE_VALGRIND_PROG:-}" ]; then
        valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
            "$DRIVER" "$@"
    else
        "$DRIVER" "$@"
    fi
}
# A scratch folder, removed when the case ends; cases cd into it so that
# the paths in messages are short and the same on every machine.
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT INT TERM
