# make-files.awk — writes the lane test's files (see cmd): each mixes
# plain lines with what must leave the lane, in files large enough that
# libcsv is fed in several slices.  Deterministic: no randomness.
# Every 50th row has a date that is not real, so the rejects file shows
# the line numbers the lane counted.
function row(i, team) {
    if (i % 50 == 49)
        return sprintf("2026-02-31,Rep %d,%s,call,", i % 37, team)
    return sprintf("2026-%02d-%02d,Rep %d,%s,%s,%s", 1 + i % 3, 1 + i % 28, i % 37, team,
                   (i % 5 == 0) ? "deal_won" : (i % 5 == 1 ? "deal_lost" : "call"),
                   (i % 5 < 2) ? (i % 1000) ".50" : "")
}
function put(f, s) { printf "%s", s > f }
BEGIN {
    head = "date,rep,team,activity,amount"
    # CR LF line ends, one quoted line break every 97 rows
    f = "crlf.csv"; put(f, head "\r\n")
    for (i = 0; i < 3000; i++)
        put(f, (i % 97 == 5 ? row(i, "\"North\r\nEast\"") : row(i, "North")) "\r\n")
    # a lone CR now and then, one followed by spaces and an LF
    f = "lone-cr.csv"; put(f, head "\n")
    for (i = 0; i < 3000; i++) {
        s = row(i, "South")
        if (i % 211 == 7) s = s "\r"
        else if (i % 503 == 11) s = s "\r  \n"
        else s = s "\n"
        put(f, s)
    }
    # quoted line breaks in every third row: the lane stops and waits often
    f = "breaks.csv"; put(f, head "\n")
    for (i = 0; i < 2000; i++)
        put(f, (i % 3 == 0 ? row(i, "\"West\nCoast\"") : row(i, "\"West, Coast\"")) "\n")
    # blank lines, lines of spaces, bad rows, a footer, a quote that never closes
    f = "mixed.csv"; put(f, head "\n")
    for (i = 0; i < 4000; i++) {
        if (i % 101 == 3) put(f, "\n")
        else if (i % 103 == 4) put(f, "   \t \n")
        else if (i % 107 == 5) put(f, ",,,,\n")
        else if (i % 109 == 6) put(f, "2026-02-30,Rep 1,North,call,\n")
        else if (i % 113 == 7) put(f, "2026-01-05,Rep 2,North\n")
        else if (i % 127 == 8) put(f, "2026-01-05,\"Rep 3,North,call,\n")
        else put(f, row(i, "North") "\n")
    }
    put(f, "Grand Totals (4000 records)\n")
    # ambiguous slash dates, settled by a date further on in the file
    f = "slash.csv"; put(f, head "\n")
    for (i = 0; i < 3000; i++)
        put(f, sprintf("%d/%d/2026,Rep %d,North,call,\n", 1 + i % 12, 1 + i % 12, i % 13))
    put(f, "25/12/2026,Rep 1,North,call,\n")
    # no line end after the last row
    f = "no-final-lf.csv"; put(f, head "\n")
    for (i = 0; i < 1000; i++)
        put(f, row(i, "North") (i < 999 ? "\n" : ""))
}
