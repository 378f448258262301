/* csvread.h — inside the importer: the state of one file being read,
 * shared by csvin.c (reading, libcsv, records, rejects), csvcell.c (what a
 * cell holds: text, dates, numbers) and csvrow.c (what a row means for
 * the store, per shape).  Not an interface for other stages: csvin.h is. */
#ifndef PACE_CSVREAD_H
#define PACE_CSVREAD_H

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "csvfield.h"
#include "csvhead.h"
#include "csvin.h"
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
    MEMO_KEYS_MAX = 1 << 28,     /* bytes of rep spellings the rep memo keeps */
    REP_MEMO_MAX = 1 << 17,      /* spellings it keeps (its slots: 32 MiB at most) */
    CELL_ROOM = 16,              /* bytes of Cells.text kept after a cell's start */
    ADD_BATCH = 64,              /* store adds held for store_add_many */
};

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

/* Where a cell's bytes are in Cells.text (a record is at most a few MB:
 * MAX_RECORD_BYTES plus one line). */
typedef struct CellRef {
    unsigned off, len;
} CellRef;

/* The cells of the current record, back to back in one buffer. */
typedef struct Cells {
    Buf text;
    CellRef *at;
    int n;
    size_t cap;
} Cells;

/* Remembers what a short cell text meant: dates, activity types, stages. */
typedef struct Memo {
    char key[MEMO_KEY];
    size_t n;
    int a, b;
    unsigned keep;               /* activity types: which counts the store keeps */
} Memo;

/* The spellings met of activity types or stages: up to MEMOS, found by a
 * slot for their length and edge bytes first (one compare, and no branch
 * per entry to mispredict), then by a scan. */
enum { MEMO_SLOTS = 64 };
typedef struct MemoSet {
    Memo m[MEMOS];
    int n;
    unsigned char slot[MEMO_SLOTS];  /* index + 1, 0 empty */
} MemoSet;

/* A rep name as the file spells it, and the rep's id: rows name the same
 * few thousand reps over and over, so most rows find their rep here
 * without converting or hashing in the store. */
enum { REP_INLINE = 36 };       /* names this long are kept in their slot */
typedef struct RepMemo {        /* 64 bytes: a row touches one cache line */
    unsigned hash;
    int id;                      /* -1: empty slot */
    unsigned n;
    unsigned off;                /* longer names: their bytes in Reader.rep_keys */
    int first_day, last_day;     /* dated rows of this file not yet in the
                                    store (csvrow_flush) */
    unsigned fields;             /* Reader.rep_has of the rep, once all are known */
    char key[REP_INLINE];
} RepMemo;

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
    /* the lane (csvin.c feed_lane): whole lines go to libcsv in slices
     * while every record is one line; lines are counted as records end,
     * and a record's bytes are found only when asked (csvin_find_record) */
    int lane_on;
    const char *lane_at;         /* a line start in the run, and its line */
    long lane_at_line;
    const char *lane_end;
    int lane_find;               /* the current record's bytes are still to find */
    int lane_cr;                 /* the last line ended at a CR: its LF is next */
    int lane_top;                /* the run is the file's bytes (see chunk_pos) */
    int lane_has_cr;             /* the run holds a CR */
    int lane_break;              /* a cell of this record held a line break */
    int lane_abort;              /* a record spanned lines: the careful way
                                    reads again from its line (rec_line) */
    long lane_wait;              /* lines to read the careful way first */
    long lane_backoff;           /* the next wait (0: LANE_WAIT) */
    Buf raw;                     /* the current record's bytes ... */
    const char *pend;            /* ... but for its last line, when that is */
    size_t pend_n;               /* still where it was fed (csvin.c raw_fix) */
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
    MemoSet acts, stages;
    StoreAdd adds[ADD_BATCH];    /* accepted rows' counts not yet in the store */
    int nadds;
    RepMemo *rep_cur;            /* this row's rep in the memo, or NULL */
    int rep_col;                 /* the rep column: on_cell hashes its cell ... */
    int rep_hash_ok;             /* ... so the memo slot is fetched early */
    unsigned rep_hash;
    RepMemo *rep_memo;           /* rep cell bytes -> rep id (issue 7) */
    size_t rep_memo_cap, rep_memo_n;
    Buf rep_keys;
    unsigned char *rep_has;      /* per rep id: bit k set once field k is known */
    size_t rep_has_cap;
    unsigned fields_given;       /* the bits of the fields this file's rows give */
    /* counts */
    long rows, accepted, rejected, footer, blank, unknown_stages;
    char unknown[3][SHOW_MAX + 8];
    int nunknown;
    /* one chunk of a file read by several threads (issue 7, csvin.c) */
    int in_chunk;                /* messages and rejects wait for the merge */
    int need_serial;             /* met what only one pass in order can
                                    settle: the file is read again that way */
    Buf rej;                     /* its rejects: ",reason,row\n" each ... */
    long *rej_line;              /* ... the line each starts on (in the chunk) */
    size_t *rej_off;
    size_t nrej, rej_cap;
    char *fail;                  /* a --strict error, and its line */
    long fail_line;
    Buf conv[4];                 /* scratch for text turned into UTF-8 */
    char reason[512];
} Reader;

/* A hash of a rep cell.  Most names are 4 to 16 bytes: two words that
 * may overlap, multiplied and mixed; longer ones eight bytes at a time. */
static inline unsigned csvread_hash(const char *s, size_t n)
{
    unsigned long long h = (unsigned long long)n * 0x9E3779B97F4A7C15ull, a, b;
    unsigned a4, b4;
    for (; n > 16; s += 8, n -= 8) {
        memcpy(&a, s, 8);
        h = (h ^ a) * 0xFF51AFD7ED558CCDull;
    }
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else if (n >= 4) {
        memcpy(&a4, s, 4);
        memcpy(&b4, s + n - 4, 4);
        a = a4;
        b = b4;
    } else {
        a = n ? (unsigned long long)(unsigned char)s[0] << 16 |
                    (unsigned long long)(unsigned char)s[n / 2] << 8 | (unsigned char)s[n - 1]
              : 0;
        b = 0;
    }
    h ^= (a * 0xFF51AFD7ED558CCDull) ^ (b * 0xC4CEB9FE1A85EC53ull);
    return (unsigned)(h ^ (h >> 32));
}

static inline void csvread_buf_add(Buf *b, const char *s, size_t n)
{
    b->p = xgrow(b->p, &b->cap, b->len + n, 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* Whether n bytes at a and b are equal: short keys (dates, rep names,
 * activity types) compared a word at a time, without a call. */
static inline int csvread_same(const char *a, const char *b, size_t n)
{
    unsigned long long x, y;
    if (n > 16)
        return memcmp(a, b, n) == 0;
    if (n >= 8) {
        unsigned long long x2, y2;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        memcpy(&x2, a + n - 8, 8);
        memcpy(&y2, b + n - 8, 8);
        return ((x ^ y) | (x2 ^ y2)) == 0;
    }
    if (n >= 4) {                  /* call, email, demo: two words that may overlap */
        unsigned u, v, u2, v2;
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        memcpy(&u2, a + n - 4, 4);
        memcpy(&v2, b + n - 4, 4);
        return ((u ^ v) | (u2 ^ v2)) == 0;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* Stop reading the file: an error was reported. */
static inline void csvread_stop(Reader *r)
{
    r->stop = 1;
}

/* A chunk reader met something only a pass in file order can settle (the
 * file's date order or encoding, binary bytes): it stops, and the file is
 * read again from the header on by one reader. */
static inline void csvread_need_serial(Reader *r)
{
    r->need_serial = 1;
    r->stop = 1;
}

/* --- csvin.c --- */

/* Makes the current record's bytes (r->raw, after raw_fix) and
 * r->chunk_pos (where the next record starts) exact: a record read in
 * the plain lane has only its line number until something asks. */
void csvin_find_record(Reader *r);

/* --- csvcell.c: the current record's cells --- */

/* Cell col, trimmed ("" when the record has no such cell); on_cell
 * trims each cell once as it arrives. */
static inline void csvcell_get(const Reader *r, int col, const char **s, size_t *n)
{
    if (col < 0 || col >= r->cells.n) {
        *s = "";
        *n = 0;
        return;
    }
    *s = r->cells.text.p + r->cells.at[col].off;
    *n = r->cells.at[col].len;
}

/* Cell col of a record whose cell count record() has checked against
 * the header, col a column the layout has (>= 0): no bounds to check. */
static inline const char *csvcell_in(const Reader *r, int col, size_t *n)
{
    *n = r->cells.at[col].len;
    return r->cells.text.p + r->cells.at[col].off;
}

/* Whether cell col is empty (or absent): asked of every row. */
static inline int csvcell_empty(const Reader *r, int col)
{
    return col < 0 || col >= r->cells.n || r->cells.at[col].len == 0;
}

/* Forgets the rep memo: the same bytes may now read as another name. */
void csvcell_forget_reps(Reader *r);
/* Text as NUL-terminated UTF-8 in scratch buffer slot 0..3 (converted
 * from Windows-1252 when the file is). */
const char *csvcell_utf8(Reader *r, int slot, const char *s, size_t n);
/* The same on one line, runs of spaces made one (rep names, headers). */
const char *csvcell_one_line(Reader *r, int slot, const char *s, size_t n);
const char *csvcell_header(Reader *r, int col);
const char *csvcell_text(Reader *r, int slot, int col);
/* A cell's text for a reason (slot 3): one line, cut after SHOW_MAX bytes. */
const char *csvcell_show(Reader *r, const char *s, size_t n);
/* Formats a reason into r->reason. */
const char *csvcell_because(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline unsigned csvcell_memo_slot(const char *s, size_t len)
{
    return len ? (unsigned)(len * 7 + (unsigned char)s[0] * 3 + (unsigned char)s[len - 1]) % MEMO_SLOTS : 0;
}

/* The memo entry for s, or NULL (asked of every row: inline). */
static inline Memo *csvcell_memo_find(MemoSet *set, const char *s, size_t len)
{
    unsigned k = csvcell_memo_slot(s, len);
    int i = set->slot[k] - 1;
    if (i >= 0 && set->m[i].n == len && csvread_same(set->m[i].key, s, len))
        return &set->m[i];
    for (i = 0; i < set->n; i++)
        if (set->m[i].n == len && csvread_same(set->m[i].key, s, len)) {
            set->slot[k] = (unsigned char)(i + 1);
            return &set->m[i];
        }
    return NULL;
}
/* A new entry for s (NULL when s is too long to keep). */
Memo *csvcell_memo_put(MemoSet *set, const char *s, size_t len);
void csvcell_parser_init(struct csv_parser *p, unsigned char delim);
/* Cell readers: NULL and the value, or the reason the row cannot be
 * used ("" when an error has already been reported and r->stop set). */
const char *csvcell_date(Reader *r, int col, const char *what, int optional, int *day);
/* The date cell's day when it reads as the column's last date did (most
 * rows: asked of every row, so inline); 0 when not. */
static inline int csvcell_date_again(const Reader *r, int col, int *day)
{
    if (col < 0 || col >= r->cells.n)
        return 0;
    const Memo *m = &r->dates[col];
    size_t n = r->cells.at[col].len;
    if (n == 0 || m->n != n || !csvread_same(m->key, r->cells.text.p + r->cells.at[col].off, n))
        return 0;
    *day = m->a;
    return 1;
}
const char *csvcell_period(Reader *r, int date_is_week, PeriodSpan *sp);
const char *csvcell_number(Reader *r, int col, const char *what, long long *units, int *empty);
const char *csvcell_flag(Reader *r, int col, const char *what, int *flag);

/* --- csvrow.c: a data row into the store --- */

/* Checks the current record as a row of the file's shape and adds it to
 * the store; NULL, or the reason it cannot be used (nothing is added). */
const char *csvrow_use(Reader *r);
/* Puts what the rows read since the last call hold back into the store:
 * the reps' days, which the rep memo collects (a row then touches only its
 * memo slot), and the activity and deal rows' counts, added in batches
 * (store_add_many).  Called at the end of a file or chunk, before its
 * store is read or merged, and before the memo is forgotten. */
void csvrow_flush(Reader *r);

#endif
