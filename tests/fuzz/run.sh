#!/bin/sh
# Runs the fuzz harnesses, one after the other:
#
#   sh tests/fuzz/run.sh BUILD_DIR SECONDS [NAME...]   (NAME: rules csv eval testfile)
#
# BUILD_DIR holds the harnesses (make fuzz-build).  Each runs SECONDS with
# its growing corpus in BUILD_DIR/corpus/NAME (kept between runs), seeded
# from tests/fuzz/seeds/NAME (eval shares the rules seeds) and from the
# repo's own rule files, test files and data (rules/, tests/cases/), with
# the dictionary tests/fuzz/rules.dict, csv.dict or testfile.dict.  A crash,
# leak, timeout or sanitizer report leaves its input in BUILD_DIR/crashes/
# and fails the run.  Extra libFuzzer flags can come in FUZZ_ARGS
# (e.g. FUZZ_ARGS=-runs=1000000).
build=${1:?usage: run.sh BUILD_DIR SECONDS [NAME...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [NAME...]}
shift 2
names=${*:-rules csv eval testfile}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mkdir -p "$build/crashes" "$build/logs"

# Copies each file to dir under a name from its checksum (no clashes).
collect() {
    dir=$1
    prefix=$2
    shift 2
    for f in "$@"; do
        [ -f "$f" ] || continue
        sum=$(cksum <"$f" | cut -d' ' -f1)
        { printf "$prefix"; cat "$f"; } >"$dir/$sum"
    done
}

# The seeds for one harness, gathered fresh so new cases join in.
seed() {
    name=$1
    dir=$build/seeds/$name
    rm -rf "$dir"
    mkdir -p "$dir"
    case $name in
    rules|eval)
        cp "$here/seeds/rules"/* "$dir/"
        collect "$dir" "" $(find "$repo/rules" "$repo/tests/cases" -name '*.pace' 2>/dev/null)
        ;;
    testfile)
        collect "$dir" "" $(find "$repo/rules" "$repo/tests/cases" -name '*.test' -size -8k 2>/dev/null)
        ;;
    csv)
        cp "$here/seeds/csv"/* "$dir/"
        files=$(find "$repo/rules" "$repo/tests/cases" -name '*.csv' -size -64k 2>/dev/null)
        # the csv harness's two option bytes: defaults, then ';' with decimal comma
        collect "$dir" '\000\000' $files
        collect "$dir" '\006\000' $(grep -l ';' $files /dev/null 2>/dev/null)
        ;;
    esac
}

# Prints one figure from libFuzzer's final stats.
stat() {
    sed -n "s/^stat::$1: *//p" "$2" | tail -1
}

failed=0
for name in $names; do
    bin=$build/fuzz_$name
    [ -x "$bin" ] || { echo "fuzz: no harness at $bin (make fuzz-build)" >&2; exit 2; }
    seed "$name"
    dict=$name
    [ "$name" = eval ] && dict=rules   # the same language
    maxlen=4096
    [ "$name" = testfile ] && maxlen=8192   # a test file holds tables
    mkdir -p "$build/corpus/$name"
    log=$build/logs/$name.log
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$bin" "$build/corpus/$name" "$build/seeds/$name" \
        -dict="$here/$dict.dict" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=$maxlen -print_final_stats=1 \
        -artifact_prefix="$build/crashes/$name-" ${FUZZ_ARGS:-} \
        </dev/null >"$log" 2>&1
    status=$?
    took=$(( $(date +%s) - start ))
    execs=$(stat number_of_executed_units "$log")
    if [ $status = 0 ]; then
        echo "fuzz_$name: ${execs:-?} runs in ${took}s, corpus $(ls "$build/corpus/$name" | wc -l), no crash"
    else
        failed=1
        echo "fuzz_$name: FAILED after ${execs:-?} runs (exit $status); log: $log"
        grep -E 'ERROR|property violated|runtime error|SUMMARY|Test unit written' "$log" | head -20 | sed 's/^/    /'
    fi
done
exit $failed
