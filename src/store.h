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
    const char **activity_types;        /* the extra names that are activity
                                           types (activity_count): 0, not
                                           unknown, once activities are loaded.
                                           Any other extra name is unknown
                                           until a row gives it (a metrics
                                           column, or activity rows of it) */
    int nactivity_types;
    int all;                            /* keep every measure the data has, and
                                           every period kind when kinds is 0
                                           (tests, store_dump) */
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
 * declared measure or activity type (also found by its snake_case
 * spelling: "LinkedIn" finds linkedin); -1 when nothing in the data has
 * it (every value is then unknown). */
int store_measure(const Store *s, const char *name);
/* Whether store_add keeps anything of measure id (the rules need it). */
int store_keeps(const Store *s, int id);
/* The value of measure id for rep in period `period` of `kind`.  Returns 1
 * and sets *value when known, 0 when unknown (language.md section 4:
 * counts from a data shape that was loaded are 0, not unknown, in the
 * rep's active span; per-period figures and targets are unknown where no
 * row gives them; cycle_days is unknown with no won deal).  A measure the
 * StoreNeeds did not ask for is not kept, so always unknown. */
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
/* One store_add, held for store_add_many. */
typedef struct StoreAdd {
    int rep, day, id;
    long long value;
} StoreAdd;
/* store_add for each of n adds.  Sums do not depend on the order of the
 * adds, so the importer holds a data row's adds and gives them here in
 * batches: each rep's counters are fetched ahead for the whole batch, and
 * a large export waits on memory once a batch, not once a row (issue 7). */
void store_add_many(Store *s, const StoreAdd *adds, int n);
/* Folds src into dst (per-thread stores; reps matched by name).  Counters
 * dst has none of yet move from src instead of being copied, so src is
 * left only fit for store_free: merging a thread's store costs no second
 * copy of it. */
void store_merge(Store *dst, Store *src);
/* An empty store that keeps what s keeps (the same measures under the
 * same ids, periods and calendar): one thread's store (issue 7). */
Store *store_new_like(const Store *s);

/* --- more of the write side (the importer) ---
 *
 * Measures come in three sorts:
 *   counts  (activities and deals: calls, won, won_amount, an activity
 *           type) are 0, not unknown, in every period from the rep's first
 *           dated row on, once a file of a shape that feeds them is loaded
 *           (store_loaded);
 *   figures (a metrics column, quota, forecast, goals) are known only in
 *           periods a row gave (store_add_figure, store_add_target);
 *   pipeline is a running total: store_add on a day changes it for that
 *   period and every later one (add the amount on the created day,
 *   subtract it on the close day);
 * and cycle_days: each store_add records one won deal's days (1/10000
 * units); store_get gives the mean, unknown with no won deal. */

/* Shapes that feed counts, for store_loaded. */
enum {
    STORE_FROM_ACTIVITIES = 1u,     /* calls, meetings, demos, emails, activity
                                       types; opportunities, won, lost, amounts */
    STORE_FROM_OPPORTUNITIES = 2u,  /* opportunities, won, lost, amounts, pipeline */
};
void store_loaded(Store *s, unsigned from);
/* A rep's id, or -1 when no row named it yet. */
int store_find_rep(const Store *s, const char *name, size_t len);
/* A dated row names the rep on day: extends its active span and the data's. */
void store_seen(Store *s, int rep, int day);
/* Sets a field only when the rep has none yet: data rows offer team and
 * manager, a roster (store_set_field) overrides them. */
void store_offer_field(Store *s, int rep, const char *field, const char *value);
/* The id for an activity type counted under its snake_case name, or -1
 * when no rule needs it (its rows are then only counted as seen). */
int store_activity_measure(Store *s, const char *name);
/* The id for a metrics column (a figure), or -1 when no rule needs it.
 * Built-in names (calls, won, forecast) give the built-in ids. */
int store_figure_measure(Store *s, const char *name);
/* Adds a figure to the period of each kind holding day, for the kinds at
 * least as long as from_kind (a monthly row says nothing about weeks), and
 * marks it known there. */
void store_add_figure(Store *s, int rep, int day, PeriodKind from_kind, int id,
                      long long value);
/* A targets row: goal ("quota", "calls", "forecast") is `value` over the
 * days first..last.  The value of an evaluation period is the sum over
 * target rows of value x overlap days / row days (finer rows add up,
 * coarser ones are prorated).  Returns 1 (and adds nothing) when the rep
 * already has a row for that goal and those exact days. */
int store_add_target(Store *s, int rep, const char *goal, int first_day, int last_day,
                     long long value);
/* 1 when the rep has a row for that goal and those exact days. */
int store_has_target(const Store *s, int rep, const char *goal, int first_day, int last_day);
/* The id of a goal's per-period values (quota gives M_QUOTA), or -1. */
int store_goal(const Store *s, const char *goal);

/* --- listing (store_dump, pace explain) --- */
const Calendar *store_calendar(const Store *s);
unsigned store_kinds(const Store *s);          /* bit 1 << PeriodKind kept */
int store_nmeasures(const Store *s);           /* ids are 0 .. n-1 */
const char *store_measure_name(const Store *s, int id);  /* goals: "goal:calls" */
/* Every field name any rep has, i = 0 .. until NULL. */
const char *store_field_name(const Store *s, int i);
/* The rep's target rows, i = 0 .. until it returns 0. */
int store_target_row(const Store *s, int rep, int i, const char **goal, int *first_day,
                     int *last_day, double *value);

#endif
