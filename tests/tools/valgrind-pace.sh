#!/bin/sh
# Runs pace under valgrind (memcheck), for `make valgrind`:
#   PACE_VALGRIND_PROG=/abs/path/to/pace sh tests/run.sh tests/tools/valgrind-pace.sh
# The golden cases call this script as $PACE.  Any memory error, or a
# definite or indirect leak, makes it exit 99, which fails the case (no
# case expects 99).  -q keeps valgrind silent otherwise, so the cases'
# expected stderr still matches.
prog=${PACE_VALGRIND_PROG:?set PACE_VALGRIND_PROG to the pace binary}
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    "$prog" "$@"
