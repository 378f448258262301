/* csvrow.c — what a data row means, per shape (data.md section 2):
 * activities count calls, meetings, demos, emails and other types; deals
 * count opportunities, won, lost, amounts, pipeline and cycle days;
 * metrics and targets rows give figures; roster rows give rep fields.
 * Every row is checked whole before anything goes into the store, so a
 * rejected row adds nothing.  See csvread.h. */
#include "csvread.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "measure.h"

/* --- reps --- */

/* The store's id for a rep cell: interned by its UTF-8 name, on one line. */
static int intern_rep(Reader *r, const char *s, size_t n)
{
    int plain = 1;
    for (size_t i = 0; i < n && plain; i++)
        plain = (unsigned char)s[i] < 0x80 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' &&
                !(s[i] == ' ' && i + 1 < n && s[i + 1] == ' ');
    if (!plain) {
        s = csvcell_one_line(r, 0, s, n);
        n = r->conv[0].len;
    }
    return store_rep(r->store, s, n);
}

/* Doubles the rep memo's slots, placing every entry again. */
static void grow_rep_memo(Reader *r)
{
    size_t cap = r->rep_memo_cap ? r->rep_memo_cap * 2 : 256;
    RepMemo *old = r->rep_memo;
    r->rep_memo = xmalloc(cap * sizeof *r->rep_memo);
    for (size_t i = 0; i < cap; i++)
        r->rep_memo[i].id = -1;
    for (size_t i = 0; i < r->rep_memo_cap; i++) {
        if (old[i].id < 0)
            continue;
        size_t k = old[i].hash & (cap - 1);
        while (r->rep_memo[k].id >= 0)
            k = (k + 1) & (cap - 1);
        r->rep_memo[k] = old[i];
    }
    free(old);
    r->rep_memo_cap = cap;
}

/* A rep cell the memo does not hold yet: interned, then remembered
 * (r->rep_cur: its slot, or NULL when the memo is full). */
static __attribute__((noinline)) int new_rep(Reader *r, const char *s, size_t n, unsigned h)
{
    if (r->rep_memo_n >= REP_MEMO_MAX) {
        r->rep_cur = NULL;                /* the memo is full: interned each time */
        return intern_rep(r, s, n);
    }
    if (4 * (r->rep_memo_n + 1) > r->rep_memo_cap)
        grow_rep_memo(r);
    size_t k = h & (r->rep_memo_cap - 1);
    while (r->rep_memo[k].id >= 0)
        k = (k + 1) & (r->rep_memo_cap - 1);
    int id = intern_rep(r, s, n);
    r->rep_cur = NULL;
    if (n > REP_INLINE && r->rep_keys.len + n > MEMO_KEYS_MAX)
        return id;                      /* the memo is full: interned each time */
    RepMemo *m = &r->rep_memo[k];
    *m = (RepMemo){h, id, (unsigned)n, 0, INT_MAX, INT_MIN, 0, {0}};
    if (n <= REP_INLINE) {
        memcpy(m->key, s, n);
    } else {
        m->off = (unsigned)r->rep_keys.len;
        csvread_buf_add(&r->rep_keys, s, n);
    }
    r->rep_memo_n++;
    r->rep_cur = m;
    return id;
}

/* A memo entry's bytes: in its slot, or (longer names) in rep_keys. */
static inline const char *memo_key(const Reader *r, const RepMemo *m)
{
    return m->n <= REP_INLINE ? m->key : r->rep_keys.p + m->off;
}

/* The row's rep; r->rep_cur is its memo slot.  The memo of spellings met
 * in this file is looked up by the hash on_cell took as the cell arrived
 * (its slot already fetched; checking the last row's rep first would
 * save nothing); only a spelling met for the first time costs a call. */
static inline __attribute__((always_inline)) int rep_of(Reader *r)
{
    size_t n;
    const char *s = csvcell_in(r, r->lay.col[CF_REP], &n);
    const RepMemo *m = NULL;
    unsigned h = r->rep_hash_ok ? r->rep_hash : csvread_hash(s, n);
    size_t k = h & (r->rep_memo_cap - 1);
    for (; r->rep_memo_cap; k = (k + 1) & (r->rep_memo_cap - 1)) {
        m = &r->rep_memo[k];
        if (m->id < 0 || (m->hash == h && m->n == n && csvread_same(memo_key(r, m), s, n)))
            break;
    }
    if (r->rep_memo_cap && m->id >= 0) {
        r->rep_cur = &r->rep_memo[k];
        return m->id;
    }
    return new_rep(r, s, n, h);
}

/* The row's rep has a row dated day: kept in its memo slot until
 * csvrow_flush. */
static inline void rep_seen(Reader *r, int rep, int day)
{
    RepMemo *m = r->rep_cur;
    if (!m) {
        store_seen(r->store, rep, day);
        return;
    }
    m->first_day = day < m->first_day ? day : m->first_day;
    m->last_day = day > m->last_day ? day : m->last_day;
}

/* A row's count or amount, held until ADD_BATCH of them go to the store
 * at once (store_add_many fetches their counters ahead); one the rules do
 * not need is not held at all. */
static inline void add_later(Reader *r, int rep, int day, int id, long long value)
{
    if (!store_keeps(r->store, id))
        return;
    r->adds[r->nadds++] = (StoreAdd){rep, day, id, value};
    if (r->nadds == ADD_BATCH) {
        store_add_many(r->store, r->adds, r->nadds);
        r->nadds = 0;
    }
}

void csvrow_flush(Reader *r)
{
    store_add_many(r->store, r->adds, r->nadds);
    r->nadds = 0;
    for (size_t k = 0; k < r->rep_memo_cap; k++) {
        RepMemo *m = &r->rep_memo[k];
        if (m->id < 0 || m->first_day > m->last_day)
            continue;
        store_seen(r->store, m->id, m->first_day);
        store_seen(r->store, m->id, m->last_day);
        m->first_day = INT_MAX;
        m->last_day = INT_MIN;
    }
}

/* team and manager from a data row, unless the rep has them already.
 * Once the rep has one, later rows need not look (fields are never
 * taken away while a file is read). */
static void offer_fields_now(Reader *r, int rep)
{
    static const CsvField which[] = {CF_TEAM, CF_MANAGER};
    if ((size_t)rep >= r->rep_has_cap) {
        size_t cap = r->rep_has_cap;
        r->rep_has = xgrow(r->rep_has, &r->rep_has_cap, (size_t)rep, 1);
        memset(r->rep_has + cap, 0, r->rep_has_cap - cap);
    }
    for (int k = 0; k < 2; k++) {
        int col = r->lay.col[which[k]];
        if (col < 0 || (r->rep_has[rep] & (1u << k)) || csvcell_empty(r, col))
            continue;
        const char *name = csvhead_field_name(which[k]);
        if (!store_rep_field(r->store, rep, name))
            store_offer_field(r->store, rep, name, csvcell_text(r, 1, col));
        r->rep_has[rep] |= (unsigned char)(1u << k);
    }
}

/* The usual row: the rep has every field the file's rows can give, as
 * its memo slot (in the cache already) remembers. */
static inline void offer_fields(Reader *r, int rep)
{
    RepMemo *m = r->rep_cur;
    if (m && (m->fields & r->fields_given) == r->fields_given)
        return;
    offer_fields_now(r, rep);
    if (m)
        m->fields = r->rep_has[rep];
}

/* Rep fields of a metrics or targets row (region, role, team, ...). */
static void offer_attrs(Reader *r, int rep)
{
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->lay.cols[c].role == COL_ATTR && !csvcell_empty(r, c) &&
            !store_rep_field(r->store, rep, r->lay.cols[c].name))
            store_offer_field(r->store, rep, r->lay.cols[c].name, csvcell_text(r, 1, c));
}

/* --- activities --- */

enum { KEEP_COUNT = 1, KEEP_AMOUNT = 2 };

/* What the store keeps of an activity row: its count, and (won and lost
 * deals) its amount. */
static unsigned activity_keep(const Store *s, int kind, int id)
{
    unsigned keep = store_keeps(s, id) ? KEEP_COUNT : 0;
    if ((kind == M_WON && store_keeps(s, M_WON_AMOUNT)) || (kind == M_LOST && store_keeps(s, M_LOST_AMOUNT)))
        keep |= KEEP_AMOUNT;
    return keep;
}

/* The activity type: *kind is a built-in measure (calls .. emails, or
 * opportunities/won/lost for deal rows) or -1, *id the store's measure,
 * *keep what the store keeps of it. */
static const char *activity_cell(Reader *r, int *kind, int *id, unsigned *keep)
{
    size_t n;
    const char *s = csvcell_in(r, r->lay.col[CF_ACTIVITY], &n);
    if (n == 0)
        return csvcell_because(r, "empty activity type");
    Memo *m = csvcell_memo_find(&r->acts, s, n);
    if (m) {
        *kind = m->a;
        *id = m->b;
        *keep = m->keep;
        return NULL;
    }
    const char *text = csvcell_one_line(r, 1, s, n);
    *kind = csvfield_activity(text, r->conv[1].len);
    *id = *kind;
    if (*kind < 0) {
        char name[128];
        if (csvfield_snake(text, r->conv[1].len, name, sizeof name) == 0)
            return csvcell_because(r, "activity type '%s' has no letters or digits", csvcell_show(r, s, n));
        *id = store_activity_measure(r->store, name);
    }
    *keep = activity_keep(r->store, *kind, *id);
    if ((m = csvcell_memo_put(&r->acts, s, n)) != NULL) {
        m->a = *kind;
        m->b = *id;
        m->keep = *keep;
    }
    return NULL;
}

/* row -> date rep activity [amount] [team] [manager] */
static const char *activity_row(Reader *r)
{
    const CsvLayout *lay = &r->lay;
    int day, kind = -1, id = -1, empty;
    unsigned keep = 0;
    long long amount = 0;
    const char *why;
    size_t n;
    csvcell_in(r, lay->col[CF_REP], &n);
    if (n == 0)
        return csvcell_because(r, "empty rep");
    if ((!csvcell_date_again(r, lay->col[CF_DATE], &day) &&
         (why = csvcell_date(r, lay->col[CF_DATE], "date", 0, &day)) != NULL) ||
        (why = activity_cell(r, &kind, &id, &keep)) != NULL ||
        (!csvcell_empty(r, lay->col[CF_AMOUNT]) &&
         (why = csvcell_number(r, lay->col[CF_AMOUNT], "amount", &amount, &empty)) != NULL))
        return why;
    int rep = rep_of(r);
    rep_seen(r, rep, day);
    offer_fields(r, rep);
    if (keep & KEEP_COUNT)
        add_later(r, rep, day, id, UNIT);
    if (keep & KEEP_AMOUNT)
        add_later(r, rep, day, kind == M_WON ? M_WON_AMOUNT : M_LOST_AMOUNT, amount);
    return NULL;
}

/* --- opportunities --- */

/* The stage cell's class (remembered per spelling). */
static StageClass stage_of(Reader *r, const char **text)
{
    const char *s;
    size_t n;
    int col = r->lay.col[CF_STAGE];
    csvcell_get(r, col, &s, &n);
    *text = s;
    if (col < 0)
        return STAGE_UNKNOWN;
    Memo *m = csvcell_memo_find(&r->stages, s, n);
    if (m)
        return (StageClass)m->a;
    const char *t = csvcell_one_line(r, 2, s, n);
    StageClass st = csvfield_stage(t, r->conv[2].len);
    if ((m = csvcell_memo_put(&r->stages, s, n)) != NULL)
        m->a = st;
    return st;
}

/* Remembers up to three unknown stage names for the end-of-file note. */
static void note_unknown_stage(Reader *r, const char *s, size_t n)
{
    const char *t = n ? csvcell_show(r, s, n) : "(empty)";
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
    csvcell_get(r, col, &s, &n);
    *closed_day = -1;
    if (n && (*closed_flag = csvfield_flag(s, n)) >= 0)
        return NULL;
    return csvcell_date(r, col, "close date", 1, closed_day);
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
    if (csvcell_empty(r, lay->col[CF_REP]))
        return csvcell_because(r, "empty rep");
    if ((why = csvcell_date(r, lay->col[CF_CREATED], "created date", 0, &d->created)) != NULL ||
        (why = close_cell(r, &d->closed, &closed_flag)) != NULL ||
        (why = csvcell_flag(r, lay->col[CF_WON], "won flag", &won)) != NULL ||
        (lay->col[CF_IS_CLOSED] >= 0 &&
         (why = csvcell_flag(r, lay->col[CF_IS_CLOSED], "closed flag", &closed_flag)) != NULL) ||
        (why = csvcell_number(r, lay->col[CF_AMOUNT], "amount", &d->amount, &empty)) != NULL)
        return why;
    StageClass st = stage_of(r, &stage);
    d->status = deal_status(st, won, closed_flag);
    if (d->status == STAGE_UNKNOWN && lay->col[CF_STAGE] >= 0) {
        size_t n;
        csvcell_get(r, lay->col[CF_STAGE], &stage, &n);
        if (r->opt->strict)
            return n ? csvcell_because(r, "stage '%s' is not a stage Pace knows (won: Closed Won, Won; "
                                  "lost: Closed Lost, Lost)", csvcell_show(r, stage, n))
                     : csvcell_because(r, "empty stage");
        note_unknown_stage(r, stage, n);
    }
    if (d->status == STAGE_WON || d->status == STAGE_LOST) {
        if (d->closed < 0)
            return csvcell_because(r, "the deal is %s but has no close date",
                           d->status == STAGE_WON ? "won" : "lost");
        if (d->closed < d->created) {
            char a[11], b[11];
            date_format(d->closed, a);
            date_format(d->created, b);
            return csvcell_because(r, "close date %s is before the created date %s", a, b);
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
    int rep = rep_of(r);
    rep_seen(r, rep, d.created);
    offer_fields(r, rep);
    add_later(r, rep, d.created, M_OPPORTUNITIES, UNIT);
    add_later(r, rep, d.created, M_PIPELINE, d.amount);
    if (d.status == STAGE_WON || d.status == STAGE_LOST) {
        int won = d.status == STAGE_WON;
        rep_seen(r, rep, d.closed);
        add_later(r, rep, d.closed, M_PIPELINE, -d.amount);
        add_later(r, rep, d.closed, won ? M_WON : M_LOST, UNIT);
        add_later(r, rep, d.closed, won ? M_WON_AMOUNT : M_LOST_AMOUNT, d.amount);
        if (won)
            add_later(r, rep, d.closed, M_CYCLE_DAYS, (long long)(d.closed - d.created) * UNIT);
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
        csvcell_get(r, c, &s, &n);
        NumResult res = csvfield_number(s, n, r->decimal_comma, &r->vals[c]);
        if (res == NUM_BAD || res == NUM_TOO_BIG)
            return csvcell_because(r, "value '%s' in column '%.60s' is %s", csvcell_show(r, s, n),
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
    if (csvcell_empty(r, r->lay.col[CF_REP]))
        return csvcell_because(r, "empty rep");
    if ((why = csvcell_period(r, 0, &sp)) != NULL || (why = read_figures(r, COL_MEASURE)) != NULL)
        return why;
    int rep = rep_of(r);
    rep_seen(r, rep, sp.first);
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
    if (csvcell_empty(r, r->lay.col[CF_REP]))
        return csvcell_because(r, "empty rep");
    if ((why = csvcell_period(r, 1, &sp)) != NULL || (why = read_figures(r, COL_GOAL)) != NULL)
        return why;
    const char *s;
    size_t n;
    csvcell_get(r, r->lay.col[CF_REP], &s, &n);
    const char *name = csvcell_one_line(r, 0, s, n);
    int known = store_find_rep(r->store, name, r->conv[0].len);
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->has[c] && known >= 0 &&
            store_has_target(r->store, known, r->lay.cols[c].name, sp.first, sp.last)) {
            char a[11], b[11];
            date_format(sp.first, a);
            date_format(sp.last, b);
            return csvcell_because(r, "a second %s target for %s for %s to %s", r->lay.cols[c].name,
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
    if (csvcell_empty(r, r->lay.col[CF_REP]))
        return csvcell_because(r, "empty rep");
    if ((why = csvcell_date(r, r->lay.col[CF_LEFT], "left date", 1, &left)) != NULL)
        return why;
    int rep = rep_of(r);
    for (int c = 0; c < r->lay.ncols; c++)
        if (r->lay.cols[c].role == COL_ATTR && !csvcell_empty(r, c))
            store_set_field(r->store, rep, r->lay.cols[c].name, csvcell_text(r, 1, c));
    if (left >= 0) {
        char iso[11];
        date_format(left, iso);
        store_set_left(r->store, rep, left);
        store_set_field(r->store, rep, "left", iso);
    }
    return NULL;
}


const char *csvrow_use(Reader *r)
{
    switch (r->lay.shape) {
    case SHAPE_ACTIVITIES:
        return activity_row(r);
    case SHAPE_OPPORTUNITIES:
        return deal_row(r);
    case SHAPE_METRICS:
        return metrics_row(r);
    case SHAPE_TARGETS:
        return targets_row(r);
    default:
        return roster_row(r);
    }
}
