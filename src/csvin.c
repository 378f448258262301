/* csvin.c — the importer: CRM exports into the store, streamed through
 * libcsv (data.md section 2; csvin.h).
 *
 * One Reader holds everything about the file being read, so several can
 * run at once (issue 7).  Input is fed to libcsv one physical line at a
 * time, so every record knows the line it starts on; its bytes are kept
 * (for the rejects file) until the next record starts.  Rows are added
 * into the store's counters and forgotten: memory follows reps x periods,
 * never rows.  Cells, the record's bytes and every scratch buffer are
 * reused from row to row. */
#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csvfield.h"
#include "csvhead.h"
#include "measure.h"
#include "mem.h"

enum {
    CHUNK = 1 << 16,             /* bytes read at a time */
    MAX_RECORD_LINES = 1000,     /* a quoted field longer than this never closed */
    MAX_RECORD_BYTES = 1 << 20,
    MAX_REFEED_DEPTH = 4,
    MEMO_KEY = 48,               /* longest cell text the memos keep */
    MEMOS = 16,
    SHOW_MAX = 40,               /* longest cell text quoted in a reason */
    REJECT_ROW_MAX = 1000,       /* longest row text written to the rejects file */
    UNIT = 10000,                /* store units per count */
};

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

/* The cells of the current record, back to back in one buffer. */
typedef struct Cells {
    Buf text;
    size_t *off, *len;
    int n;
    size_t cap;
} Cells;

/* Remembers what a short cell text meant: dates, activity types, stages. */
typedef struct Memo {
    char key[MEMO_KEY];
    size_t n;
    int a, b;
} Memo;

typedef struct Reader {
    const char *name;            /* for messages: the path, or <stdin> */
    const CsvOptions *opt;
    Store *store;
    Diag *d;
    FILE *in;
    int own_in;                  /* in is ours to close */
    struct csv_parser csv;
    int csv_ready;
    unsigned char delim;
    int decimal_comma;
    int cp1252;                  /* text is Windows-1252, not UTF-8 */
    DateOrder order;             /* how slash dates read (AUTO: not known yet) */
    /* where we are */
    long lineno;                 /* the line the next byte is on */
    long rec_line;               /* the line the current record started on */
    int rec_open, rec_ended, prev_cr;
    const char *chunk;           /* the chunk being fed, for the date scan */
    size_t chunk_len, chunk_pos;
    Buf raw;                     /* the current record's bytes */
    Cells cells;
    int header_seen;
    CsvLayout lay;
    int refeed;                  /* re-read the record's lines after its first */
    size_t refeed_from;
    int depth;
    int stop;                    /* stop reading: an error was reported */
    int skip_line;               /* drop bytes to the end of an over-long line */
    /* per column */
    Memo *dates;
    long long *vals;
    unsigned char *has, *is_date;
    int *ids;
    /* memos */
    Memo acts[MEMOS], stages[MEMOS];
    int nacts, nstages;
    Buf last_rep;
    int last_rep_id;
    /* counts */
    long rows, accepted, rejected, footer, blank, unknown_stages;
    char unknown[3][SHOW_MAX + 8];
    int nunknown;
    Buf conv[4];                 /* scratch for text turned into UTF-8 */
    char reason[512];
} Reader;

static void buf_add(Buf *b, const char *s, size_t n)
{
    b->p = xgrow(b->p, &b->cap, b->len + n, 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

const char *csvin_shape_name(CsvShape shape)
{
    static const char *const names[] = {
        [SHAPE_UNKNOWN] = "unknown", [SHAPE_ACTIVITIES] = "activities",
        [SHAPE_OPPORTUNITIES] = "opportunities", [SHAPE_METRICS] = "metrics",
        [SHAPE_TARGETS] = "targets", [SHAPE_ROSTER] = "roster",
    };
    return shape <= SHAPE_ROSTER ? names[shape] : "?";
}

/* --- cells and text --- */

static void cell(const Reader *r, int col, const char **s, size_t *n)
{
    if (col < 0 || col >= r->cells.n) {
        *s = "";
        *n = 0;
        return;
    }
    *s = r->cells.text.p + r->cells.off[col];
    *n = r->cells.len[col];
    csvfield_trim(s, n);
}

static int is_empty(const Reader *r, int col)
{
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    return n == 0;
}

/* s as NUL-terminated UTF-8 in scratch buffer `slot`: converted from
 * Windows-1252 when the file is (decided by the first invalid UTF-8 met). */
static const char *utf8(Reader *r, int slot, const char *s, size_t n)
{
    Buf *b = &r->conv[slot];
    int high = 0;
    for (size_t i = 0; i < n && !high; i++)
        high = (unsigned char)s[i] >= 0x80;
    if (high && !r->cp1252 && !csvfield_utf8_valid(s, n))
        r->cp1252 = 1;
    b->p = xgrow(b->p, &b->cap, 3 * n + 1, 1);
    b->len = high && r->cp1252 ? csvfield_cp1252(s, n, b->p) : (memcpy(b->p, s, n), n);
    b->p[b->len] = '\0';
    return b->p;
}

/* utf8, with line breaks and tabs made spaces and runs of spaces one:
 * for rep names (so exports that space a name differently still join),
 * headers and the text quoted in messages. */
static const char *one_line(Reader *r, int slot, const char *s, size_t n)
{
    Buf *b = &r->conv[slot];
    utf8(r, slot, s, n);
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
static const char *header_text(Reader *r, int col)
{
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    return one_line(r, 0, s, n);
}

static const char *cell_utf8(Reader *r, int slot, int col)
{
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    return utf8(r, slot, s, n);
}

/* A cell's text for a reason: UTF-8, cut after SHOW_MAX bytes. */
static const char *show(Reader *r, const char *s, size_t n)
{
    const char *t = one_line(r, 3, s, n);
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

static const char *because(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *because(Reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof r->reason, fmt, ap);
    va_end(ap);
    return r->reason;
}

static Memo *memo_find(Memo *m, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (m[i].n == len && memcmp(m[i].key, s, len) == 0)
            return &m[i];
    return NULL;
}

/* Stores s in a memo table (round robin once full); NULL when too long. */
static Memo *memo_put(Memo *m, int *n, const char *s, size_t len)
{
    if (len > MEMO_KEY)
        return NULL;
    Memo *slot = *n < MEMOS ? &m[(*n)++] : &m[(unsigned)(s[0] + len) % MEMOS];
    memcpy(slot->key, s, len);
    slot->n = len;
    return slot;
}

/* --- dates --- */

static void stop_at(Reader *r)
{
    r->stop = 1;
}

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

static int space_or_tab(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int space_only(unsigned char c)
{
    return c == ' ';
}

static void parser_init(struct csv_parser *p, unsigned char delim)
{
    csv_init(p, 0);
    csv_set_delim(p, delim);
    csv_set_space_func(p, delim == '\t' ? space_only : space_or_tab);
    csv_set_realloc_func(p, xrealloc);
    csv_set_free_func(p, free);
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
    parser_init(&p, r->delim);
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
    csvfield_slash_date(s, n, &proves);
    if (proves == DATES_AUTO)
        proves = scan_order(r);
    if (proves == DATES_AUTO) {
        diag_line_error(r->d, r->name, r->rec_line,
                        "the date '%s' could be day-first or month-first, and no date in the file "
                        "settles it; pass --date-format dd/mm/yyyy or --date-format mm/dd/yyyy",
                        show(r, s, n));
        stop_at(r);
        return 0;
    }
    r->order = proves;
    return 1;
}

/* A date cell: NULL and *day, or the reason it cannot be used.  An empty
 * optional cell gives *day = -1. */
static const char *date_cell(Reader *r, int col, const char *what, int optional, int *day)
{
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    *day = -1;
    if (n == 0)
        return optional ? NULL : because(r, "empty %s", what);
    Memo *m = &r->dates[col];
    if (m->n == n && memcmp(m->key, s, n) == 0) {
        *day = m->a;
        return NULL;
    }
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
        return because(r, "%s '%s' is not a real date%s", what, show(r, s, n),
                       !is_slash ? "" : r->order == DATES_DMY ? " (this file's dates read dd/mm/yyyy)"
                                                              : " (this file's dates read mm/dd/yyyy)");
    case DATE_SHORT_YEAR:
        return because(r, "%s '%s' has a two-digit year; export dates with four-digit years",
                        what, show(r, s, n));
    default:
        return because(r, "%s '%s' is not a date (write dates as 2026-01-05, 05.01.2026 or 1/5/2026)",
                       what, show(r, s, n));
    }
}

/* A period cell of a metrics or targets file. */
static const char *period_cell(Reader *r, int date_is_week, PeriodSpan *sp)
{
    int col = r->lay.col[CF_PERIOD];
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    if (n == 0)
        return because(r, "empty period");
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
        return because(r, "period '%s' is not a real date", show(r, s, n));
    return because(r, "period '%s' is not a period (write 2026-01-05, 2026-W02, 2026-01 or 2026-Q1)",
                   show(r, s, n));
}

/* --- numbers --- */

static const char *number_cell(Reader *r, int col, const char *what, long long *units, int *empty)
{
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    *units = 0;
    *empty = 0;
    switch (csvfield_number(s, n, r->decimal_comma, units)) {
    case NUM_OK:
        return NULL;
    case NUM_EMPTY:
        *empty = 1;
        return NULL;
    case NUM_TOO_BIG:
        return because(r, "%s '%s' is too large", what, show(r, s, n));
    default:
        return because(r, "%s '%s' is not a number", what, show(r, s, n));
    }
}

/* --- reps --- */

/* The row's rep: interned by its UTF-8 name (the last one is remembered,
 * as exports come sorted by owner). */
static int rep_of(Reader *r)
{
    const char *s;
    size_t n;
    cell(r, r->lay.col[CF_REP], &s, &n);
    if (r->last_rep_id >= 0 && r->last_rep.len == n && memcmp(r->last_rep.p, s, n) == 0)
        return r->last_rep_id;
    r->last_rep.len = 0;
    buf_add(&r->last_rep, s, n);
    int plain = 1;
    for (size_t i = 0; i < n && plain; i++)
        plain = (unsigned char)s[i] < 0x80 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' &&
                !(s[i] == ' ' && i + 1 < n && s[i + 1] == ' ');
    if (!plain) {
        s = one_line(r, 0, s, n);
        n = r->conv[0].len;
    }
    r->last_rep_id = store_rep(r->store, s, n);
    return r->last_rep_id;
}

/* team and manager from a data row, unless the rep has them already. */
static void offer_fields(Reader *r, int rep)
{
    static const CsvField which[] = {CF_TEAM, CF_MANAGER};
    for (int k = 0; k < 2; k++) {
        int col = r->lay.col[which[k]];
        const char *name = csvhead_field_name(which[k]);
        if (col >= 0 && !is_empty(r, col) && !store_rep_field(r->store, rep, name))
            store_offer_field(r->store, rep, name, cell_utf8(r, 1, col));
    }
}

/* Rep fields of a metrics or targets row (region, role, team, ...). */
static void offer_attrs(Reader *r, int rep)
{
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->lay.cols[c].role == COL_ATTR && !is_empty(r, c) &&
            !store_rep_field(r->store, rep, r->lay.cols[c].name))
            store_offer_field(r->store, rep, r->lay.cols[c].name, cell_utf8(r, 1, c));
}

/* --- activities --- */

/* The activity type: *kind is a built-in measure (calls .. emails, or
 * opportunities/won/lost for deal rows) or -1, *id the store's measure. */
static const char *activity_cell(Reader *r, int *kind, int *id)
{
    const char *s;
    size_t n;
    cell(r, r->lay.col[CF_ACTIVITY], &s, &n);
    if (n == 0)
        return because(r, "empty activity type");
    Memo *m = memo_find(r->acts, r->nacts, s, n);
    if (m) {
        *kind = m->a;
        *id = m->b;
        return NULL;
    }
    const char *text = utf8(r, 1, s, n);
    *kind = csvfield_activity(text, r->conv[1].len);
    *id = *kind;
    if (*kind < 0) {
        char name[128];
        if (csvfield_snake(text, r->conv[1].len, name, sizeof name) == 0)
            return because(r, "activity type '%s' has no letters or digits", show(r, s, n));
        *id = store_activity_measure(r->store, name);
    }
    if ((m = memo_put(r->acts, &r->nacts, s, n)) != NULL) {
        m->a = *kind;
        m->b = *id;
    }
    return NULL;
}

/* row -> date rep activity [amount] [team] [manager] */
static const char *activity_row(Reader *r)
{
    const CsvLayout *lay = &r->lay;
    int day, kind = -1, id = -1, empty;
    long long amount = 0;
    const char *why;
    if (is_empty(r, lay->col[CF_REP]))
        return because(r, "empty rep");
    if ((why = date_cell(r, lay->col[CF_DATE], "date", 0, &day)) != NULL ||
        (why = activity_cell(r, &kind, &id)) != NULL ||
        (lay->col[CF_AMOUNT] >= 0 &&
         (why = number_cell(r, lay->col[CF_AMOUNT], "amount", &amount, &empty)) != NULL))
        return why;
    int rep = rep_of(r);
    store_seen(r->store, rep, day);
    offer_fields(r, rep);
    if (kind == M_WON || kind == M_LOST) {
        store_add(r->store, rep, day, kind, UNIT);
        store_add(r->store, rep, day, kind == M_WON ? M_WON_AMOUNT : M_LOST_AMOUNT, amount);
    } else {
        store_add(r->store, rep, day, id, UNIT);
    }
    return NULL;
}

/* --- opportunities --- */

/* A yes/no cell: 1, 0, or -1 when empty or absent. */
static const char *flag_cell(Reader *r, int col, const char *what, int *flag)
{
    const char *s;
    size_t n;
    cell(r, col, &s, &n);
    *flag = col < 0 ? -1 : csvfield_flag(s, n);
    if (*flag == -2)
        return because(r, "%s '%s' is not yes or no (1/0, true/false)", what, show(r, s, n));
    return NULL;
}

/* The stage cell's class (remembered per spelling). */
static StageClass stage_of(Reader *r, const char **text)
{
    const char *s;
    size_t n;
    int col = r->lay.col[CF_STAGE];
    cell(r, col, &s, &n);
    *text = s;
    if (col < 0)
        return STAGE_UNKNOWN;
    Memo *m = memo_find(r->stages, r->nstages, s, n);
    if (m)
        return (StageClass)m->a;
    const char *t = utf8(r, 2, s, n);
    StageClass st = csvfield_stage(t, r->conv[2].len);
    if ((m = memo_put(r->stages, &r->nstages, s, n)) != NULL)
        m->a = st;
    return st;
}

/* Remembers up to three unknown stage names for the end-of-file note. */
static void note_unknown_stage(Reader *r, const char *s, size_t n)
{
    const char *t = n ? show(r, s, n) : "(empty)";
    r->unknown_stages++;
    for (int i = 0; i < r->nunknown; i++)
        if (strcmp(r->unknown[i], t) == 0)
            return;
    if (r->nunknown < 3)
        snprintf(r->unknown[r->nunknown++], sizeof r->unknown[0], "%s", t);
}

/* won, lost or open, from the Won/Closed flags when the export has them
 * (they follow the org's own stage definitions), else from the stage. */
static StageClass deal_status(StageClass st, int won, int closed)
{
    if (won == 1)
        return STAGE_WON;
    if (closed == 0)
        return STAGE_OPEN;
    if (closed == 1)
        return won == 0 ? STAGE_LOST : st == STAGE_WON || st == STAGE_LOST ? st : STAGE_LOST;
    if (won == 0 && st == STAGE_WON)
        return STAGE_LOST;
    return st;
}

/* The close cell: a date, or (a Salesforce "Closed" column) a yes/no. */
static const char *close_cell(Reader *r, int *closed_day, int *closed_flag)
{
    const char *s;
    size_t n;
    int col = r->lay.col[CF_CLOSED];
    cell(r, col, &s, &n);
    *closed_day = -1;
    if (n && (*closed_flag = csvfield_flag(s, n)) >= 0)
        return NULL;
    return date_cell(r, col, "close date", 1, closed_day);
}

typedef struct Deal {
    int created, closed;
    long long amount;
    StageClass status;
} Deal;

/* Checks a deal row; fills d. */
static const char *read_deal(Reader *r, Deal *d)
{
    const CsvLayout *lay = &r->lay;
    int won, closed_flag = -1, empty;
    const char *why, *stage;
    if (is_empty(r, lay->col[CF_REP]))
        return because(r, "empty rep");
    if ((why = date_cell(r, lay->col[CF_CREATED], "created date", 0, &d->created)) != NULL ||
        (why = close_cell(r, &d->closed, &closed_flag)) != NULL ||
        (why = flag_cell(r, lay->col[CF_WON], "won flag", &won)) != NULL ||
        (lay->col[CF_IS_CLOSED] >= 0 &&
         (why = flag_cell(r, lay->col[CF_IS_CLOSED], "closed flag", &closed_flag)) != NULL) ||
        (why = number_cell(r, lay->col[CF_AMOUNT], "amount", &d->amount, &empty)) != NULL)
        return why;
    StageClass st = stage_of(r, &stage);
    d->status = deal_status(st, won, closed_flag);
    if (d->status == STAGE_UNKNOWN && lay->col[CF_STAGE] >= 0) {
        size_t n;
        cell(r, lay->col[CF_STAGE], &stage, &n);
        if (r->opt->strict)
            return n ? because(r, "stage '%s' is not a stage Pace knows (won: Closed Won, Won; "
                                  "lost: Closed Lost, Lost)", show(r, stage, n))
                     : because(r, "empty stage");
        note_unknown_stage(r, stage, n);
    }
    if (d->status == STAGE_WON || d->status == STAGE_LOST) {
        if (d->closed < 0)
            return because(r, "the deal is %s but has no close date",
                           d->status == STAGE_WON ? "won" : "lost");
        if (d->closed < d->created) {
            char a[11], b[11];
            date_format(d->closed, a);
            date_format(d->created, b);
            return because(r, "close date %s is before the created date %s", a, b);
        }
    }
    return NULL;
}

/* row -> rep created stage [closed] [amount] [won] [is_closed] [team] ... */
static const char *deal_row(Reader *r)
{
    Deal d;
    const char *why = read_deal(r, &d);
    if (why)
        return why;
    Store *s = r->store;
    int rep = rep_of(r);
    store_seen(s, rep, d.created);
    offer_fields(r, rep);
    store_add(s, rep, d.created, M_OPPORTUNITIES, UNIT);
    store_add(s, rep, d.created, M_PIPELINE, d.amount);
    if (d.status == STAGE_WON || d.status == STAGE_LOST) {
        int won = d.status == STAGE_WON;
        store_seen(s, rep, d.closed);
        store_add(s, rep, d.closed, M_PIPELINE, -d.amount);
        store_add(s, rep, d.closed, won ? M_WON : M_LOST, UNIT);
        store_add(s, rep, d.closed, won ? M_WON_AMOUNT : M_LOST_AMOUNT, d.amount);
        if (won)
            store_add(s, rep, d.closed, M_CYCLE_DAYS, (long long)(d.closed - d.created) * UNIT);
    }
    return NULL;
}

/* --- metrics and targets --- */

/* Reads every figure column of the row into r->vals / r->has. */
static const char *read_figures(Reader *r, ColRole role)
{
    for (int c = 0; c < r->lay.ncols; c++) {
        const char *s;
        size_t n;
        r->has[c] = 0;
        if (r->lay.cols[c].role != role)
            continue;
        cell(r, c, &s, &n);
        NumResult res = csvfield_number(s, n, r->decimal_comma, &r->vals[c]);
        if (res == NUM_BAD || res == NUM_TOO_BIG)
            return because(r, "value '%s' in column '%.60s' is %s", show(r, s, n),
                           r->lay.cols[c].header, res == NUM_BAD ? "not a number" : "too large");
        r->has[c] = res == NUM_OK;
    }
    return NULL;
}

/* row -> rep period figure... */
static const char *metrics_row(Reader *r)
{
    PeriodSpan sp;
    const char *why;
    if (is_empty(r, r->lay.col[CF_REP]))
        return because(r, "empty rep");
    if ((why = period_cell(r, 0, &sp)) != NULL || (why = read_figures(r, COL_MEASURE)) != NULL)
        return why;
    int rep = rep_of(r);
    store_seen(r->store, rep, sp.first);
    offer_attrs(r, rep);
    PeriodKind from = sp.kind < 0 ? PER_WEEK : (PeriodKind)sp.kind;
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->has[c])
            store_add_figure(r->store, rep, sp.first, from, r->ids[c], r->vals[c]);
    return NULL;
}

/* row -> rep period goal... (a plain date names the week holding it) */
static const char *targets_row(Reader *r)
{
    PeriodSpan sp;
    const char *why;
    if (is_empty(r, r->lay.col[CF_REP]))
        return because(r, "empty rep");
    if ((why = period_cell(r, 1, &sp)) != NULL || (why = read_figures(r, COL_GOAL)) != NULL)
        return why;
    const char *s;
    size_t n;
    cell(r, r->lay.col[CF_REP], &s, &n);
    const char *name = one_line(r, 0, s, n);
    int known = store_find_rep(r->store, name, r->conv[0].len);
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->has[c] && known >= 0 &&
            store_has_target(r->store, known, r->lay.cols[c].name, sp.first, sp.last)) {
            char a[11], b[11];
            date_format(sp.first, a);
            date_format(sp.last, b);
            return because(r, "a second %s target for %s for %s to %s", r->lay.cols[c].name,
                           name, a, b);
        }
    int rep = rep_of(r);
    offer_attrs(r, rep);
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->has[c])
            store_add_target(r->store, rep, r->lay.cols[c].name, sp.first, sp.last, r->vals[c]);
    return NULL;
}

/* --- roster --- */

/* row -> rep field... [left] */
static const char *roster_row(Reader *r)
{
    int left;
    const char *why;
    if (is_empty(r, r->lay.col[CF_REP]))
        return because(r, "empty rep");
    if ((why = date_cell(r, r->lay.col[CF_LEFT], "left date", 1, &left)) != NULL)
        return why;
    int rep = rep_of(r);
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->lay.cols[c].role == COL_ATTR && !is_empty(r, c))
            store_set_field(r->store, rep, r->lay.cols[c].name, cell_utf8(r, 1, c));
    if (left >= 0) {
        char iso[11];
        date_format(left, iso);
        store_set_left(r->store, rep, left);
        store_set_field(r->store, rep, "left", iso);
    }
    return NULL;
}

/* --- records --- */

static int odd_quotes(const Reader *r)
{
    size_t q = 0;
    for (size_t i = 0; i < r->raw.len; i++)
        q += r->raw.p[i] == '"';
    return (int)(q & 1);
}

/* Bytes of the record's first line, and where its second starts. */
static size_t first_line(const Reader *r, size_t *next)
{
    size_t i = 0;
    while (i < r->raw.len && r->raw.p[i] != '\n' && r->raw.p[i] != '\r')
        i++;
    *next = i;
    if (*next < r->raw.len && r->raw.p[*next] == '\r')
        (*next)++;
    if (*next < r->raw.len && r->raw.p[*next] == '\n')
        (*next)++;
    return i;
}

/* Writes s as one CSV cell, quoted when it must be. */
static void put_cell(FILE *f, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

/* file,line,reason,row */
static void write_reject(Reader *r, const char *why, size_t len)
{
    FILE *f = r->opt->rejects;
    while (len > 0 && (r->raw.p[len - 1] == '\n' || r->raw.p[len - 1] == '\r'))
        len--;
    const char *row = r->raw.p ? r->raw.p : "";
    int high = 0;
    for (size_t i = 0; i < len && !high; i++)
        high = (unsigned char)row[i] >= 0x80;
    Buf *b = &r->conv[2];
    if (high && r->cp1252) {
        b->p = xgrow(b->p, &b->cap, 3 * len + 1, 1);
        len = csvfield_cp1252(row, len, b->p);
        row = b->p;
    }
    int cut = len > REJECT_ROW_MAX;
    if (cut) {
        len = REJECT_ROW_MAX;
        while (len > 0 && ((unsigned char)row[len] & 0xC0) == 0x80)
            len--;
    }
    put_cell(f, r->name, strlen(r->name));
    fprintf(f, ",%ld,", r->rec_line);
    put_cell(f, why, strlen(why));
    fputc(',', f);
    put_cell(f, row, len);
    if (cut)
        fputs("...", f);
    fputc('\n', f);
}

/* A row that cannot be used: counted, written to the rejects file, and in
 * strict mode the end of the run. */
static void reject(Reader *r, const char *why, size_t len)
{
    r->rejected++;
    if (r->opt->rejects)
        write_reject(r, why, len);
    if (r->opt->strict) {
        diag_line_error(r->d, r->name, r->rec_line, "%s", why);
        stop_at(r);
    }
}

static int blank_record(const Reader *r)
{
    for (int c = 0; c < r->cells.n; c++)
        if (!is_empty(r, c))
            return 0;
    return 1;
}

/* Salesforce report footers: "Grand Totals (25 records)", "Confidential
 * Information - Do Not Distribute", "Copyright (c) 2000-2026 salesforce.com". */
static int footer_record(const Reader *r)
{
    static const char *const starts[] = {
        "grand total", "gesamtsumme", "gesamtergebnis", "confidential information",
        "vertrauliche informationen", "vertraulich", "copyright", "\xc2\xa9", "\xa9",
        "generated by", "erstellt von",
    };
    const char *s;
    size_t n;
    cell(r, 0, &s, &n);
    if (n == 0 || !strchr("gGcCvVeE\xc2\xa9", s[0]))
        return 0;
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t len = strlen(starts[k]);
        if (n >= len && strncasecmp(s, starts[k], len) == 0)
            return 1;
    }
    return 0;
}

/* A quoted field that never closed swallowed the lines after this one:
 * the first line is a bad row, the others are read again. */
static void runaway(Reader *r)
{
    size_t next, len = first_line(r, &next);
    reject(r, "unbalanced quote (a quoted field opened on this line never closes)", len);
    r->refeed = 1;
    r->refeed_from = next;
}

static void header(Reader *r);

/* A data record: counted, checked, added to the store or rejected. */
static void record(Reader *r, int end)
{
    if (blank_record(r)) {
        r->blank++;
        return;
    }
    if (footer_record(r)) {
        r->footer++;
        return;
    }
    r->rows++;
    int multiline = r->lineno > r->rec_line, odd = odd_quotes(r);
    int count_ok = r->cells.n == r->lay.ncols;
    if (multiline && (odd || !count_ok)) {
        runaway(r);
        return;
    }
    if (!count_ok || (end == -1 && odd)) {
        if (odd)
            reject(r, "unbalanced quote", r->raw.len);
        else
            reject(r, because(r, "expected %d fields, found %d", r->lay.ncols, r->cells.n), r->raw.len);
        return;
    }
    const char *why;
    switch (r->lay.shape) {
    case SHAPE_ACTIVITIES: why = activity_row(r); break;
    case SHAPE_OPPORTUNITIES: why = deal_row(r); break;
    case SHAPE_METRICS: why = metrics_row(r); break;
    case SHAPE_TARGETS: why = targets_row(r); break;
    default: why = roster_row(r); break;
    }
    if (r->stop && why && !*why)
        return;                       /* settle_order reported it */
    if (why)
        reject(r, why, r->raw.len);
    else
        r->accepted++;
}

/* libcsv: a cell ended. */
static void on_cell(void *s, size_t n, void *data)
{
    Reader *r = data;
    Cells *c = &r->cells;
    if ((size_t)c->n >= c->cap) {
        size_t cap = c->cap;
        c->off = xgrow(c->off, &cap, (size_t)c->n, sizeof *c->off);
        c->len = xrealloc(c->len, cap * sizeof *c->len);
        c->cap = cap;
    }
    c->off[c->n] = c->text.len;
    c->len[c->n] = n;
    c->n++;
    buf_add(&c->text, s ? s : "", n);
}

/* libcsv: a record ended (end is the terminator, or -1 at end of file). */
static void on_record(int end, void *data)
{
    Reader *r = data;
    r->rec_ended = 1;
    if (!r->stop) {
        if (r->header_seen)
            record(r, end);
        else
            header(r);
    }
    r->cells.n = 0;
    r->cells.text.len = 0;
}

/* --- feeding libcsv --- */

static void parse(Reader *r, const char *s, size_t n)
{
    if (csv_parse(&r->csv, s, n, on_cell, on_record, r) != n && !r->stop) {
        diag_fail(r->d, "cannot read %s: %s", r->name, csv_strerror(csv_error(&r->csv)));
        stop_at(r);
    }
}

static void feed(Reader *r, const char *buf, size_t len, int top);

/* Reads the lines a runaway quote swallowed again, as records of their own. */
static void refeed(Reader *r)
{
    r->refeed = 0;
    if (r->depth >= MAX_REFEED_DEPTH || r->refeed_from >= r->raw.len)
        return;
    size_t n = r->raw.len - r->refeed_from;
    char *tail = xmalloc(n);
    memcpy(tail, r->raw.p + r->refeed_from, n);
    long line = r->lineno;
    int cr = r->prev_cr;
    r->lineno = r->rec_line + 1;
    r->prev_cr = 0;
    r->rec_open = 0;
    r->depth++;
    feed(r, tail, n, 0);
    r->depth--;
    free(tail);
    r->lineno = line;
    r->prev_cr = cr;
}

/* A record has run on too long: one line over 1 MB (the rest of the line
 * is skipped), or an open quoted field (its first line is a bad row, the
 * lines after it are read again). */
static void cut_runaway(Reader *r)
{
    int one = r->lineno == r->rec_line;
    csv_fini(&r->csv, NULL, NULL, NULL);
    r->cells.n = 0;
    r->cells.text.len = 0;
    r->rec_open = 0;
    if (!r->header_seen) {
        diag_line_error(r->d, r->name, r->rec_line, "%s", one
                        ? "the header row is longer than 1 MB: this is not a CSV export"
                        : "the header row has an unbalanced quote");
        stop_at(r);
        return;
    }
    r->rows++;
    if (one) {
        reject(r, "the row is longer than 1 MB", r->raw.len);
        r->skip_line = 1;
        return;
    }
    runaway(r);
    if (!r->stop)
        refeed(r);
}

/* Drops bytes up to the end of an over-long line; returns where the next
 * line starts (len when it is not in buf). */
static size_t skip_rest(Reader *r, const char *buf, size_t len, size_t i)
{
    while (i < len && buf[i] != '\n' && buf[i] != '\r')
        i++;
    if (i == len)
        return len;
    r->skip_line = 0;
    r->lineno++;
    r->prev_cr = buf[i] == '\r';
    return i + 1;
}

/* Feeds bytes to libcsv one physical line at a time, so every record
 * knows the line it starts on.  top: the bytes are the file's (not lines
 * read again), so the date scan may read on from chunk_pos. */
static void feed(Reader *r, const char *buf, size_t len, int top)
{
    size_t i = 0;
    while (i < len && !r->stop) {
        if (r->skip_line) {
            i = skip_rest(r, buf, len, i);
            if (top)
                r->chunk_pos = (size_t)(buf + i - r->chunk);
            continue;
        }
        if (r->prev_cr && buf[i] == '\n') {           /* the LF of a CR LF */
            if (r->rec_open)
                buf_add(&r->raw, buf + i, 1);
            r->prev_cr = 0;
            i++;
            if (top)
                r->chunk_pos = (size_t)(buf + i - r->chunk);
            parse(r, buf + i - 1, 1);
            continue;
        }
        size_t j = i;
        int content = 0;
        for (; j < len && buf[j] != '\n' && buf[j] != '\r'; j++)
            if (buf[j] != ' ' && buf[j] != '\t')
                content = 1;
        int term = j < len;
        j += term;
        if (!r->rec_open) {
            r->rec_line = r->lineno;
            r->raw.len = 0;
        }
        if (r->rec_open || content)
            buf_add(&r->raw, buf + i, j - i);
        r->rec_ended = 0;
        if (top)
            r->chunk_pos = (size_t)(buf + j - r->chunk);
        parse(r, buf + i, j - i);
        r->lineno += term;
        r->prev_cr = term && buf[j - 1] == '\r';
        r->rec_open = !r->rec_ended && (r->rec_open || content);
        i = j;
        if (r->refeed && !r->stop)
            refeed(r);
        else if (r->rec_open && !r->stop &&
                 (r->lineno - r->rec_line >= MAX_RECORD_LINES || r->raw.len > MAX_RECORD_BYTES))
            cut_runaway(r);
    }
}

/* --- the header --- */

/* Per-column state, once the header says how many columns there are. */
static void setup_columns(Reader *r)
{
    const CsvLayout *lay = &r->lay;
    size_t n = (size_t)(lay->ncols ? lay->ncols : 1);
    r->dates = xcalloc(n, sizeof *r->dates);
    r->vals = xcalloc(n, sizeof *r->vals);
    r->has = xcalloc(n, 1);
    r->is_date = xcalloc(n, 1);
    r->ids = xcalloc(n, sizeof *r->ids);
    static const CsvField dated[] = {CF_DATE, CF_CREATED, CF_CLOSED, CF_PERIOD, CF_LEFT};
    for (size_t k = 0; k < sizeof dated / sizeof dated[0]; k++)
        if (lay->col[dated[k]] >= 0)
            r->is_date[lay->col[dated[k]]] = 1;
    for (int c = 0; c < lay->ncols; c++)
        r->ids[c] = lay->cols[c].role == COL_MEASURE ? store_figure_measure(r->store, lay->cols[c].name) : -1;
    if (lay->shape == SHAPE_ACTIVITIES)
        store_loaded(r->store, STORE_FROM_ACTIVITIES);
    if (lay->shape == SHAPE_OPPORTUNITIES)
        store_loaded(r->store, STORE_FROM_OPPORTUNITIES);
}

/* The first record: which shape the file is, and which column is what. */
static void header(Reader *r)
{
    if (blank_record(r))
        return;
    if (r->lineno > r->rec_line && odd_quotes(r)) {
        diag_line_error(r->d, r->name, r->rec_line, "the header row has an unbalanced quote");
        stop_at(r);
        return;
    }
    int n = r->cells.n;
    char **h = xcalloc((size_t)(n ? n : 1), sizeof *h);
    for (int c = 0; c < n; c++)
        h[c] = xstrdup(header_text(r, c));
    int ok = csvhead_layout(&r->lay, h, n, r->opt);
    for (int c = 0; c < n; c++)
        free(h[c]);
    free(h);
    r->header_seen = 1;
    if (!ok) {
        diag_line_error(r->d, r->name, r->rec_line,
                        "cannot tell what this file holds from its header row");
        csvhead_explain(&r->lay, r->d->out);
        stop_at(r);
        return;
    }
    for (int f = 0; f < CF_FIELDS; f++)
        if (r->lay.dup[f] >= 0)
            diag_line_warning(r->d, r->name, r->rec_line,
                              "the header names '%s' twice (columns %d and %d); using column %d",
                              r->lay.cols[r->lay.col[f]].header, r->lay.col[f] + 1,
                              r->lay.dup[f] + 1, r->lay.col[f] + 1);
    setup_columns(r);
}

/* --- the file --- */

/* What the first bytes say about a file that is not CSV text. */
static const char *not_csv(const unsigned char *b, size_t n)
{
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return "is UTF-16 text; save it as CSV UTF-8 (in Excel: File > Save As > CSV UTF-8)";
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return "is an Excel workbook (.xlsx), not CSV; in Excel use File > Save As > CSV UTF-8";
    if (n >= 4 && memcmp(b, "\xD0\xCF\x11\xE0", 4) == 0)
        return "is an old Excel workbook (.xls), not CSV; in Excel use File > Save As > CSV UTF-8";
    if (n >= 4 && memcmp(b, "%PDF", 4) == 0)
        return "is a PDF, not CSV";
    size_t i = 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    if (i < n && b[i] == '<')
        return "looks like HTML or XML, not CSV (a Salesforce \"Formatted\" export?); "
               "export the report as Details Only, CSV";
    if (i < n && (b[i] == '{' || b[i] == '['))
        return "looks like JSON, not CSV";
    if (memchr(b, 0, n))
        return "is not CSV text: it holds binary data (NUL bytes)";
    return NULL;
}

/* The delimiter: the most frequent of , ; tab | outside quotes in the
 * header line (ties go to the comma). */
static unsigned char sniff_delimiter(const char *s, size_t n)
{
    static const char cand[] = {',', ';', '\t', '|'};
    size_t count[4] = {0};
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        for (int k = 0; k < 4 && !quoted; k++)
            count[k] += s[i] == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (count[k] > count[best])
            best = k;
    return (unsigned char)cand[best];
}

/* Before the first byte goes to libcsv: BOM, non-CSV files, Excel's
 * "sep=;" line, the delimiter, the decimal comma, the encoding. */
static int start(Reader *r, const char *buf, size_t len, size_t *skip)
{
    const unsigned char *b = (const unsigned char *)buf;
    *skip = 0;
    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        *skip = 3;
    const char *why = not_csv(b + *skip, len - *skip);
    size_t i = *skip;
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    if (i == len) {
        diag_fail(r->d, "%s is empty; expected a CSV export with a header row", r->name);
        return 1;
    }
    if (why) {
        diag_fail(r->d, "%s %s", r->name, why);
        return 1;
    }
    r->delim = (unsigned char)r->opt->delimiter;
    if (len - *skip >= 5 && strncasecmp(buf + *skip, "sep=", 4) == 0 &&
        (len - *skip == 5 || buf[*skip + 5] == '\n' || buf[*skip + 5] == '\r')) {
        if (!r->delim)
            r->delim = (unsigned char)buf[*skip + 4];
        *skip += 5;
    }
    if (!r->delim)
        r->delim = sniff_delimiter(buf + *skip, len - *skip);
    r->decimal_comma = r->opt->decimal_comma || r->delim == ';';
    size_t check = len == CHUNK ? len - 3 : len;
    r->cp1252 = !csvfield_utf8_valid(buf + *skip, check - *skip);
    parser_init(&r->csv, r->delim);
    r->csv_ready = 1;
    return 0;
}

static size_t read_chunk(FILE *in, char *buf)
{
    size_t len = 0, got;
    while (len < CHUNK && (got = fread(buf + len, 1, CHUNK - len, in)) > 0)
        len += got;
    return len;
}

/* A NUL byte past the first chunk: binary data. */
static int binary_at(Reader *r, const char *buf, size_t len)
{
    const char *nul = memchr(buf, 0, len);
    if (!nul)
        return 0;
    long line = r->lineno;
    for (const char *p = buf; p < nul; p++)
        line += *p == '\n';
    diag_fail(r->d, "%s is not CSV text: it holds binary data (a NUL byte on line %ld)", r->name, line);
    stop_at(r);
    return 1;
}

/* Ends the parse: the last record, and any lines a runaway quote at the
 * end swallowed. */
static void finish(Reader *r)
{
    while (!r->stop) {
        csv_fini(&r->csv, on_cell, on_record, r);
        if (!r->refeed)
            break;
        refeed(r);
    }
}

static int read_all(Reader *r)
{
    char *buf = xmalloc(CHUNK);
    size_t skip, len = read_chunk(r->in, buf);
    if (ferror(r->in)) {
        diag_fail(r->d, "cannot read %s: %s", r->name, strerror(errno));
        free(buf);
        return 1;
    }
    if (start(r, buf, len, &skip) != 0) {
        free(buf);
        return 1;
    }
    r->lineno = 1;
    while (len > 0 && !r->stop && !binary_at(r, buf + skip, len - skip)) {
        r->chunk = buf;
        r->chunk_len = len;
        feed(r, buf + skip, len - skip, 1);
        skip = 0;
        len = read_chunk(r->in, buf);
    }
    if (!r->stop && ferror(r->in)) {
        diag_fail(r->d, "cannot read %s: %s", r->name, strerror(errno));
        stop_at(r);
    }
    r->chunk = NULL;
    finish(r);
    free(buf);
    if (r->stop)
        return 1;
    if (r->rows == 0 && r->footer == 0) {
        diag_fail(r->d, "%s has a header row but no data rows", r->name);
        return 1;
    }
    return 0;
}

/* Opens the file ("-" is standard input); reports why it cannot. */
static int open_input(Reader *r, const char *path)
{
    if (strcmp(path, "-") == 0) {
        r->in = stdin;
        r->name = "<stdin>";
        return 0;
    }
    r->name = path;
    r->in = fopen(path, "rb");
    if (!r->in) {
        diag_fail(r->d, "cannot read %s: %s", path, strerror(errno));
        return 1;
    }
    r->own_in = 1;
    struct stat st;
    if (fstat(fileno(r->in), &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_fail(r->d, "cannot read %s: it is a folder, not a file", path);
        return 1;
    }
    return 0;
}

/* The notes at the end of a file: skipped footer lines, unknown stages. */
static void notes(Reader *r)
{
    if (r->footer || r->blank) {
        char a[64] = "", b[64] = "";
        if (r->footer)
            snprintf(a, sizeof a, "%ld report footer line%s", r->footer, r->footer == 1 ? "" : "s");
        if (r->blank)
            snprintf(b, sizeof b, "%ld blank line%s", r->blank, r->blank == 1 ? "" : "s");
        diag_info(r->d, "%s: skipped %s%s%s", r->name, a, *a && *b ? " and " : "", b);
    }
    if (r->unknown_stages) {
        char list[3 * (SHOW_MAX + 12)] = "";
        for (int i = 0; i < r->nunknown; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s'%s'", i ? ", " : "",
                     r->unknown[i]);
        diag_info(r->d, "%s: %ld deal%s with a stage Pace does not know, counted as open: %s%s "
                  "(--strict makes this an error)", r->name, r->unknown_stages,
                  r->unknown_stages == 1 ? "" : "s", list, r->unknown_stages > r->nunknown &&
                  r->nunknown == 3 ? ", ..." : "");
    }
}

static void reader_free(Reader *r)
{
    if (r->csv_ready)
        csv_free(&r->csv);
    if (r->own_in && r->in)
        fclose(r->in);
    csvhead_free(&r->lay);
    free(r->raw.p);
    free(r->cells.text.p);
    free(r->cells.off);
    free(r->cells.len);
    free(r->dates);
    free(r->vals);
    free(r->has);
    free(r->is_date);
    free(r->ids);
    free(r->last_rep.p);
    for (int i = 0; i < 4; i++)
        free(r->conv[i].p);
}

int csvin_read(const char *path, const CsvOptions *opt, Store *store, CsvStats *stats, Diag *d)
{
    Reader r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.store = store;
    r.d = d;
    r.order = opt->date_order;
    r.last_rep_id = -1;
    if (opt->rejects && ftell(opt->rejects) <= 0)
        fputs("file,line,reason,row\n", opt->rejects);
    int rc = open_input(&r, path) || read_all(&r);
    if (!rc)
        notes(&r);
    stats->rows += r.rows;
    stats->accepted += r.accepted;
    stats->rejected += r.rejected;
    stats->skipped_footer += r.footer + r.blank;
    reader_free(&r);
    return rc;
}
