#!/bin/sh
# rules/demo.sh — what `make demo` runs: generate the example CRM exports,
# run every rule of the library over them, write the action list and the
# HTML report, and print a short summary.
#
#     sh rules/demo.sh build/pace
#
# The example data (build/demo/*.csv) comes from tests/tools/gen_demo.c,
# built next to pace by the Makefile: 30 reps in 4 teams, January to June
# 2026 plus two months of history.  The same data on every run.
set -eu

pace=${1:-build/pace}
rules=$(dirname "$0")
build=$(dirname "$pace")
gen=$build/gen_demo
out=$build/demo
first=2026-01-05

[ -x "$pace" ] || { echo "demo: no program at $pace (run make first)" >&2; exit 1; }
[ -x "$gen" ] || { echo "demo: no data generator at $gen (run make demo)" >&2; exit 1; }
mkdir -p "$out"
"$gen" "$out"

data="--data $out/roster.csv --data $out/activities.csv --data $out/opportunities.csv --data $out/targets.csv"
# shellcheck disable=SC2086
"$pace" run "$rules"/*.pace $data --from "$first" -o "$out/actions.csv"
# shellcheck disable=SC2086
"$pace" run "$rules"/*.pace $data --from "$first" --format html -o "$out/report.html"

nreps=$(($(wc -l < "$out/roster.csv") - 1))
nteams=$(cut -d, -f2 "$out/roster.csv" | sed 1d | sort -u | wc -l)

# The summary: counts by kind of action and by rule, read from the CSV
# (fields may be quoted and hold commas, so split them properly).
awk '
function split_csv(line, f,    n, i, c, q, cur) {
    n = 0; cur = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\"" && substr(line, i + 1, 1) == "\"") { cur = cur c; i++ }
            else if (c == "\"") q = 0
            else cur = cur c
        } else if (c == "\"") q = 1
        else if (c == ",") { f[++n] = cur; cur = "" }
        else cur = cur c
    }
    f[++n] = cur
    return n
}
NR == 1 { next }
{
    split_csv($0, f)
    total++
    kind[f[5]]++
    if (!(f[4] in rule)) order[++nrules] = f[4]
    rule[f[4]]++
    if (f[5] == "expect") outcome[f[7]]++
    who = f[2] != "" ? f[2] : "team " f[3]
    what = f[6]; if (length(what) > 30) what = substr(what, 1, 27) "..."
    last[total] = sprintf("%s  %-16s %-24s %-8s %s", f[1], who, f[4], f[5], what)
    if (f[2] != "") reps[f[2]] = 1; else teams[f[3]] = 1
}
END {
    n = 0; for (r in reps) n++
    nt = 0; for (t in teams) nt++
    printf "Pace demo: %d reps in %d teams, the weeks from %s to the end of June 2026\n", NREPS, NTEAMS, FIRST
    printf "  %d actions: for %d of the reps, and for %d teams as a whole\n\n", total, n, nt
    printf "  by kind:    "
    split("coaching adjust notify review flag expect", k, " ")
    sep = ""
    for (i = 1; i <= 6; i++) if (kind[k[i]]) { printf "%s%s %d", sep, k[i], kind[k[i]]; sep = ", " }
    printf "\n"
    if (kind["expect"])
        printf "  follow-ups: met %d, missed %d, pending %d\n", outcome["met"], outcome["missed"], outcome["pending"]
    # most frequent first (a stable selection sort: awk has no sort)
    for (i = 1; i <= nrules; i++)
        for (j = i + 1; j <= nrules; j++)
            if (rule[order[j]] > rule[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
    printf "\n  by rule (actions and follow-ups):\n"
    for (i = 1; i <= nrules; i++) printf "    %-28s %4d\n", order[i], rule[order[i]]
    printf "\n  the latest actions:\n"
    for (i = (total > 8 ? total - 7 : 1); i <= total; i++) print "    " last[i]
}' FIRST="$first" NREPS="$nreps" NTEAMS="$nteams" "$out/actions.csv"

echo
echo "  example data:  $out/roster.csv, activities.csv, opportunities.csv, targets.csv"
echo "  action list:   $out/actions.csv"
echo "  report:        $out/report.html  (open it in a browser)"
