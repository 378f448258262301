/* evalexpr.h — the values of expressions for one subject in one period
 * (language.md section 4): the evaluation context shared by the run
 * (eval.c), the evidence texts (evidence.c) and pace explain (explain.c).
 * Internal to the evaluator; the stage's interface is eval.h.
 *
 * Unknown values: a Val carries `known`.  Arithmetic with unknown is
 * unknown; a comparison with unknown is unknown; and/or/not follow
 * three-valued (Kleene) logic — `false and unknown` is false, `true or
 * unknown` is true, `not unknown` is unknown — and a rule fires only on a
 * condition that is known and true. */
#ifndef PACE_EVALEXPR_H
#define PACE_EVALEXPR_H

#include "ast.h"
#include "diag.h"
#include "store.h"

/* The most periods of one kind a run evaluates: 10,000 weeks is almost
 * two centuries, so more means a mistyped date in the data. */
enum { EVX_MAX_PERIODS = 10000 };

/* A value: a number, or a truth (v is 1 or 0), or unknown. */
typedef struct Val {
    double v;
    int known;
} Val;

/* A team: the reps whose "team" field has this value. */
typedef struct EvTeam {
    const char *name;
    int *reps;              /* rep ids, by name */
    int nreps;
    const char *manager;    /* its reps' most common manager, or "" */
    int first, last;        /* active span in periods of the current kind */
} EvTeam;

/* What one subject is: a rep (team = -1) or a team (rep = -1). */
typedef struct Subject {
    int rep;
    int team;
} Subject;

typedef struct Eval {
    const Program *prog;
    const Store *store;
    Calendar cal;
    int data_first, data_last;  /* days; has_data 0 when there are none */
    int has_data;
    int nreps;
    int *by_name;               /* rep ids sorted by name */
    int *rep_team;              /* team index of each rep, or -1 */
    int *rep_first_day;         /* first data day, or INT_MAX for none */
    int *rep_left_day;          /* roster's left day, or -1 */
    EvTeam *teams;              /* sorted by name */
    int nteams;
    int *metric_of;             /* metric index -> the definition in force */
    int *sid;                   /* measure id -> store id (or -1) */
    int nsid;
    int sid_won, sid_lost;
    /* the current kind, set by evx_set_kind */
    PeriodKind kind;
    int end;                    /* the last period evaluated */
    int *rep_first, *rep_last;  /* each rep's active span (first > last: none) */
} Eval;

void evx_init(Eval *ev, const Program *prog, const Store *store);
void evx_free(Eval *ev);
/* Sets the period kind and the last period evaluated; computes every
 * rep's and team's active span. */
void evx_set_kind(Eval *ev, PeriodKind kind, int end);

/* Reports and returns 1 when first .. end (periods of the current kind)
 * is more than EVX_MAX_PERIODS. */
int evx_too_long(const Eval *ev, int first, int end, Diag *d);
/* Active span of a subject: returns 0 when it has none. */
int evx_span(const Eval *ev, Subject s, int *first, int *last);
int evx_active(const Eval *ev, Subject s, int p);
/* 1 when the roster says the subject left by the end of period p (a
 * team: every one of its reps did). */
int evx_left_by(const Eval *ev, Subject s, int p);

/* The value of e for subject s in period p. */
Val evx_value(const Eval *ev, Subject s, const Expr *e, int p);
/* 1 when the condition is known and true. */
int evx_true(const Eval *ev, Subject s, const Expr *e, int p);

/* The metric definition in force for a name's resolved metric index. */
const Metric *evx_metric(const Eval *ev, int index);
/* The index of the metric in force named `name`, or -1. */
int evx_metric_named(const Eval *ev, const char *name);
/* A metric's value (its floor applied), a measure's value by id. */
Val evx_metric_value(const Eval *ev, Subject s, int index, int p);
Val evx_measure_value(const Eval *ev, Subject s, int id, int p);
/* The value type of an expression, from the checker's annotations. */
ValueType evx_type(const Eval *ev, const Expr *e);
/* The value of a roster field of a subject ("team", "manager", "rep" or
 * any column); "" when unknown. */
const char *evx_field(const Eval *ev, Subject s, const char *field);
/* The subject's name: the rep's or the team's. */
const char *evx_subject_name(const Eval *ev, Subject s);
/* 1 when the rule's filters let the subject through. */
int evx_filters_pass(const Eval *ev, const Rule *r, Subject s);
/* The subject's target for a goal in force on the last day of period p
 * (the targets data, not prorated); a team's is the sum of its reps'
 * active in p.  Returns 1 when known. */
int evx_target(const Eval *ev, Subject s, const char *goal, int p, double *value);

/* The periods in first .. last in which rule r issues for s (language.md
 * section 5), into issues (room for last - first + 1); returns how many.
 * *holding (when not NULL): still holding after `last`. */
int evx_issues(const Eval *ev, const Rule *r, Subject s, int first, int last, int *issues,
               int *holding);

/* A `for`, `over` or rolling window in periods: at least 1, and never so
 * long that period arithmetic could overflow (a window reaching before a
 * subject's first period is cut there, its values being unknown). */
int evx_window(const Expr *e);

/* Comparison with a tolerance, so 0.4 - 0.15 <= 0.25 holds as a reader
 * expects.  op is one of EX_LT .. EX_NE. */
int evx_compare(ExprKind op, double a, double b);

#endif
