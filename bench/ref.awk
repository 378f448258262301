# ref.awk — an independent computation of the benchmark rule (issue 7):
#
#   rule "Low win rate"
#     when win_rate < 20% for 2 weeks then assign coaching MEDDIC
#     repeat every week
#
# over an activities export (date,rep,team,activity,amount; ISO dates),
# written from data.md and language.md alone, sharing no code with Pace.
#   win_rate = won / (won + lost) per rep and ISO week, unknown when the
#   rep closed nothing that week; the rule issues in every week in which
#   win_rate is known and below 20% in that week and in the week before.
# Prints one line per action: "period<TAB>rep<TAB>csv-line", for
# bench/ref.sh to sort and cut; a newline inside a field is written as
# byte 001 so that sort sees one line per action.  FROM (an ISO date) limits the weeks
# reported; default: all.
#   mawk -v FROM=2026-01-05 -f bench/ref.awk activities.csv

function days_from_civil(y, m, d,    era, yoe, doy, doe) {
    y -= (m <= 2)
    era = int(y / 400)
    yoe = y - era * 400
    doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
}

function civil_from_days(z,    era, doe, yoe, doy, mp, d, m, y) {
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

# The Monday (as a day number) of the ISO week holding an ISO date.
function monday(date,    n) {
    if (date in mon)
        return mon[date]
    n = days_from_civil(substr(date, 1, 4) + 0, substr(date, 6, 2) + 0, substr(date, 9, 2) + 0)
    mon[date] = n - (n + 3) % 7
    return mon[date]
}

# Splits one CSV record (RFC 4180) into f[1..]; returns the field count.
function csvsplit(s, f,    n, t) {
    if (index(s, "\"") == 0)
        return split(s, f, ",")
    n = 0
    for (;;) {
        if (substr(s, 1, 1) == "\"") {
            match(s, /^"([^"]|"")*"/)
            t = substr(s, 2, RLENGTH - 2)
            gsub(/""/, "\"", t)
            s = substr(s, RLENGTH + 1)
        } else {
            match(s, /^[^,]*/)
            t = substr(s, 1, RLENGTH)
            s = substr(s, RLENGTH + 1)
        }
        f[++n] = t
        if (s == "")
            return n
        s = substr(s, 2)
    }
}

function quotes(s,    t) {
    t = s
    return gsub(/"/, "", t)
}

# A CSV field as RFC 4180 writes it: quoted only when it has to be.
function csvfield(s,    t) {
    if (s !~ /[",\r\n]/)
        return s
    t = s
    gsub(/"/, "\"\"", t)
    return "\"" t "\""
}

function pct(x) {
    return sprintf("%.1f%%", x * 100)
}

BEGIN { from = FROM != "" ? monday(FROM) : -1e9 }

NR == 1 { next }

{
    rec = $0
    while (index(rec, "\"") && quotes(rec) % 2 == 1 && (getline more) > 0)
        rec = rec "\n" more
    csvsplit(rec, f)
    w = monday(f[1]); rep = f[2]
    team[rep] = f[3]
    if (!(rep in first) || w < first[rep])
        first[rep] = w
    if (w > last)
        last = w
    if (f[4] == "won")
        won[rep, w]++
    else if (f[4] == "lost")
        lost[rep, w]++
}

END {
    for (rep in first) {
        prev_low = 0
        for (w = first[rep]; w <= last; w += 7) {
            c = won[rep, w] + lost[rep, w]
            low = c > 0 && won[rep, w] / c < 0.2
            if (low) rate = won[rep, w] / c
            if (low && prev_low && w >= from) {
                p = civil_from_days(w)
                reason = "win_rate " pct(prev_rate) " (" civil_from_days(w - 7) "), " \
                         pct(rate) " (" p ") < 20% for 2 weeks"
                out = sprintf("%s,%s,%s,Low win rate,coaching,MEDDIC,,,,,%s", p,
                              csvfield(rep), csvfield(team[rep]), csvfield(reason))
                gsub(/\n/, "\001", out)
                printf "%s\t%s\t%s\n", p, rep, out
            }
            prev_low = low
            prev_rate = rate
        }
    }
}
