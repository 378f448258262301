/* store.c — measures per rep and period (see store.h).
 *
 * Each rep holds, per period kind kept and per measure kept, a Series: a
 * window of period indexes with one integer counter per period (1/10000
 * units), grown in both directions as the rep's dates spread.  Memory is
 * reps x periods x measures kept, whatever the number of rows.
 *
 * Every sum is an integer sum, so the order rows arrive in cannot change
 * a value, and store_merge of per-thread stores gives exactly what one
 * thread gives. */
#include "store.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfield.h"
#include "mem.h"

/* A window of per-period counters. */
typedef struct Series {
    int lo;                   /* period index of v[0] */
    int n;                    /* cells allocated */
    long long *v;
    unsigned char *known;     /* NULL until a figure marks a cell known */
} Series;

/* How a measure's counters read. */
typedef enum MeasureSort {
    MS_COUNT,      /* sum per period; 0 in the active span once a feeding shape loaded */
    MS_RUNNING,    /* pipeline: a change applies to its period and every later one */
    MS_MEAN,       /* cycle_days: sum per period, divided by the hidden count */
    MS_DERIVED,    /* closed = won + lost, never stored */
} MeasureSort;

typedef struct Measure {
    char *name;
    unsigned from;            /* STORE_FROM_* shapes that feed it as a count */
    int slot;                 /* its Series index, or -1 when not kept */
    unsigned char sort;       /* MeasureSort */
} Measure;

/* Who set a field: a roster beats a data row. */
enum { BY_DATA = 1, BY_ROSTER = 2 };

typedef struct Field {
    int name;                 /* index in Store.fields */
    char *value;
    unsigned char by;
} Field;

typedef struct Target {
    int goal;                 /* measure id: M_QUOTA, M_FORECAST or "goal:NAME" */
    int first, last;
    long long value;
} Target;

typedef struct Rep {
    char *name;
    size_t len;
    int first_day, last_day;  /* of dated rows; first > last when none */
    int left_day;             /* -1 when the roster gives none */
    Field *fields;
    int nfields;
    Series *ser[PER_KINDS];   /* by slot, nser each; NULL for kinds not kept */
    int nser;
    Target *targets;
    int ntargets;
    size_t tcap;
} Rep;

struct Store {
    unsigned kinds;
    Calendar cal;
    int all;
    Measure *m;
    int nm;
    size_t mcap;
    int nslots;
    int cycle_n_slot;         /* the hidden count of won deals for cycle_days */
    Rep *reps;
    int nreps;
    size_t rcap;
    int *hash;                /* open addressing: rep id + 1, 0 empty */
    size_t hcap;              /* a power of two */
    char **fields;            /* field names */
    int nfields;
    size_t fcap;
    unsigned loaded;
    int first_day, last_day;  /* of all dated rows; first > last when none */
    int cache_day;            /* write side: the periods of the last day */
    int cache_per[PER_KINDS];
};

/* --- measures --- */

static int add_measure(Store *s, const char *name, MeasureSort sort, unsigned from, int keep)
{
    s->m = xgrow(s->m, &s->mcap, (size_t)s->nm, sizeof *s->m);
    Measure *m = &s->m[s->nm];
    m->name = xstrdup(name);
    m->sort = (unsigned char)sort;
    m->from = from;
    m->slot = keep && sort != MS_DERIVED ? s->nslots++ : -1;
    return s->nm++;
}

/* The data's spelling of a measure name: activity_count("LinkedIn") and
 * a "LinkedIn" activity type both read linkedin. */
static void snake(const char *name, char *out, size_t cap)
{
    if (csvfield_snake(name, strlen(name), out, cap) == 0)
        snprintf(out, cap, "%s", name);
}

static int find_measure(const Store *s, const char *name)
{
    for (int i = 0; i < s->nm; i++)
        if (strcmp(s->m[i].name, name) == 0)
            return i;
    return -1;
}

/* The built-in measures, kept when the rules need them. */
static void add_builtins(Store *s, const StoreNeeds *needs)
{
    const unsigned act = STORE_FROM_ACTIVITIES, both = act | STORE_FROM_OPPORTUNITIES;
    for (int id = 0; id < M_BUILTIN; id++) {
        int keep = s->all || needs->builtin[id];
        if ((id == M_WON || id == M_LOST) && needs->builtin[M_CLOSED])
            keep = 1;
        MeasureSort sort = id == M_PIPELINE ? MS_RUNNING : id == M_CYCLE_DAYS ? MS_MEAN
                         : id == M_CLOSED ? MS_DERIVED : MS_COUNT;
        unsigned from = id <= M_EMAILS ? act : id == M_PIPELINE ? STORE_FROM_OPPORTUNITIES
                      : id == M_QUOTA || id == M_FORECAST || id == M_CYCLE_DAYS ? 0 : both;
        add_measure(s, measure_name(id), sort, from, keep);
    }
    s->cycle_n_slot = s->m[M_CYCLE_DAYS].slot >= 0 ? s->nslots++ : -1;
}

Store *store_new(const StoreNeeds *needs)
{
    Store *s = xcalloc(1, sizeof *s);
    s->all = needs->all;
    s->kinds = needs->kinds ? needs->kinds : needs->all ? (1u << PER_KINDS) - 1 : 1u << PER_WEEK;
    s->cal = needs->cal;
    if (s->cal.fiscal_start_month < 1 || s->cal.fiscal_start_month > 12)
        s->cal.fiscal_start_month = 1;
    s->first_day = INT_MAX;
    s->last_day = INT_MIN;
    s->cache_day = INT_MIN;
    add_builtins(s, needs);
    for (int i = 0; i < needs->nextra + needs->nactivity_types; i++) {
        int act = i >= needs->nextra;
        const char *given = act ? needs->activity_types[i - needs->nextra] : needs->extra[i];
        char name[160];
        snake(given, name, sizeof name);
        int id = find_measure(s, name);
        if (id < 0)
            id = add_measure(s, name, MS_COUNT, 0, 1);
        else if (s->m[id].slot < 0 && s->m[id].sort != MS_DERIVED)
            s->m[id].slot = s->nslots++;
        if (act && id >= M_BUILTIN)
            s->m[id].from = STORE_FROM_ACTIVITIES;
    }
    return s;
}

static void free_series(Series *se)
{
    free(se->v);
    free(se->known);
}

void store_free(Store *s)
{
    if (!s)
        return;
    for (int r = 0; r < s->nreps; r++) {
        Rep *rep = &s->reps[r];
        for (int k = 0; k < PER_KINDS; k++) {
            for (int i = 0; rep->ser[k] && i < rep->nser; i++)
                free_series(&rep->ser[k][i]);
            free(rep->ser[k]);
        }
        for (int f = 0; f < rep->nfields; f++)
            free(rep->fields[f].value);
        free(rep->fields);
        free(rep->targets);
        free(rep->name);
    }
    for (int i = 0; i < s->nm; i++)
        free(s->m[i].name);
    for (int i = 0; i < s->nfields; i++)
        free(s->fields[i]);
    free(s->fields);
    free(s->m);
    free(s->reps);
    free(s->hash);
    free(s);
}

/* --- reps --- */

static unsigned hash_bytes(const char *p, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static int find_rep(const Store *s, const char *name, size_t len, size_t *slot)
{
    if (!s->hcap)
        return -1;
    size_t i = hash_bytes(name, len) & (s->hcap - 1);
    for (;; i = (i + 1) & (s->hcap - 1)) {
        int id = s->hash[i] - 1;
        if (id < 0) {
            if (slot)
                *slot = i;
            return -1;
        }
        if (s->reps[id].len == len && memcmp(s->reps[id].name, name, len) == 0)
            return id;
    }
}

/* Doubles the hash table when it is half full. */
static void grow_hash(Store *s)
{
    size_t cap = s->hcap ? s->hcap * 2 : 64;
    int *h = xcalloc(cap, sizeof *h);
    for (int id = 0; id < s->nreps; id++) {
        size_t i = hash_bytes(s->reps[id].name, s->reps[id].len) & (cap - 1);
        while (h[i])
            i = (i + 1) & (cap - 1);
        h[i] = id + 1;
    }
    free(s->hash);
    s->hash = h;
    s->hcap = cap;
}

int store_find_rep(const Store *s, const char *name, size_t len)
{
    return find_rep(s, name, len, NULL);
}

int store_rep(Store *s, const char *name, size_t len)
{
    size_t slot;
    int id = find_rep(s, name, len, &slot);
    if (id >= 0)
        return id;
    if ((size_t)(s->nreps + 1) * 2 > s->hcap) {
        grow_hash(s);
        find_rep(s, name, len, &slot);
    }
    s->reps = xgrow(s->reps, &s->rcap, (size_t)s->nreps, sizeof *s->reps);
    Rep *rep = &s->reps[s->nreps];
    memset(rep, 0, sizeof *rep);
    rep->name = xstrndup(name, len);
    rep->len = len;
    rep->first_day = INT_MAX;
    rep->last_day = INT_MIN;
    rep->left_day = -1;
    s->hash[slot] = s->nreps + 1;
    return s->nreps++;
}

int store_nreps(const Store *s)
{
    return s->nreps;
}

const char *store_rep_name(const Store *s, int rep)
{
    return rep >= 0 && rep < s->nreps ? s->reps[rep].name : NULL;
}

/* Asked of every row, with days in no order from rep to rep: written as
 * minimum and maximum so they compile to conditional moves, not branches
 * that mispredict. */
void store_seen(Store *s, int rep, int day)
{
    Rep *r = &s->reps[rep];
    r->first_day = day < r->first_day ? day : r->first_day;
    r->last_day = day > r->last_day ? day : r->last_day;
    s->first_day = day < s->first_day ? day : s->first_day;
    s->last_day = day > s->last_day ? day : s->last_day;
}

int store_rep_days(const Store *s, int rep, int *first_day, int *left_day)
{
    const Rep *r = &s->reps[rep];
    *left_day = r->left_day;
    *first_day = r->first_day;
    return r->first_day <= r->last_day;
}

int store_data_days(const Store *s, int *first_day, int *last_day)
{
    *first_day = s->first_day;
    *last_day = s->last_day;
    return s->first_day <= s->last_day;
}

void store_set_left(Store *s, int rep, int day)
{
    s->reps[rep].left_day = day;
}

/* --- rep fields --- */

static int field_id(Store *s, const char *name)
{
    for (int i = 0; i < s->nfields; i++)
        if (strcmp(s->fields[i], name) == 0)
            return i;
    s->fields = xgrow(s->fields, &s->fcap, (size_t)s->nfields, sizeof *s->fields);
    s->fields[s->nfields] = xstrdup(name);
    return s->nfields++;
}

static Field *rep_field(const Store *s, const Rep *r, const char *name)
{
    for (int i = 0; i < r->nfields; i++)
        if (strcmp(s->fields[r->fields[i].name], name) == 0)
            return &r->fields[i];
    return NULL;
}

/* Sets a field when `by` may override what is there. */
static void put_field(Store *s, int rep, const char *name, const char *value, unsigned char by)
{
    Rep *r = &s->reps[rep];
    Field *f = rep_field(s, r, name);
    if (f) {
        if (by < f->by || (by == BY_DATA && f->by == BY_DATA) || strcmp(f->value, value) == 0)
            return;
        free(f->value);
        f->value = xstrdup(value);
        f->by = by;
        return;
    }
    r->fields = xrealloc(r->fields, (size_t)(r->nfields + 1) * sizeof *r->fields);
    f = &r->fields[r->nfields++];
    f->name = field_id(s, name);
    f->value = xstrdup(value);
    f->by = by;
}

void store_set_field(Store *s, int rep, const char *field, const char *value)
{
    if (value && *value)
        put_field(s, rep, field, value, BY_ROSTER);
}

void store_offer_field(Store *s, int rep, const char *field, const char *value)
{
    if (value && *value)
        put_field(s, rep, field, value, BY_DATA);
}

const char *store_rep_field(const Store *s, int rep, const char *field)
{
    if (rep < 0 || rep >= s->nreps)
        return NULL;
    const Field *f = rep_field(s, &s->reps[rep], field);
    return f ? f->value : NULL;
}

const char *store_field_name(const Store *s, int i)
{
    return i >= 0 && i < s->nfields ? s->fields[i] : NULL;
}

/* --- series --- */

/* Windows start and end on multiples of this many periods, so a series
 * takes the same memory whatever order its rows came in, and freed
 * windows fit the next ones (memory follows reps x periods). */
enum { SERIES_STEP = 16 };

static int step_down(int p)
{
    return p >= 0 ? p / SERIES_STEP * SERIES_STEP : -((SERIES_STEP - 1 - p) / SERIES_STEP) * SERIES_STEP;
}

/* Widens se to hold period p; a running series carries its last value
 * into the new cells on the right. */
static void series_grow(Series *se, int p, int running)
{
    int nlo = step_down(p), nhi = nlo + SERIES_STEP - 1;
    if (se->v) {
        nlo = se->lo < nlo ? se->lo : nlo;
        nhi = se->lo + se->n - 1 > nhi ? se->lo + se->n - 1 : nhi;
    }
    int n = nhi - nlo + 1, off = se->v ? se->lo - nlo : 0;
    long long *v = xcalloc((size_t)n, sizeof *v);
    if (se->v) {
        memcpy(v + off, se->v, (size_t)se->n * sizeof *v);
        for (int i = off + se->n; running && i < n; i++)
            v[i] = se->v[se->n - 1];
    }
    if (se->known) {
        unsigned char *k = xcalloc((size_t)n, 1);
        memcpy(k + off, se->known, (size_t)se->n);
        free(se->known);
        se->known = k;
    }
    free(se->v);
    se->v = v;
    se->lo = nlo;
    se->n = n;
}

static long long *series_cell(Series *se, int p, int running)
{
    if (!se->v || p < se->lo || p >= se->lo + se->n)
        series_grow(se, p, running);
    return &se->v[p - se->lo];
}

static long long series_value(const Series *se, int p, int running)
{
    if (!se || !se->v || p < se->lo)
        return 0;
    if (p >= se->lo + se->n)
        return running ? se->v[se->n - 1] : 0;
    return se->v[p - se->lo];
}

static int series_known(const Series *se, int p)
{
    return se && se->known && p >= se->lo && p < se->lo + se->n && se->known[p - se->lo];
}

static void series_mark(Series *se, int p)
{
    series_cell(se, p, 0);
    if (!se->known)
        se->known = xcalloc((size_t)se->n, 1);
    se->known[p - se->lo] = 1;
}

/* The rep's series for a slot and kind, created on first use. */
static Series *rep_series(Store *s, Rep *r, int kind, int slot)
{
    if (r->nser < s->nslots) {
        for (int k = 0; k < PER_KINDS; k++) {
            if (!(s->kinds & (1u << k)))
                continue;
            r->ser[k] = xrealloc(r->ser[k], (size_t)s->nslots * sizeof *r->ser[k]);
            memset(r->ser[k] + r->nser, 0, (size_t)(s->nslots - r->nser) * sizeof *r->ser[k]);
        }
        r->nser = s->nslots;
    }
    return &r->ser[kind][slot];
}

static const Series *get_series(const Rep *r, int kind, int slot)
{
    return slot >= 0 && slot < r->nser && r->ser[kind] ? &r->ser[kind][slot] : NULL;
}

/* The period of each kept kind holding day (cached: rows come in runs of
 * the same day). */
static const int *periods_of(Store *s, int day)
{
    if (day != s->cache_day) {
        for (int k = 0; k < PER_KINDS; k++)
            if (s->kinds & (1u << k))
                s->cache_per[k] = period_of((PeriodKind)k, &s->cal, day);
        s->cache_day = day;
    }
    return s->cache_per;
}

/* --- write side --- */

void store_loaded(Store *s, unsigned from)
{
    s->loaded |= from;
}

int store_keeps(const Store *s, int id)
{
    return id >= 0 && id < s->nm && s->m[id].slot >= 0;
}

void store_add(Store *s, int rep, int day, int id, long long value)
{
    if (!store_keeps(s, id))
        return;
    const Measure *m = &s->m[id];
    const int *per = periods_of(s, day);
    Rep *r = &s->reps[rep];
    for (int k = 0; k < PER_KINDS; k++) {
        if (!(s->kinds & (1u << k)))
            continue;
        Series *se = rep_series(s, r, k, m->slot);
        if (m->sort == MS_RUNNING) {
            series_cell(se, per[k], 1);
            for (int i = per[k] - se->lo; i < se->n; i++)
                se->v[i] += value;
        } else {
            *series_cell(se, per[k], 0) += value;
        }
        if (m->sort == MS_MEAN)
            *series_cell(rep_series(s, r, k, s->cycle_n_slot), per[k], 0) += 1;
    }
}

/* store_add_many's look-ahead: the rep, then its series, then the
 * counter, each fetched for the whole batch before any is read, so the
 * batch's cache misses overlap instead of coming one after another. */
static void fetch_ahead(Store *s, const StoreAdd *adds, int n)
{
    for (int i = 0; i < n; i++)
        __builtin_prefetch(&s->reps[adds[i].rep]);
    for (int i = 0; i < n; i++) {
        const Rep *r = &s->reps[adds[i].rep];
        int slot = store_keeps(s, adds[i].id) ? s->m[adds[i].id].slot : -1;
        for (int k = 0; slot >= 0 && slot < r->nser && k < PER_KINDS; k++)
            if (s->kinds & (1u << k))
                __builtin_prefetch(&r->ser[k][slot]);
    }
    for (int i = 0; i < n; i++) {
        const Rep *r = &s->reps[adds[i].rep];
        int slot = store_keeps(s, adds[i].id) ? s->m[adds[i].id].slot : -1;
        if (slot < 0 || slot >= r->nser)
            continue;
        const int *per = periods_of(s, adds[i].day);
        for (int k = 0; k < PER_KINDS; k++) {
            const Series *se = s->kinds & (1u << k) ? &r->ser[k][slot] : NULL;
            if (se && se->v && per[k] >= se->lo && per[k] < se->lo + se->n)
                __builtin_prefetch(&se->v[per[k] - se->lo], 1);
        }
    }
}

void store_add_many(Store *s, const StoreAdd *adds, int n)
{
    fetch_ahead(s, adds, n);
    for (int i = 0; i < n; i++)
        store_add(s, adds[i].rep, adds[i].day, adds[i].id, adds[i].value);
}

int store_activity_measure(Store *s, const char *name)
{
    int id = find_measure(s, name);
    if (id < 0 && s->all)
        id = add_measure(s, name, MS_COUNT, STORE_FROM_ACTIVITIES, 1);
    if (id < M_BUILTIN || s->m[id].slot < 0)
        return -1;
    s->m[id].from = STORE_FROM_ACTIVITIES;   /* rows of it: a count after all */
    return id;
}

int store_figure_measure(Store *s, const char *name)
{
    int id = find_measure(s, name);
    if (id < 0 && s->all)
        id = add_measure(s, name, MS_COUNT, 0, 1);
    if (id < 0 || s->m[id].sort == MS_DERIVED || s->m[id].sort == MS_MEAN)
        return -1;
    return s->m[id].slot >= 0 ? id : -1;
}

void store_add_figure(Store *s, int rep, int day, PeriodKind from_kind, int id, long long value)
{
    if (id < 0 || id >= s->nm || s->m[id].slot < 0)
        return;
    const int *per = periods_of(s, day);
    Rep *r = &s->reps[rep];
    for (int k = from_kind; k < PER_KINDS; k++) {
        if (!(s->kinds & (1u << k)))
            continue;
        Series *se = rep_series(s, r, k, s->m[id].slot);
        *series_cell(se, per[k], s->m[id].sort == MS_RUNNING) += value;
        series_mark(se, per[k]);
    }
}

/* The measure of a goal: quota and forecast are built in; any other goal
 * is "goal:NAME", always kept (targets files are small). */
static int goal_id(const Store *s, const char *goal)
{
    if (strcmp(goal, "quota") == 0)
        return M_QUOTA;
    if (strcmp(goal, "forecast") == 0)
        return M_FORECAST;
    char name[160];
    snprintf(name, sizeof name, "goal:%s", goal);
    return find_measure(s, name);
}

int store_goal(const Store *s, const char *goal)
{
    return goal_id(s, goal);
}

/* value x part / whole, rounded half away from zero, without overflow. */
static long long prorate(long long value, int part, int whole)
{
    long long q = value / whole, r = value % whole;
    long long rest = r * part;
    long long frac = (rest * 2 + (rest >= 0 ? whole : -whole)) / (2 * whole);
    return q * part + frac;
}

/* Spreads a target row over the periods of each kept kind it overlaps. */
static void spread_target(Store *s, Rep *r, int id, const Target *t)
{
    int days = t->last - t->first + 1;
    for (int k = 0; k < PER_KINDS; k++) {
        if (!(s->kinds & (1u << k)))
            continue;
        Series *se = rep_series(s, r, k, s->m[id].slot);
        int p1 = period_of((PeriodKind)k, &s->cal, t->first);
        int p2 = period_of((PeriodKind)k, &s->cal, t->last);
        for (int p = p1; p <= p2; p++) {
            int a = period_first_day((PeriodKind)k, &s->cal, p);
            int b = period_last_day((PeriodKind)k, &s->cal, p);
            int overlap = (b < t->last ? b : t->last) - (a > t->first ? a : t->first) + 1;
            *series_cell(se, p, 0) += prorate(t->value, overlap, days);
            series_mark(se, p);
        }
    }
}

static void add_target_row(Store *s, int rep, const Target *t)
{
    Rep *r = &s->reps[rep];
    r->targets = xgrow(r->targets, &r->tcap, (size_t)r->ntargets, sizeof *r->targets);
    r->targets[r->ntargets++] = *t;
    if (s->m[t->goal].slot >= 0)
        spread_target(s, r, t->goal, t);
}

static int has_target(const Rep *r, int goal, int first, int last)
{
    for (int i = 0; i < r->ntargets; i++)
        if (r->targets[i].goal == goal && r->targets[i].first == first && r->targets[i].last == last)
            return 1;
    return 0;
}

int store_has_target(const Store *s, int rep, const char *goal, int first_day, int last_day)
{
    int id = goal_id(s, goal);
    return id >= 0 && rep >= 0 && rep < s->nreps && has_target(&s->reps[rep], id, first_day, last_day);
}

int store_add_target(Store *s, int rep, const char *goal, int first_day, int last_day,
                     long long value)
{
    int id = goal_id(s, goal);
    if (id < 0) {
        char name[160];
        snprintf(name, sizeof name, "goal:%s", goal);
        id = add_measure(s, name, MS_COUNT, 0, 1);
    }
    if (has_target(&s->reps[rep], id, first_day, last_day))
        return 1;
    Target t = {id, first_day, last_day, value};
    add_target_row(s, rep, &t);
    return 0;
}

/* --- read side --- */

const Calendar *store_calendar(const Store *s)
{
    return &s->cal;
}

unsigned store_kinds(const Store *s)
{
    return s->kinds;
}

int store_nmeasures(const Store *s)
{
    return s->nm;
}

const char *store_measure_name(const Store *s, int id)
{
    return id >= 0 && id < s->nm ? s->m[id].name : NULL;
}

int store_measure(const Store *s, const char *name)
{
    char spelt[160];
    int id = measure_lookup(name);
    if (id < 0)
        id = find_measure(s, name);
    if (id < 0) {
        snake(name, spelt, sizeof spelt);
        id = find_measure(s, spelt);
    }
    return id;
}

/* A count is 0, not unknown, from the rep's first dated period on once a
 * shape that feeds it was loaded. */
static int count_known(const Store *s, const Rep *r, const Measure *m, int kind, int period)
{
    return (s->loaded & m->from) && r->first_day <= r->last_day &&
           period >= period_of((PeriodKind)kind, &s->cal, r->first_day);
}

int store_get(const Store *s, int rep, PeriodKind kind, int period, int id, double *value)
{
    if (rep < 0 || rep >= s->nreps || id < 0 || id >= s->nm || kind >= PER_KINDS ||
        !(s->kinds & (1u << kind)))
        return 0;
    const Rep *r = &s->reps[rep];
    const Measure *m = &s->m[id];
    if (id == M_CLOSED) {
        double won, lost;
        int kw = store_get(s, rep, kind, period, M_WON, &won);
        int kl = store_get(s, rep, kind, period, M_LOST, &lost);
        *value = (kw ? won : 0) + (kl ? lost : 0);
        return kw || kl;
    }
    if (m->slot < 0)
        return 0;                   /* not kept: no rule asked for it */
    const Series *se = get_series(r, kind, m->slot);
    if (m->sort == MS_MEAN) {
        long long n = series_value(get_series(r, kind, s->cycle_n_slot), period, 0);
        if (n <= 0)
            return 0;
        *value = (double)series_value(se, period, 0) / 10000.0 / (double)n;
        return 1;
    }
    if (!series_known(se, period) && !count_known(s, r, m, kind, period))
        return 0;
    *value = (double)series_value(se, period, m->sort == MS_RUNNING) / 10000.0;
    return 1;
}

int store_target(const Store *s, int rep, const char *goal, int day, double *value)
{
    int id = goal_id(s, goal);
    if (rep < 0 || rep >= s->nreps || id < 0)
        return 0;
    const Rep *r = &s->reps[rep];
    const Target *best = NULL;
    for (int i = 0; i < r->ntargets; i++) {
        const Target *t = &r->targets[i];
        if (t->goal == id && t->first <= day && day <= t->last &&
            (!best || t->last - t->first < best->last - best->first))
            best = t;
    }
    if (!best)
        return 0;
    *value = (double)best->value / 10000.0;
    return 1;
}

int store_target_row(const Store *s, int rep, int i, const char **goal, int *first_day,
                     int *last_day, double *value)
{
    if (rep < 0 || rep >= s->nreps || i < 0 || i >= s->reps[rep].ntargets)
        return 0;
    const Target *t = &s->reps[rep].targets[i];
    const char *name = s->m[t->goal].name;
    *goal = strncmp(name, "goal:", 5) == 0 ? name + 5 : name;
    *first_day = t->first;
    *last_day = t->last;
    *value = (double)t->value / 10000.0;
    return 1;
}

/* --- merge --- */

/* Whether a slot's series is a running total (pipeline). */
static int slot_running(const Store *s, int slot)
{
    for (int id = 0; id < s->nm; id++)
        if (s->m[id].slot == slot && s->m[id].sort == MS_RUNNING)
            return 1;
    return 0;
}

/* Adds src's cells into dst over src's window and, for a running series,
 * src's carried total into every dst cell beyond it. */
static void merge_series(Series *dst, Series *src, int running)
{
    if (!src->v)
        return;
    if (!dst->v) {                    /* nothing to add to: src's cells move */
        *dst = *src;
        src->v = NULL;
        src->known = NULL;
        src->n = 0;
        return;
    }
    series_cell(dst, src->lo, running);
    series_cell(dst, src->lo + src->n - 1, running);
    int end = running ? dst->lo + dst->n : src->lo + src->n;
    for (int p = src->lo; p < end; p++)
        dst->v[p - dst->lo] += series_value(src, p, running);
    for (int p = src->lo; src->known && p < src->lo + src->n; p++)
        if (src->known[p - src->lo])
            series_mark(dst, p);
}

/* dst's id for each of src's measures (registering missing ones), and
 * dst's slot for each of src's slots. */
static void map_measures(Store *dst, const Store *src, int *ids, int *slots)
{
    for (int i = 0; i < src->nslots; i++)
        slots[i] = -1;
    for (int id = 0; id < src->nm; id++) {
        const Measure *sm = &src->m[id];
        int d = find_measure(dst, sm->name);
        if (d < 0)
            d = add_measure(dst, sm->name, (MeasureSort)sm->sort, sm->from, sm->slot >= 0);
        else if (sm->slot >= 0 && dst->m[d].slot < 0 && dst->m[d].sort != MS_DERIVED)
            dst->m[d].slot = dst->nslots++;
        dst->m[d].from |= sm->from;
        ids[id] = d;
        if (sm->slot >= 0)
            slots[sm->slot] = dst->m[d].slot;
    }
    if (src->cycle_n_slot >= 0) {
        if (dst->cycle_n_slot < 0)
            dst->cycle_n_slot = dst->nslots++;
        slots[src->cycle_n_slot] = dst->cycle_n_slot;
    }
}

static void merge_rep(Store *dst, const Store *src, Rep *sr, const int *ids,
                      const int *slots)
{
    int rep = store_rep(dst, sr->name, sr->len);
    if (sr->first_day <= sr->last_day) {
        store_seen(dst, rep, sr->first_day);
        store_seen(dst, rep, sr->last_day);
    }
    if (sr->left_day >= 0)
        dst->reps[rep].left_day = sr->left_day;
    for (int f = 0; f < sr->nfields; f++)
        put_field(dst, rep, src->fields[sr->fields[f].name], sr->fields[f].value, sr->fields[f].by);
    for (int i = 0; i < sr->ntargets; i++) {
        Target t = sr->targets[i];
        t.goal = ids[t.goal];
        Rep *r = &dst->reps[rep];
        if (!has_target(r, t.goal, t.first, t.last)) {
            r->targets = xgrow(r->targets, &r->tcap, (size_t)r->ntargets, sizeof *r->targets);
            r->targets[r->ntargets++] = t;    /* its spread comes with the series */
        }
    }
    for (int k = 0; k < PER_KINDS; k++) {
        for (int slot = 0; sr->ser[k] && slot < sr->nser; slot++) {
            if (slots[slot] < 0 || !(dst->kinds & (1u << k)))
                continue;
            merge_series(rep_series(dst, &dst->reps[rep], k, slots[slot]), &sr->ser[k][slot],
                         slot_running(src, slot));
        }
    }
}

Store *store_new_like(const Store *src)
{
    Store *s = xcalloc(1, sizeof *s);
    s->all = src->all;
    s->kinds = src->kinds;
    s->cal = src->cal;
    s->first_day = INT_MAX;
    s->last_day = INT_MIN;
    s->cache_day = INT_MIN;
    s->m = xmalloc((size_t)(src->nm ? src->nm : 1) * sizeof *s->m);
    s->mcap = (size_t)(src->nm ? src->nm : 1);
    for (int i = 0; i < src->nm; i++) {
        s->m[i] = src->m[i];
        s->m[i].name = xstrdup(src->m[i].name);
    }
    s->nm = src->nm;
    s->nslots = src->nslots;
    s->cycle_n_slot = src->cycle_n_slot;
    return s;
}

void store_merge(Store *dst, Store *src)
{
    int *ids = xmalloc((size_t)(src->nm + 1) * sizeof *ids);
    int *slots = xmalloc((size_t)(src->nslots + 1) * sizeof *slots);
    map_measures(dst, src, ids, slots);
    dst->loaded |= src->loaded;
    for (int r = 0; r < src->nreps; r++)
        merge_rep(dst, src, &src->reps[r], ids, slots);
    free(ids);
    free(slots);
}
