/* store.h — measures per rep and period: what the importer fills and the
 * evaluator reads.
 *
 * Memory follows reps x periods x the measures the rules need, never the
 * number of rows: the importer adds each row into counters and forgets it.
 * Counters are integers (amounts in 1/10000 units), so sums do not depend
 * on the order rows arrive in — and per-thread stores merge into exactly
 * the same numbers as one thread (issue 7).
 *
 * Reps are interned: a rep id is a dense index 0 .. store_nreps-1, in
 * order of first appearance; the evaluator sorts by name when it needs
 * order.  Teams are not stored as subjects: a team is the set of reps
 * whose "team" field has that value. */
#ifndef PACE_STORE_H
#define PACE_STORE_H

#include "period.h"
#include "measure.h"

typedef struct Store Store;

/* What the rules need, computed from the checked program before any data
 * is read, so the importer aggregates nothing else. */
typedef struct StoreNeeds {
    unsigned kinds;                     /* bit 1 << PeriodKind per kind used */
    Calendar cal;
    unsigned char builtin[M_BUILTIN];   /* 1 when rules read this measure */
    const char **extra;                 /* other measures by name: declared
                                           data columns, activity types */
    int nextra;
} StoreNeeds;

Store *store_new(const StoreNeeds *needs);
void store_free(Store *s);

/* --- read side (the evaluator) --- */

int store_nreps(const Store *s);
const char *store_rep_name(const Store *s, int rep);
/* A field of the rep: "team", "manager", or any roster column
 * (snake_case).  NULL when the rep has no value for it. */
const char *store_rep_field(const Store *s, int rep, const char *field);
/* The first day any data row names the rep, and the day the roster says
 * the rep left (or -1).  Returns 0 when the rep has no dated data. */
int store_rep_days(const Store *s, int rep, int *first_day, int *left_day);
/* First and last day of all dated data; 0 when there is none. */
int store_data_days(const Store *s, int *first_day, int *last_day);

/* The store's id for a measure name: built-in names and any data column,
 * declared measure or activity type; -1 when nothing in the data has it
 * (every value is then unknown). */
int store_measure(const Store *s, const char *name);
/* The value of measure id for rep in period `period` of `kind`.  Returns 1
 * and sets *value when known, 0 when unknown (language.md section 4:
 * counts from a data shape that was loaded are 0, not unknown, in the
 * rep's active span; per-period figures and targets are unknown where no
 * row gives them; cycle_days is unknown with no won deal). */
int store_get(const Store *s, int rep, PeriodKind kind, int period, int id,
              double *value);
/* The rep's target for `goal` ("quota", "calls", ...) in force on `day`,
 * as the targets data gives it (not prorated): for `adjust`'s previous
 * value.  Returns 1 when one exists. */
int store_target(const Store *s, int rep, const char *goal, int day,
                 double *value);

/* --- write side (the importer) --- */

/* Interns a rep name (bytes, not NUL-terminated); returns its id. */
int store_rep(Store *s, const char *name, size_t len);
void store_set_field(Store *s, int rep, const char *field, const char *value);
void store_set_left(Store *s, int rep, int day);
/* Adds to a measure on a day (the store turns days into periods of each
 * kind needed).  value is in 1/10000 units.  Measures not needed are
 * ignored cheaply. */
void store_add(Store *s, int rep, int day, int id, long long value);
/* Folds src into dst (per-thread stores; reps matched by name). */
void store_merge(Store *dst, const Store *src);

#endif
