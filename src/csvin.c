/* csvin.c — the importer: CRM exports into the store, streamed through
 * libcsv (data.md section 2; csvin.h).
 *
 * One Reader (csvread.h) holds everything about the file being read, so
 * several can run at once (issue 7).  Input is fed to libcsv one physical
 * line at a time, so every record knows the line it starts on; its bytes
 * are kept (for the rejects file) until the next record starts.  Rows are
 * added into the store's counters and forgotten (csvrow.c): memory
 * follows reps x periods, never rows.  Cells, the record's bytes and
 * every scratch buffer are reused from row to row. */
#include "csvread.h"

#include <errno.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>

#include "csvsplit.h"

const char *csvin_shape_name(CsvShape shape)
{
    static const char *const names[] = {
        [SHAPE_UNKNOWN] = "unknown", [SHAPE_ACTIVITIES] = "activities",
        [SHAPE_OPPORTUNITIES] = "opportunities", [SHAPE_METRICS] = "metrics",
        [SHAPE_TARGETS] = "targets", [SHAPE_ROSTER] = "roster",
    };
    return shape <= SHAPE_ROSTER ? names[shape] : "?";
}


/* --- records --- */

void csvin_find_record(Reader *r)
{
    if (!r->lane_find)
        return;
    r->lane_find = 0;
    while (r->lane_at_line < r->rec_line) {      /* every line of a run ends in LF */
        r->lane_at = (const char *)memchr(r->lane_at, '\n', (size_t)(r->lane_end - r->lane_at)) + 1;
        r->lane_at_line++;
    }
    const char *lf = memchr(r->lane_at, '\n', (size_t)(r->lane_end - r->lane_at));
    r->pend = r->lane_at;
    r->pend_n = (size_t)(lf - r->lane_at) + 1;
    if (r->lane_top)
        r->chunk_pos = (size_t)(lf + 1 - r->chunk);
}

/* The record's last line joins its bytes (feed leaves it where it was
 * fed, as most records are one line that is never looked at again). */
static void raw_fix(Reader *r)
{
    csvin_find_record(r);
    if (r->pend_n) {
        csvread_buf_add(&r->raw, r->pend, r->pend_n);
        r->pend_n = 0;
    }
}

static size_t raw_len(Reader *r)
{
    raw_fix(r);
    return r->raw.len;
}

static int odd_quotes(Reader *r)
{
    raw_fix(r);
    size_t q = 0;
    for (size_t i = 0; i < r->raw.len; i++)
        q += r->raw.p[i] == '"';
    return (int)(q & 1);
}

/* Bytes of the record's first line, and where its second starts. */
static size_t first_line(Reader *r, size_t *next)
{
    raw_fix(r);
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

/* Appends s as one CSV cell, quoted when it must be. */
static void put_cell(Buf *b, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        csvread_buf_add(b, s, n);
        return;
    }
    csvread_buf_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            csvread_buf_add(b, "\"", 1);
        csvread_buf_add(b, s + i, 1);
    }
    csvread_buf_add(b, "\"", 1);
}

/* ",reason,row\n": a rejects line after its file and line number. */
static void reject_tail(Reader *r, Buf *b, const char *why, size_t len)
{
    while (len > 0 && (r->raw.p[len - 1] == '\n' || r->raw.p[len - 1] == '\r'))
        len--;
    const char *row = r->raw.p ? r->raw.p : "";
    int high = 0;
    for (size_t i = 0; i < len && !high; i++)
        high = (unsigned char)row[i] >= 0x80;
    Buf *c = &r->conv[2];
    if (high && r->cp1252) {
        c->p = xgrow(c->p, &c->cap, 3 * len + 1, 1);
        len = csvfield_cp1252(row, len, c->p);
        row = c->p;
    }
    int cut = len > REJECT_ROW_MAX;
    if (cut) {
        len = REJECT_ROW_MAX;
        while (len > 0 && ((unsigned char)row[len] & 0xC0) == 0x80)
            len--;
    }
    csvread_buf_add(b, ",", 1);
    put_cell(b, why, strlen(why));
    csvread_buf_add(b, ",", 1);
    put_cell(b, row, len);
    if (cut)
        csvread_buf_add(b, "...", 3);
    csvread_buf_add(b, "\n", 1);
}

/* file,line then the tail: one line of the rejects file. */
static void emit_reject(FILE *f, const char *name, long line, const char *tail, size_t n)
{
    Buf b = {0};
    put_cell(&b, name, strlen(name));
    fwrite(b.p, 1, b.len, f);
    fprintf(f, ",%ld", line);
    fwrite(tail, 1, n, f);
    free(b.p);
}

/* The most bytes of rejects a chunk keeps until the merge; past it the
 * file is read again by one reader, which writes them as it goes. */
enum { REJECTS_HELD_MAX = 4 << 20 };

/* file,line,reason,row — at once, or (a chunk) held for the merge, which
 * knows the line numbers. */
static void write_reject(Reader *r, const char *why, size_t len)
{
    if (!r->in_chunk) {
        r->rej.len = 0;
        reject_tail(r, &r->rej, why, len);
        emit_reject(r->opt->rejects, r->name, r->rec_line, r->rej.p, r->rej.len);
        return;
    }
    if (r->nrej >= r->rej_cap) {
        size_t cap = r->rej_cap;
        r->rej_line = xgrow(r->rej_line, &cap, r->nrej, sizeof *r->rej_line);
        r->rej_off = xrealloc(r->rej_off, cap * sizeof *r->rej_off);
        r->rej_cap = cap;
    }
    r->rej_line[r->nrej] = r->rec_line;
    r->rej_off[r->nrej++] = r->rej.len;
    reject_tail(r, &r->rej, why, len);
    if (r->rej.len > REJECTS_HELD_MAX)
        csvread_need_serial(r);
}

/* A row that cannot be used: counted, written to the rejects file, and in
 * strict mode the end of the run. */
static void reject(Reader *r, const char *why, size_t len)
{
    r->rejected++;
    if (r->opt->rejects)
        write_reject(r, why, len);
    if (r->opt->strict && r->in_chunk) {
        r->fail = xstrdup(why);
        r->fail_line = r->rec_line;
        csvread_stop(r);
    } else if (r->opt->strict) {
        diag_line_error(r->d, r->name, r->rec_line, "%s", why);
        csvread_stop(r);
    }
}

/* Every cell empty: the cells are kept trimmed, back to back, so their
 * bytes add up to nothing. */
static int blank_record(const Reader *r)
{
    return r->cells.text.len == 0;
}

/* Salesforce report footers: "Grand Totals (25 records)", "Confidential
 * Information - Do Not Distribute", "Copyright (c) 2000-2026 salesforce.com". */
static int footer_text(const char *s, size_t n)
{
    static const char *const starts[] = {
        "grand total", "gesamtsumme", "gesamtergebnis", "confidential information",
        "vertrauliche informationen", "vertraulich", "copyright", "\xc2\xa9", "\xa9",
        "generated by", "erstellt von",
    };
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t len = strlen(starts[k]);
        if (n >= len && strncasecmp(s, starts[k], len) == 0)
            return 1;
    }
    return 0;
}

/* Whether the record is a footer: asked of every row, so the usual row
 * (a date, a name) is told by its first byte here, inline. */
static inline int footer_record(const Reader *r)
{
    const char *s;
    size_t n;
    csvcell_get(r, 0, &s, &n);
    switch (n ? (unsigned char)s[0] | 0x20 : 0) {   /* the first bytes of starts[] */
    case 'g': case 'c': case 'v': case 'e': case 0xe2: case 0xa9:
        return footer_text(s, n);
    default:
        return 0;
    }
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
static inline __attribute__((always_inline)) void record(Reader *r, int end)
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
    int multiline = r->lineno > r->rec_line;
    int count_ok = r->cells.n == r->lay.ncols;
    /* Quotes are counted only where they can matter: most rows are one
     * line with the right number of cells. */
    int odd = (multiline || !count_ok || end == -1) && odd_quotes(r);
    if (multiline && (odd || !count_ok)) {
        runaway(r);
        return;
    }
    if (!count_ok || (end == -1 && odd)) {
        if (odd)
            reject(r, "unbalanced quote", raw_len(r));
        else
            reject(r, csvcell_because(r, "expected %d fields, found %d", r->lay.ncols, r->cells.n),
                   raw_len(r));
        return;
    }
    const char *why = csvrow_use(r);
    if (r->stop && why && !*why)
        return;                       /* settle_order reported it */
    if (why)
        reject(r, why, raw_len(r));
    else
        r->accepted++;
}

/* Room for one more cell of n bytes, and then for on_cell's usual case:
 * it moves a cell of up to 16 bytes with one 16-byte store and checks
 * only that a cell is left in `at`.  So the text always keeps CELL_ROOM
 * bytes for each cell left, and one more (for the 16 bytes after the
 * last cell's start that readers may load), from a record's start too. */
static void cells_grow(Cells *c, size_t n)
{
    if ((size_t)c->n >= c->cap)
        c->at = xgrow(c->at, &c->cap, (size_t)c->n, sizeof *c->at);
    size_t left = c->cap - (size_t)c->n;         /* this cell and the ones after */
    size_t need = c->text.len + n + CELL_ROOM * left, fresh = CELL_ROOM * (c->cap + 1);
    if (need <= c->text.cap && fresh <= c->text.cap)
        return;
    c->text.p = xgrow(c->text.p, &c->text.cap, need > fresh ? need : fresh, 1);
}

/* Copies a cell's n bytes: most cells are short (a date, a name, an
 * amount), and two overlapping word copies cost less than a call. */
static inline void copy_short(char *to, const char *from, size_t n)
{
    unsigned long long w, w2;
    unsigned u, u2;
    if (n > 16) {
        memcpy(to, from, n);
    } else if (n >= 8) {
        memcpy(&w, from, 8);
        memcpy(&w2, from + n - 8, 8);
        memcpy(to, &w, 8);
        memcpy(to + n - 8, &w2, 8);
    } else if (n >= 4) {
        memcpy(&u, from, 4);
        memcpy(&u2, from + n - 4, 4);
        memcpy(to, &u, 4);
        memcpy(to + n - 4, &u2, 4);
    } else if (n > 0) {               /* 1 to 3 bytes: first, middle, last */
        to[0] = from[0];
        to[n / 2] = from[n / 2];
        to[n - 1] = from[n - 1];
    }
}

/* Appends a cell that fits as it is. */
static inline void cell_put(Cells *c, const char *p, size_t n)
{
    copy_short(c->text.p + c->text.len, p, n);
    c->at[c->n++] = (CellRef){(unsigned)c->text.len, (unsigned)n};
    c->text.len += n;
}

/* Whether a cell's bytes hold a line break: the record ran on past its
 * line, inside quotes. */
static int has_break(const char *p, size_t n, int cr)
{
    return memchr(p, '\n', n) || (cr && memchr(p, '\r', n));
}

/* Moves 16 readable bytes and tells whether the first n (at most 16)
 * hold a CR or LF: a cell that does was quoted across lines, which the
 * lane must see.  With SSE2 (every x86-64) the bytes are compared in the
 * register that moves them, and on_lane_record need not search the
 * record's bytes. */
#if defined(__SSE2__)
#include <emmintrin.h>
enum { CELLS_CHECKED = 1 };
static inline int move16_breaks(char *to, const unsigned char *from, size_t n)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)from);
    _mm_storeu_si128((__m128i *)(void *)to, v);
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
    return ((unsigned)_mm_movemask_epi8(hit) & ((1u << n) - 1)) != 0;
}
#else
enum { CELLS_CHECKED = 0 };      /* on_lane_record searches the record */
static inline int move16_breaks(char *to, const unsigned char *from, size_t n)
{
    (void)n;
    memcpy(to, from, 16);
    return 0;
}
#endif

/* on_cell's rare case, kept out of line so the usual one calls nothing:
 * a cell with spaces or non-ASCII at an edge, or no room left. */
static __attribute__((noinline, cold)) void cell_slow(Reader *r, const char *p, size_t n)
{
    Cells *c = &r->cells;
    if (c->n == r->rep_col)
        r->rep_hash_ok = 0;              /* rep_of hashes the trimmed cell */
    if (r->lane_on && has_break(p, n, 1))
        r->lane_break = 1;               /* before trimming takes it away */
    if (n && ((unsigned char)p[0] - 0x21u >= 0x5Fu || (unsigned char)p[n - 1] - 0x21u >= 0x5Fu))
        csvfield_trim(&p, &n);
    cells_grow(c, n);
    cell_put(c, p, n);
}

/* The rep cell has arrived: its hash is taken now and its memo slot
 * fetched into the cache while libcsv reads the rest of the row, so
 * rep_of (csvrow.c) finds it there instead of waiting on memory. */
static __attribute__((noinline)) void rep_cell(Reader *r, const char *s, size_t n)
{
    unsigned h = csvread_hash(s, n);
    r->rep_hash = h;
    r->rep_hash_ok = 1;
    if (r->rep_memo_cap)
        __builtin_prefetch(&r->rep_memo[h & (r->rep_memo_cap - 1)]);
}

/* libcsv: a cell ended.  It is trimmed here, once, not at every look.
 * The usual cell (16 bytes at most, printable ASCII at both ends, a cell
 * left in `at`, which leaves text room for it: cells_grow) is copied
 * here, through locals, so that the copy's byte stores do not make the
 * compiler load the counts again; any other goes to cell_slow. */
static void on_cell(void *s, size_t n, void *data)
{
    Reader *r = data;
    Cells *c = &r->cells;
    const unsigned char *p = s;
    size_t at = c->text.len;
    int k = c->n;
    /* libcsv hands over its own buffer (public in csv.h), which holds at
     * least 16 bytes from the start (csvcell_parser_init): a single
     * 16-byte move, no branch on the length (cell lengths vary row to
     * row, and mispredict). */
    if ((size_t)k < c->cap && n <= 16 && p == r->csv.entry_buf &&
        (n == 0 || (p[0] - 0x21u < 0x5Fu && p[n - 1] - 0x21u < 0x5Fu))) {
        CellRef *ref = c->at + k;
        r->lane_break |= move16_breaks(c->text.p + at, p, n);
        ref->off = (unsigned)at;
        ref->len = (unsigned)n;
        c->n = k + 1;
        c->text.len = at + n;
        if (k == r->rep_col)
            rep_cell(r, s, n);           /* a tail call: the usual cell calls nothing */
        return;
    }
    cell_slow(r, s ? s : "", n);
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

/* libcsv, in the lane (CSV_REPALL_NL: every line end is reported): each
 * line is one record, or blank, or the LF of a CR LF -- unless a cell
 * holds a line break, when the lane stops at the record's line. */
static void on_lane_record(int end, void *data)
{
    Reader *r = data;
    if (r->lane_abort) {                 /* read again the careful way */
        r->cells.n = 0;
        r->cells.text.len = 0;
        return;
    }
    if (r->cells.n == 0) {
        r->lineno += !(end == '\n' && r->lane_cr);
        r->lane_cr = end == '\r';
        return;
    }
    r->rec_line = r->lineno;
    if (r->lane_break ||
        (!CELLS_CHECKED && has_break(r->cells.text.p, r->cells.text.len, r->lane_has_cr))) {
        r->lane_abort = 1;
        r->cells.n = 0;
        r->cells.text.len = 0;
        return;
    }
    r->raw.len = 0;
    r->pend_n = 0;
    r->lane_find = 1;
    if (!r->stop)
        record(r, end);                  /* the lane starts after the header */
    r->cells.n = 0;
    r->cells.text.len = 0;
    r->lane_find = 0;
    r->lane_break = 0;
    r->lineno++;
    r->lane_cr = end == '\r';
}

/* --- feeding libcsv --- */

static void parse(Reader *r, const char *s, size_t n)
{
    if (csv_parse(&r->csv, s, n, on_cell, on_record, r) == n || r->stop)
        return;
    if (r->in_chunk) {
        csvread_need_serial(r);        /* the one reader reports it */
        return;
    }
    diag_fail(r->d, "cannot read %s: %s", r->name, csv_strerror(csv_error(&r->csv)));
    csvread_stop(r);
}

static void feed(Reader *r, const char *buf, size_t len, int top);

/* Reads the lines a runaway quote swallowed again, as records of their own. */
static void refeed(Reader *r)
{
    r->refeed = 0;
    raw_fix(r);
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
        csvread_stop(r);
        return;
    }
    r->rows++;
    if (one) {
        reject(r, "the row is longer than 1 MB", raw_len(r));
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

/* Where the line starting at i ends: its CR or LF, or len.  memchr
 * finds the LF fast; CRs are looked for only in text that has them. */
static size_t line_end(const char *buf, size_t i, size_t len, int has_cr)
{
    const char *lf = memchr(buf + i, '\n', len - i);
    size_t j = lf ? (size_t)(lf - buf) : len;
    const char *cr = has_cr ? memchr(buf + i, '\r', j - i) : NULL;
    return cr ? (size_t)(cr - buf) : j;
}

/* The last c in n bytes at s, or NULL (memrchr is not standard C). */
static const char *last_of(const char *s, int c, size_t n)
{
    while (n > 0)
        if (s[--n] == c)
            return s + n;
    return NULL;
}

/* Where a lane run from i ends: after the last LF, cut before a CR that
 * is not part of a CR LF (a lone CR, then spaces, then LF would be
 * counted as one line end).  i when there is none. */
static size_t lane_run(const char *buf, size_t i, size_t len, int has_cr)
{
    const char *lf = last_of(buf + i, '\n', len - i);
    if (!lf)
        return i;
    size_t j = (size_t)(lf - buf) + 1;
    for (const char *cr = buf + i; has_cr && (cr = memchr(cr, '\r', j - (size_t)(cr - buf))) != NULL; cr++)
        if (cr[1] != '\n') {
            const char *nl = last_of(buf + i, '\n', (size_t)(cr - (buf + i)));
            return nl ? (size_t)(nl - buf) + 1 : i;
        }
    return j;
}

enum {
    LANE_SLICE = 4 << 10,        /* bytes per libcsv call: what an abort can waste */
    LANE_WAIT = 256,             /* lines read the careful way after an abort, */
    LANE_WAIT_MAX = 1 << 20,     /* doubling up to this while runs keep stopping */
};

/* Whole lines at a record boundary go to libcsv LANE_SLICE bytes at a
 * time, and on_lane_record counts lines as records end: nothing is kept
 * per line.  A record that spans lines (a quoted line break) stops the
 * lane: libcsv's state is dropped and its line is read again the careful
 * way.  Returns where the careful way goes on. */
static size_t feed_lane(Reader *r, const char *buf, size_t i, size_t j, int top, int has_cr)
{
    r->lane_on = 1;
    r->lane_at = buf + i;
    r->lane_at_line = r->lineno;
    r->lane_end = buf + j;
    r->lane_top = top;
    r->lane_has_cr = has_cr;
    r->lane_cr = 0;
    r->lane_break = 0;
    r->lane_abort = 0;
    csv_set_opts(&r->csv, CSV_REPALL_NL);
    size_t at = i;
    while (at < j && !r->lane_abort && !r->stop) {
        size_t n = j - at < LANE_SLICE ? j - at : LANE_SLICE;
        if (csv_parse(&r->csv, buf + at, n, on_cell, on_lane_record, r) != n && !r->stop) {
            if (r->in_chunk) {
                csvread_need_serial(r);
            } else {
                diag_fail(r->d, "cannot read %s: %s", r->name, csv_strerror(csv_error(&r->csv)));
                csvread_stop(r);
            }
        }
        at += n;
    }
    if (!r->lane_abort && !r->stop && !csvsplit_between_records(&r->csv)) {
        r->rec_line = r->lineno;         /* a quote opened on the run's last record */
        r->lane_abort = 1;
    }
    csv_set_opts(&r->csv, 0);
    r->lane_on = 0;
    r->lane_find = 0;
    r->pend_n = 0;
    if (r->lane_abort) {
        csv_fini(&r->csv, NULL, NULL, NULL);
        r->cells.n = 0;
        r->cells.text.len = 0;
        r->lineno = r->rec_line;
        r->lane_find = 1;
        csvin_find_record(r);            /* r->pend: the record's first line */
        r->pend_n = 0;
        j = (size_t)(r->pend - buf);
        r->lane_wait = r->lane_backoff ? r->lane_backoff : LANE_WAIT;
        r->lane_backoff = r->lane_wait < LANE_WAIT_MAX ? 2 * r->lane_wait : LANE_WAIT_MAX;
    } else {
        r->lane_backoff = 0;             /* a whole run: quoted line breaks are rare here */
    }
    r->lane_find = 0;
    if (top)
        r->chunk_pos = (size_t)(buf + j - r->chunk);
    return j;
}

/* Feeds bytes to libcsv: runs of plain lines at once (feed_plain), any
 * other line one physical line at a time, so every record knows the line
 * it starts on.  top: the bytes are the file's (not lines read again), so
 * the date scan may read on from chunk_pos. */
static void feed(Reader *r, const char *buf, size_t len, int top)
{
    size_t i = 0;
    int has_cr = memchr(buf, '\r', len) != NULL;
    while (i < len && !r->stop) {
        if (!r->rec_open && !r->prev_cr && !r->skip_line && r->header_seen && !r->depth &&
            r->lane_wait == 0 && !r->opt->careful) {
            size_t j = lane_run(buf, i, len, has_cr);
            if (j > i) {
                i = feed_lane(r, buf, i, j, top, has_cr);
                continue;
            }
        }
        if (r->skip_line) {
            i = skip_rest(r, buf, len, i);
            if (top)
                r->chunk_pos = (size_t)(buf + i - r->chunk);
            continue;
        }
        if (r->prev_cr && buf[i] == '\n') {           /* the LF of a CR LF */
            if (r->rec_open)
                csvread_buf_add(&r->raw, buf + i, 1);
            r->prev_cr = 0;
            i++;
            if (top)
                r->chunk_pos = (size_t)(buf + i - r->chunk);
            parse(r, buf + i - 1, 1);
            continue;
        }
        size_t j = line_end(buf, i, len, has_cr);
        int content = 0;
        for (size_t k = i; k < j && !content; k++)
            content = buf[k] != ' ' && buf[k] != '\t';
        int term = j < len;
        j += term;
        if (!r->rec_open) {
            r->rec_line = r->lineno;
            r->raw.len = 0;
        }
        r->pend = buf + i;
        r->pend_n = r->rec_open || content ? j - i : 0;
        r->rec_ended = 0;
        if (top)
            r->chunk_pos = (size_t)(buf + j - r->chunk);
        parse(r, buf + i, j - i);
        r->lineno += term;
        r->lane_wait -= term && r->lane_wait > 0;
        r->prev_cr = term && buf[j - 1] == '\r';
        r->rec_open = !r->rec_ended && (r->rec_open || content);
        if (r->rec_open)
            raw_fix(r);
        r->pend_n = 0;
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
    r->fields_given = (unsigned)(lay->col[CF_TEAM] >= 0) | (unsigned)(lay->col[CF_MANAGER] >= 0) << 1;
    r->rep_col = lay->col[CF_REP];
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
        csvread_stop(r);
        return;
    }
    int n = r->cells.n;
    char **h = xcalloc((size_t)(n ? n : 1), sizeof *h);
    for (int c = 0; c < n; c++)
        h[c] = xstrdup(csvcell_header(r, c));
    int ok = csvhead_layout(&r->lay, h, n, r->opt);
    for (int c = 0; c < n; c++)
        free(h[c]);
    free(h);
    r->header_seen = 1;
    if (!ok) {
        diag_line_error(r->d, r->name, r->rec_line,
                        "cannot tell what this file holds from its header row");
        csvhead_explain(&r->lay, r->d->out);
        csvread_stop(r);
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
    return NULL;                      /* NUL bytes: binary_at, with their line */
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
    csvcell_parser_init(&r->csv, r->delim);
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
    csvread_stop(r);
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
    csvrow_flush(r);
}

/* --- one file, several threads (issue 7) --- */

/* Files smaller than this are read by one thread: starting a thread and
 * merging its store cost about what a thread reads of a 100 KB file, so
 * from 1 MB on a second thread pays.  (tests/cases/perf/ use files above
 * it.) */
enum { SPLIT_MIN = 1 << 20 };

static void reader_free(Reader *r);
static void setup_columns(Reader *r);

/* A reader for one chunk: the file's settings as the header left them,
 * a store of its own, and messages held for the merge. */
static void *chunk_open(void *ctx)
{
    const Reader *m = ctx;
    Reader *c = xcalloc(1, sizeof *c);
    c->name = m->name;
    c->opt = m->opt;
    c->d = m->d;
    c->store = store_new_like(m->store);
    c->delim = m->delim;
    c->decimal_comma = m->decimal_comma;
    c->cp1252 = m->cp1252;
    c->order = m->order;
    c->header_seen = 1;
    c->lay = m->lay;                 /* shared, read only: the main reader frees it */
    c->in_chunk = 1;
    c->lineno = 1;                   /* counted from the chunk's start */
    c->rep_col = -1;
    csvcell_parser_init(&c->csv, c->delim);
    c->csv_ready = 1;
    setup_columns(c);
    return c;
}

static int chunk_feed(void *reader, const char *buf, size_t len)
{
    Reader *c = reader;
    if (memchr(buf, 0, len))
        csvread_need_serial(c);      /* binary_at reports it, with its line */
    else
        feed(c, buf, len, 0);
    return c->stop;
}

/* Between records: libcsv is, and so is the line bookkeeping. */
static int between_records(Reader *r)
{
    return csvsplit_between_records(&r->csv) && !r->rec_open && !r->skip_line &&
           !r->prev_cr && !r->refeed;
}

static int chunk_at_end(void *reader)
{
    return between_records(reader);
}

static int chunk_finish(void *reader)
{
    Reader *c = reader;
    finish(c);
    return c->stop;
}

static void chunk_discard(void *reader)
{
    Reader *c = reader;
    store_free(c->store);
    reader_free(c);
    free(c);
}

static const CsvSplitOps chunk_ops = {chunk_open, chunk_feed, chunk_at_end, chunk_finish,
                                      chunk_discard};

/* Folds a chunk into the main reader: its rejects (their lines now
 * known: the chunk starts on line `base`), counts, stage names, store. */
static void merge_chunk(Reader *r, Reader *c, long base)
{
    csvrow_flush(c);                     /* a chunk that ends between records
                                            is not finished (chunk_finish) */
    for (size_t k = 0; r->opt->rejects && k < c->nrej; k++) {
        size_t end = k + 1 < c->nrej ? c->rej_off[k + 1] : c->rej.len;
        emit_reject(r->opt->rejects, r->name, base + c->rej_line[k] - 1, c->rej.p + c->rej_off[k],
                    end - c->rej_off[k]);
    }
    r->rows += c->rows;
    r->accepted += c->accepted;
    r->rejected += c->rejected;
    r->footer += c->footer;
    r->blank += c->blank;
    r->unknown_stages += c->unknown_stages;
    for (int k = 0; k < c->nunknown; k++) {
        int seen = 0;
        for (int i = 0; i < r->nunknown && !seen; i++)
            seen = strcmp(r->unknown[i], c->unknown[k]) == 0;
        if (!seen && r->nunknown < 3)
            memcpy(r->unknown[r->nunknown++], c->unknown[k], sizeof r->unknown[0]);
    }
    store_merge(r->store, c->store);
}

/* Reads bytes begin..size with opt->jobs threads and merges the chunks in
 * file order.  Returns 0 (read, or stopped at an error it reported), or
 * -1 when a chunk met what only one reader in order can settle: nothing
 * has been kept then, and the caller reads on from begin itself. */
static int read_split(Reader *r, long long begin, long long size)
{
    CsvChunk chunks[CSVSPLIT_MAX_JOBS];
    int n;
    if (csvsplit_read(fileno(r->in), begin, size, r->opt->jobs, &chunk_ops, r, chunks, &n) != 0) {
        diag_fail(r->d, "cannot read %s: %s", r->name, strerror(errno));
        csvread_stop(r);
        return 0;
    }
    int serial = n > 0 && ((Reader *)chunks[n - 1].reader)->need_serial;
    long base = r->lineno;
    for (int i = 0; i < n; i++) {
        Reader *c = chunks[i].reader;
        if (!serial && !r->stop) {
            merge_chunk(r, c, base);
            if (c->fail) {
                diag_line_error(r->d, r->name, base + c->fail_line - 1, "%s", c->fail);
                csvread_stop(r);
            }
            base += c->lineno - 1;
        }
        chunk_discard(c);
    }
    return serial ? -1 : 0;
}

/* Feeds whole lines until the header has been read and the parser is
 * between records; returns the bytes fed. */
static size_t feed_header(Reader *r, const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len && !r->stop && !(r->header_seen && between_records(r))) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t j = nl ? (size_t)(nl - buf) + 1 : len;
        feed(r, buf + i, j - i, 1);
        i = j;
    }
    return i;
}

/* The size of a file worth reading with several threads, or -1. */
static long long split_size(Reader *r, long long begin)
{
    struct stat st;
    CsvShape shape = r->lay.shape;
    if (r->opt->jobs < 2 || r->stop || !r->header_seen || !between_records(r) || r->in == stdin ||
        (shape != SHAPE_ACTIVITIES && shape != SHAPE_OPPORTUNITIES && shape != SHAPE_METRICS) ||
        fstat(fileno(r->in), &st) != 0 || !S_ISREG(st.st_mode) ||
        (long long)st.st_size - begin < SPLIT_MIN || !csvsplit_usable())
        return -1;
    return (long long)st.st_size;
}

/* The header, then the rows: with several threads when the file is large
 * and regular, else (or when a chunk asks for it) one block at a time. */
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
    if (len > 0 && !binary_at(r, buf + skip, len - skip)) {
        r->chunk = buf;
        r->chunk_len = len;
        size_t used = skip + feed_header(r, buf + skip, len - skip);
        long long size = split_size(r, (long long)used);
        int split = size < 0 ? 1 : read_split(r, (long long)used, size);
        if (split == 0) {
            len = 0;                      /* done: the chunks read the rest */
        } else if (split < 0) {
            fseeko(r->in, (off_t)used, SEEK_SET);
            len = read_chunk(r->in, buf);
        } else {
            feed(r, buf + used, len - used, 1);
            len = read_chunk(r->in, buf);
        }
        skip = 0;
    }
    while (len > 0 && !r->stop && !binary_at(r, buf + skip, len - skip)) {
        r->chunk = buf;
        r->chunk_len = len;
        feed(r, buf + skip, len - skip, 1);
        skip = 0;
        len = read_chunk(r->in, buf);
    }
    if (!r->stop && ferror(r->in)) {
        diag_fail(r->d, "cannot read %s: %s", r->name, strerror(errno));
        csvread_stop(r);
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
    if (!r->in_chunk)
        csvhead_free(&r->lay);           /* a chunk's is the main reader's */
    free(r->raw.p);
    free(r->cells.text.p);
    free(r->cells.at);
    free(r->dates);
    free(r->vals);
    free(r->has);
    free(r->is_date);
    free(r->ids);
    free(r->rej.p);
    free(r->rej_line);
    free(r->rej_off);
    free(r->fail);
    free(r->rep_memo);
    free(r->rep_keys.p);
    free(r->rep_has);
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
    r.rep_col = -1;
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

