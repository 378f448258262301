#!/bin/sh
# ref.sh FILE [FROM] — the benchmark rule's action list computed by
# bench/ref.awk, in Pace's order (period, then rep), with the CSV header.
here=$(cd "$(dirname "$0")" && pwd)
awk=$(command -v mawk || command -v awk)
echo "period,rep,team,rule,action,target,value,previous,priority,due,reason"
"$awk" -v FROM="${2:-}" -f "$here/ref.awk" "$1" |
    LC_ALL=C sort -t '	' -k1,1 -k2,2 | cut -f3- | tr '\001' '\n'
