# gen.awk — a deals export of N rows for perf/deals-jobs, and (into REF)
# what it holds per rep and month of closing, computed here from the
# values as they are written, not read back: won deals, their amount,
# lost deals.  Deterministic: no random numbers.
#   awk -v N=40000 -v REF=ref.txt -f gen.awk > deals.csv
function day(d,   m) {
    m = 1
    while (d >= mdays[m]) { d -= mdays[m]; m++ }
    return sprintf("2026-%02d-%02d", m, d + 1)
}
BEGIN {
    split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
    stages[0] = "Closed Won"; stages[1] = "Closed Won"; stages[2] = "Closed Lost"
    stages[3] = "Negotiation"; stages[4] = "Prospecting"
    print "Owner,Opportunity Name,Created Date,Close Date,Stage,Amount,Team"
    for (i = 0; i < N; i++) {
        rep = sprintf("Rep %03d", (i * 7919) % 300)
        created = (i * 13 + int(i / 7)) % 250
        closed = created + 3 + (i * 17 + int(i / 11)) % 100
        st = (i + int(i / 300)) % 5
        cents = i % 4 == 0 ? 50 : 0
        amount = 100 + (i * 37) % 9000
        name = i % 10 == 0 ? "\"Deal " i ", phase 2\"" : "Deal " i
        if (i == int(N / 2))
            name = "\"Deal " i " with\na line break\""
        team = i % 3 == 0 ? "\"EMEA, SMB\"" : "NA East"
        print rep "," name "," day(created) "," (st < 3 ? day(closed) : "") "," stages[st] "," \
              amount (cents ? "." cents : "") "," team
        if (st < 3) {
            key = substr(day(closed), 1, 7) "-01 " rep
            if (st < 2) { won[key]++; cents_won[key] += amount * 100 + cents }
            else lost[key]++
            seen[key] = 1
        }
    }
    for (key in seen) {
        a = cents_won[key] + 0
        if (a % 100 == 0)
            amt = sprintf("%d", a / 100)
        else if (a % 10 == 0)
            amt = sprintf("%d.%d", int(a / 100), (a % 100) / 10)
        else
            amt = sprintf("%d.%02d", int(a / 100), a % 100)
        printf "month %s: won=%d won_amount=%s lost=%d\n", key, won[key] + 0, amt, lost[key] + 0 > REF
    }
}
