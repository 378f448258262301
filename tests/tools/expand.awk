# expand.awk — turns a compact activity table into an activities export,
# so golden tests stay readable: each line
#     date,rep,team,activity,count[,amount]
# becomes `count` rows `date,rep,team,activity,amount` (the header line is
# rewritten too).  Lines starting with # are comments.
#
#   awk -f $TESTS/tools/expand.awk activities.txt | $PACE run rules.pace --data -
BEGIN { FS = OFS = "," }
/^#/ || NF == 0 { next }
NR == 1 || $1 == "date" { print "date,rep,team,activity,amount"; next }
{
    for (i = 0; i < $5; i++)
        print $1, $2, $3, $4, (NF >= 6 ? $6 : "")
}
