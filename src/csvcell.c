/* csvcell.c — what the cells of the current record hold: text (made
 * UTF-8), dates (settling how slash dates read), numbers and yes/no flags,
 * each with a reason a sales-ops reader understands when it is unusable.
 * See csvread.h. */
#include "csvread.h"

#include <stdarg.h>
#include <stdlib.h>

void csvcell_forget_reps(Reader *r)
{
    csvrow_flush(r);
    for (size_t i = 0; i < r->rep_memo_cap; i++)
        r->rep_memo[i].id = -1;
    r->rep_memo_n = 0;
    r->rep_keys.len = 0;
}


/* s as NUL-terminated UTF-8 in scratch buffer `slot`: converted from
 * Windows-1252 when the file is (decided by the first invalid UTF-8 met). */
const char *csvcell_utf8(Reader *r, int slot, const char *s, size_t n)
{
    Buf *b = &r->conv[slot];
    int high = 0;
    for (size_t i = 0; i < n && !high; i++)
        high = (unsigned char)s[i] >= 0x80;
    if (high && !r->cp1252 && !csvfield_utf8_valid(s, n)) {
        if (r->in_chunk)
            csvread_need_serial(r);    /* rows before this one read otherwise */
        r->cp1252 = 1;
        csvcell_forget_reps(r);
    }
    b->p = xgrow(b->p, &b->cap, 3 * n + 1, 1);
    b->len = high && r->cp1252 ? csvfield_cp1252(s, n, b->p) : (memcpy(b->p, s, n), n);
    b->p[b->len] = '\0';
    return b->p;
}

/* utf8, with line breaks and tabs made spaces and runs of spaces one:
 * for rep names (so exports that space a name differently still join),
 * headers and the text quoted in messages. */
const char *csvcell_one_line(Reader *r, int slot, const char *s, size_t n)
{
    Buf *b = &r->conv[slot];
    csvcell_utf8(r, slot, s, n);
    size_t k = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->p[i] == '\t' || b->p[i] == '\r' || b->p[i] == '\n' ? ' ' : b->p[i];
        if (!(c == ' ' && k > 0 && b->p[k - 1] == ' '))
            b->p[k++] = c;
    }
    b->p[k] = '\0';
    b->len = k;
    return b->p;
}

/* A header cell, on one line. */
const char *csvcell_header(Reader *r, int col)
{
    const char *s;
    size_t n;
    csvcell_get(r, col, &s, &n);
    return csvcell_one_line(r, 0, s, n);
}

const char *csvcell_text(Reader *r, int slot, int col)
{
    const char *s;
    size_t n;
    csvcell_get(r, col, &s, &n);
    return csvcell_utf8(r, slot, s, n);
}

/* A cell's text for a reason: UTF-8, cut after SHOW_MAX bytes. */
const char *csvcell_show(Reader *r, const char *s, size_t n)
{
    const char *t = csvcell_one_line(r, 3, s, n);
    Buf *b = &r->conv[3];
    if (b->len > SHOW_MAX) {
        size_t cut = SHOW_MAX;
        while (cut > 0 && ((unsigned char)b->p[cut] & 0xC0) == 0x80)
            cut--;
        b->p = xgrow(b->p, &b->cap, cut + 4, 1);
        memcpy(b->p + cut, "...", 4);
        t = b->p;
    }
    return t;
}

const char *csvcell_because(Reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof r->reason, fmt, ap);
    va_end(ap);
    return r->reason;
}


/* Stores s in a memo table (round robin once full); NULL when too long. */
Memo *csvcell_memo_put(MemoSet *set, const char *s, size_t len)
{
    if (len > MEMO_KEY)
        return NULL;
    int i = set->n < MEMOS ? set->n++ : (int)((unsigned)(s[0] + len) % MEMOS);
    for (unsigned k = 0; k < MEMO_SLOTS; k++)
        if (set->slot[k] == i + 1)
            set->slot[k] = 0;        /* the entry is taken over: forget where it was */
    Memo *slot = &set->m[i];
    memcpy(slot->key, s, len);
    slot->n = len;
    set->slot[csvcell_memo_slot(s, len)] = (unsigned char)(i + 1);
    return slot;
}

/* --- dates --- */

/* Scan state for settling how slash dates read. */
typedef struct Scan {
    const unsigned char *is_date;
    int ncols, col;
    DateOrder found;
} Scan;

static void scan_cell(void *s, size_t n, void *data)
{
    Scan *sc = data;
    DateOrder p;
    if (sc->col < sc->ncols && sc->is_date[sc->col] && sc->found == DATES_AUTO &&
        csvfield_slash_date(s, n, &p))
        sc->found = p;
    sc->col++;
}

static void scan_row(int c, void *data)
{
    (void)c;
    ((Scan *)data)->col = 0;
}

/* libcsv's own test for spaces around unquoted fields is space or tab,
 * and it looks for the delimiter first, so a tab-delimited file keeps its
 * tabs as delimiters: that is the rule we want, and leaving the test to
 * libcsv saves a call through a pointer for every byte (issue 7). */
void csvcell_parser_init(struct csv_parser *p, unsigned char delim)
{
    csv_init(p, 0);
    csv_set_delim(p, delim);
    csv_set_realloc_func(p, xrealloc);
    csv_set_free_func(p, free);
    /* on_cell loads 16 bytes from libcsv's cell buffer whatever the cell's
     * length, so the buffer is there, with 128 bytes (libcsv's own first
     * size), before the first cell; libcsv grows it and csv_free frees it. */
    p->entry_buf = xmalloc(128);
    p->entry_size = 128;
}

/* Standard input cannot be read twice: the rest of it goes to a temporary
 * file first.  Returns 0 on success. */
static int make_seekable(Reader *r)
{
    if (ftello(r->in) >= 0 && fseeko(r->in, 0, SEEK_CUR) == 0)
        return 0;
    FILE *tmp = tmpfile();
    if (!tmp)
        return -1;
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, r->in)) > 0)
        if (fwrite(buf, 1, got, tmp) != got) {
            fclose(tmp);
            return -1;
        }
    if (r->own_in)
        fclose(r->in);
    r->in = tmp;
    r->own_in = 1;
    rewind(tmp);
    return 0;
}

/* Reads ahead from the current record to the first slash date whose day
 * or month is over 12, then back.  DATES_AUTO when none settles it. */
static DateOrder scan_order(Reader *r)
{
    Scan sc = {r->is_date, r->lay.ncols, 0, DATES_AUTO};
    struct csv_parser p;
    csvin_find_record(r);
    csvcell_parser_init(&p, r->delim);
    if (r->chunk && r->chunk_pos < r->chunk_len)
        csv_parse(&p, r->chunk + r->chunk_pos, r->chunk_len - r->chunk_pos, scan_cell, scan_row, &sc);
    off_t pos;
    if (sc.found == DATES_AUTO && make_seekable(r) == 0 && (pos = ftello(r->in)) >= 0) {
        char *buf = xmalloc(CHUNK);
        size_t got;
        while (sc.found == DATES_AUTO && (got = fread(buf, 1, CHUNK, r->in)) > 0)
            csv_parse(&p, buf, got, scan_cell, scan_row, &sc);
        free(buf);
        clearerr(r->in);
        fseeko(r->in, pos, SEEK_SET);
    }
    csv_fini(&p, scan_cell, scan_row, &sc);
    csv_free(&p);
    return sc.found;
}

/* The first ambiguous slash date: settles the file's order, or stops
 * with an error saying to pass --date-format. */
static int settle_order(Reader *r, const char *s, size_t n)
{
    DateOrder proves;
    if (r->in_chunk) {
        csvread_need_serial(r);          /* the order is the whole file's */
        return 0;
    }
    csvfield_slash_date(s, n, &proves);
    if (proves == DATES_AUTO)
        proves = scan_order(r);
    if (proves == DATES_AUTO) {
        diag_line_error(r->d, r->name, r->rec_line,
                        "the date '%s' could be day-first or month-first, and no date in the file "
                        "settles it; pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy",
                        csvcell_show(r, s, n));
        csvread_stop(r);
        return 0;
    }
    r->order = proves;
    return 1;
}

/* A date cell: NULL and *day, or the reason it cannot be used.  An empty
 * optional cell gives *day = -1. */
const char *csvcell_date(Reader *r, int col, const char *what, int optional, int *day)
{
    const char *s;
    size_t n;
    if (csvcell_date_again(r, col, day))
        return NULL;
    csvcell_get(r, col, &s, &n);
    *day = -1;
    if (n == 0)
        return optional ? NULL : csvcell_because(r, "empty %s", what);
    Memo *m = &r->dates[col];
    DateResult res = csvfield_date(s, n, r->order, day);
    if (res == DATE_AMBIGUOUS) {
        if (!settle_order(r, s, n))
            return "";
        res = csvfield_date(s, n, r->order, day);
    }
    DateOrder slash;
    int is_slash = csvfield_slash_date(s, n, &slash);
    switch (res) {
    case DATE_OK:
        if (n <= MEMO_KEY) {
            memcpy(m->key, s, n);
            m->n = n;
            m->a = *day;
        }
        return NULL;
    case DATE_NOT_REAL:
        return csvcell_because(r, "%s '%s' is not a real date%s", what, csvcell_show(r, s, n),
                       !is_slash ? "" : r->order == DATES_DMY ? " (this file's dates read dd/mm/yyyy)"
                                                              : " (this file's dates read mm/dd/yyyy)");
    case DATE_SHORT_YEAR:
        return csvcell_because(r, "%s '%s' has a two-digit year; export dates with four-digit years",
                        what, csvcell_show(r, s, n));
    default:
        return csvcell_because(r, "%s '%s' is not a date (write dates as 2026-01-05, 05.01.2026 or 1/5/2026)",
                       what, csvcell_show(r, s, n));
    }
}

/* A period cell of a metrics or targets file. */
const char *csvcell_period(Reader *r, int date_is_week, PeriodSpan *sp)
{
    int col = r->lay.col[CF_PERIOD];
    const char *s;
    size_t n;
    csvcell_get(r, col, &s, &n);
    if (n == 0)
        return csvcell_because(r, "empty period");
    const Calendar *cal = store_calendar(r->store);
    DateResult res = csvfield_period(s, n, r->order, r->lay.period_hint, date_is_week, cal, sp);
    if (res == DATE_AMBIGUOUS) {
        if (!settle_order(r, s, n))
            return "";
        res = csvfield_period(s, n, r->order, r->lay.period_hint, date_is_week, cal, sp);
    }
    if (res == DATE_OK)
        return NULL;
    if (res == DATE_NOT_REAL)
        return csvcell_because(r, "period '%s' is not a real date", csvcell_show(r, s, n));
    return csvcell_because(r, "period '%s' is not a period (write 2026-01-05, 2026-W02, 2026-01 or 2026-Q1)",
                   csvcell_show(r, s, n));
}

/* --- numbers --- */

/* The usual amount, 12345 or 12345.67, read the quick way: digits, and
 * at most four decimals after a point.  0 for anything else, which
 * csvfield_number then reads (to the same value, where this one can). */
static int plain_number(const char *s, size_t n, long long *units)
{
    long long ip = 0, fp = 0;
    size_t i = 0, digits = 0;
    while (i < n && s[i] == '0')
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        if (digits < 15)    /* more is refused below: never overflow first */
            ip = ip * 10 + (s[i] - '0');
    if (digits > 14 || (i == 0 && (n == 0 || s[0] != '0')))
        return 0;
    if (i < n) {
        size_t k = 0;
        if (s[i] != '.' || n - i - 1 < 1 || n - i - 1 > 4)
            return 0;
        for (i++; i < n; i++, k++) {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            fp = fp * 10 + (s[i] - '0');
        }
        for (; k < 4; k++)
            fp *= 10;
    }
    *units = ip * 10000 + fp;
    return 1;
}

const char *csvcell_number(Reader *r, int col, const char *what, long long *units, int *empty)
{
    const char *s;
    size_t n;
    csvcell_get(r, col, &s, &n);
    *units = 0;
    *empty = n == 0;
    if (n == 0 || (!r->decimal_comma && plain_number(s, n, units)))
        return NULL;
    switch (csvfield_number(s, n, r->decimal_comma, units)) {
    case NUM_OK:
        return NULL;
    case NUM_EMPTY:
        *empty = 1;
        return NULL;
    case NUM_TOO_BIG:
        return csvcell_because(r, "%s '%s' is too large", what, csvcell_show(r, s, n));
    default:
        return csvcell_because(r, "%s '%s' is not a number", what, csvcell_show(r, s, n));
    }
}


/* A yes/no cell: 1, 0, or -1 when empty or absent. */
const char *csvcell_flag(Reader *r, int col, const char *what, int *flag)
{
    const char *s;
    size_t n;
    csvcell_get(r, col, &s, &n);
    *flag = col < 0 ? -1 : csvfield_flag(s, n);
    if (*flag == -2)
        return csvcell_because(r, "%s '%s' is not yes or no (1/0, true/false)", what, csvcell_show(r, s, n));
    return NULL;
}

