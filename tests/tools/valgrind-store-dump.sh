#!/bin/sh
# Runs the importer's test driver, store_dump, under valgrind (memcheck)
# for `make valgrind`: tests/run.sh sets $STORE_DUMP to this script when
# PACE_VALGRIND_PROG is set.  Any memory error, or a definite or indirect
# leak, makes it exit 99, which fails the case (no case expects 99).
prog=${PACE_VALGRIND_PROG:?set PACE_VALGRIND_PROG to the pace binary}
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    "$(dirname "$prog")/store_dump" "$@"
