# check_skeleton.awk — an independent reading of the one-liner
#
#     when win_rate < 20% for 2 weeks then assign coaching MEDDIC
#
# over an activities export, straight from language.md sections 4 and 5,
# sharing no code with Pace: prints the (period,rep) pairs Pace must list,
# in its documented order once piped through `LC_ALL=C sort`.
#
#   awk -F, -v from=2026-01-05 -f check_skeleton.awk roster.csv activities.csv
#
# Semantics written out: ISO weeks named by their Monday; a rep's active
# span runs from the week of its first row to the data's last week, or to
# the week the roster says it left; win_rate = won / (won + lost), unknown
# with no deal closed; the condition holds in week w when win_rate is known
# and below 20% in w and in w-1 (both inside the span); an action is issued
# in a week where it holds and did not hold the week before.  Only weeks
# from `from` on are printed (from = the data's last Monday: a default run).

function days(s,    y, m, d, era, yoe, doy) {     # Hinnant's days_from_civil
    y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
    if (m <= 2) y--
    era = int(y / 400)
    yoe = y - era * 400
    doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
    return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}

function civil(z,    era, doe, yoe, doy, mp, d, m, y) {   # and back
    z += 719468
    era = int(z / 146097)
    doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153)
    d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    y = yoe + era * 400 + (m <= 2)
    return sprintf("%04d-%02d-%02d", y, m, d)
}

function week(day) { return int((day + 3) / 7) }   # day numbers here are > 0

function low(rep, w,    n) {
    n = won[rep, w] + lost[rep, w]
    return n > 0 && won[rep, w] / n < 0.2
}

FNR == 1 { next }
FILENAME == ARGV[1] {                               # the roster
    if ($4 != "") leftw[$1] = week(days($4))
    next
}
{
    w = week(days($1))
    if (!($2 in firstw) || w < firstw[$2]) firstw[$2] = w
    if (w > lastw) lastw = w
    a = tolower($4)
    if (a == "won") won[$2, w]++
    if (a == "lost") lost[$2, w]++
}
END {
    fromw = week(days(from))
    for (rep in firstw) {
        end = lastw
        if ((rep in leftw) && leftw[rep] < end) end = leftw[rep]
        prev = 0
        for (w = firstw[rep]; w <= end; w++) {
            holds = low(rep, w) && w - 1 >= firstw[rep] && low(rep, w - 1)
            if (holds && !prev && w >= fromw)
                print civil(w * 7 - 3) "," rep
            prev = holds
        }
    }
}
