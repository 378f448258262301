# gen_skeleton.awk — a realistic activities export for the walking-skeleton
# acceptance test (issue 2): 40 reps over 16 weeks from Monday 2026-01-05,
# reps who start late or leave early, weeks with nothing logged or no deal
# closed, activity names in mixed case, rows in no particular order.
#
#   awk -f gen_skeleton.awk            > activities.csv   (unshuffled, keyed)
#   awk -v roster=1 -f gen_skeleton.awk > roster.csv
#   awk -v mondays=1 -f gen_skeleton.awk > the Monday of every week, one a line
#   -v weeks=26 makes half a year instead of 16 weeks.
#
# Deterministic on every awk: its own Park-Miller generator (awk's rand()
# differs between implementations), integers that fit a double exactly.
# The activities come out with a sort key in front; the caller shuffles
# with `LC_ALL=C sort | cut -f2-` (see tests/cases/eval/skeleton-acceptance).

function rnd(n) {            # 0 .. n-1
    seed = (seed * 16807) % 2147483647
    return seed % n
}

function ymd(k,    d, m) {   # 2026-01-05 + k days (2026 is not a leap year)
    d = 5 + k
    m = 1
    while (d > mlen[m]) { d -= mlen[m]; m++ }
    return sprintf("2026-%02d-%02d", m, d)
}

function spell(name,    v) { # mixed case, as hand-typed CRM picklists are
    v = rnd(4)
    if (v == 0) return toupper(name)
    if (v == 1) return toupper(substr(name, 1, 1)) substr(name, 2)
    return name
}

function row(rep, w, activity, amount) {
    printf "%07d\t%s,%s,%s,%s,%s\n", 1 + rnd(1000000), ymd((w - 1) * 7 + rnd(7)), \
        rep, team[rep], spell(activity), amount
}

BEGIN {
    seed = 20260105
    if (weeks == "") weeks = 16
    split("31 28 31 30 31 30 31 31 30 31 30 31", mlen, " ")
    nf = split("Ann Ben Cara Dev Eli Fay Gus Hana Ivo Jun", first, " ")
    nl = split("Lee Park Diaz Novak", last, " ")
    split("EMEA SMB|EMEA Mid|NA SMB|NA Mid", teams, "|")
    n = 0
    for (i = 1; i <= nf; i++)
        for (j = 1; j <= nl; j++) {
            rep = first[i] " " last[j]
            n++
            name[n] = rep
            team[rep] = teams[(n - 1) % 4 + 1]
            start[n] = 1
            stop[n] = weeks
            leftday[n] = ""
            # One rep in five starts late, one in six stops early; half of
            # those who stop are marked as left in the roster.
            if (rnd(5) == 0) start[n] = 2 + rnd(6)
            if (rnd(6) == 0) {
                stop[n] = 9 + rnd(5)
                if (rnd(2) == 0) leftday[n] = ymd((stop[n] - 1) * 7 + 4)
            }
            winpct[n] = 5 + rnd(45)          # chance in % that a deal is won
        }
    if (mondays) {
        for (w = 1; w <= weeks; w++) print ymd((w - 1) * 7)
        exit
    }
    if (roster) {
        print "rep,team,manager,left"
        for (k = 1; k <= n; k++)
            printf "%s,%s,%s,%s\n", name[k], team[name[k]], \
                "Manager " substr(team[name[k]], 1, 2), leftday[k]
        exit
    }
    print "0000000\tdate,rep,team,activity,amount"
    for (k = 1; k <= n; k++) {
        rep = name[k]
        for (w = start[k]; w <= stop[k]; w++) {
            if (rnd(10) == 0 && w != start[k]) continue     # nothing logged
            calls = 3 + rnd(20)
            for (c = 0; c < calls; c++) row(rep, w, "call", "")
            for (c = rnd(4); c > 0; c--) row(rep, w, "meeting", "")
            for (c = rnd(3); c > 0; c--) row(rep, w, "demo", "")
            for (c = rnd(6); c > 0; c--) row(rep, w, "email", "")
            deals = rnd(5) - 1                               # -1 and 0: none
            for (c = 0; c < deals; c++)
                row(rep, w, rnd(100) < winpct[k] ? "won" : "lost", 1000 + rnd(20000))
        }
    }
}
