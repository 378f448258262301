/* ast.h — the rule program: what the parser builds, the checker resolves
 * and annotates, the formatter prints and the evaluator runs.
 *
 * Ownership: a Program owns everything reachable from it.  Nodes and their
 * strings live in the program's arena (ast_alloc / ast_strdup) and are
 * freed together by ast_free; the Sources (the rule files and their
 * includes) are owned by the program too.  Nothing in the AST points into
 * a Source's text except Spans.
 *
 * Values: numbers are doubles in their plain meaning after units are
 * applied: 20% is 0.20, 3x is 3, 50k is 50000, 10 points is 0.10.  The
 * unit as written is kept (for the checker's unit rules and for pace fmt).
 */
#ifndef PACE_AST_H
#define PACE_AST_H

#include "diag.h"
#include "mem.h"
#include "period.h"

/* How a number literal was written. */
typedef enum NumUnit {
    UNIT_NONE,     /* 12, 0.35, 1_000 */
    UNIT_PERCENT,  /* 20% */
    UNIT_X,        /* 3x (a multiple: coverage) */
    UNIT_POINTS,   /* 10 points (an absolute change of a percentage) */
} NumUnit;

/* Scale suffix of a number literal, kept for pace fmt. */
typedef enum NumScale {
    SCALE_NONE,  /* 1200 */
    SCALE_K,     /* 50k = 50 000 */
    SCALE_M,     /* 1.2m = 1 200 000 */
} NumScale;

typedef enum DurUnit {
    DUR_DAY,      /* day(s) */
    DUR_WEEK,     /* week(s) */
    DUR_MONTH,    /* month(s) */
    DUR_QUARTER,  /* quarter(s) */
} DurUnit;

/* "2 weeks", "5 days", "week" (n = 1). */
typedef struct Duration {
    long n;
    DurUnit unit;
    Span span;
    int bare;               /* written as the unit alone ("week"), for pace fmt */
} Duration;

/* What a value measures; the checker infers it for every expression, for
 * the unit rules (win_rate < 20 is an error) and for printing (a percent
 * metric prints as 12.5%). */
typedef enum ValueType {
    VT_UNKNOWN,   /* not yet inferred */
    VT_COUNT,     /* calls, won, closed */
    VT_AMOUNT,    /* won_amount, pipeline, quota (money) */
    VT_DAYS,      /* cycle_days */
    VT_PERCENT,   /* a ratio shown as a percentage: win_rate */
    VT_MULTIPLE,  /* a ratio shown as 3.0x: pipeline_coverage */
    VT_NUMBER,    /* a plain number with no better type */
    VT_BOOL,      /* a condition */
} ValueType;

typedef enum ExprKind {
    EX_NUM,       /* number literal: num, unit, scale */
    EX_NAME,      /* a base measure or a metric: name (resolved by check) */
    EX_NEG,       /* - lhs */
    EX_ADD,       /* lhs + rhs */
    EX_SUB,       /* lhs - rhs */
    EX_MUL,       /* lhs * rhs */
    EX_DIV,       /* lhs / rhs (unknown when rhs is 0) */
    EX_LT,        /* lhs <  rhs */
    EX_LE,        /* lhs <= rhs */
    EX_GT,        /* lhs >  rhs */
    EX_GE,        /* lhs >= rhs */
    EX_EQ,        /* lhs =  rhs */
    EX_NE,        /* lhs != rhs */
    EX_AND,       /* lhs and rhs */
    EX_OR,        /* lhs or rhs */
    EX_NOT,       /* not lhs */
    EX_CALL,      /* name(args...) [, window]: abs min max avg sum team_avg ... */
    EX_FOR,       /* lhs for window: sustained over the last window.n periods */
    EX_CHANGE,    /* lhs drops|rises by rhs over window */
} ExprKind;

/* Functions, resolved from EX_CALL names by the checker. */
typedef enum Func {
    FN_UNRESOLVED, /* not yet checked, or unknown */
    FN_ABS,        /* abs(x) */
    FN_MIN,        /* min(a, b, ...) or rolling min(M, N weeks) or team min */
    FN_MAX,        /* max(...) likewise */
    FN_AVG,        /* avg(...): rolling with a window; over the team's reps in a per-team rule */
    FN_SUM,        /* sum(...) likewise */
    FN_TEAM_AVG,   /* team_avg(M): over the reps of the subject's team, same period */
    FN_TEAM_SUM,   /* team_sum(M) */
    FN_TEAM_MIN,   /* team_min(M) */
    FN_TEAM_MAX,   /* team_max(M) */
    FN_ACTIVITY,   /* activity_count("linkedin"): count of another activity type */
    FN_GOAL,       /* goal(calls): the subject's goal for a measure (targets data) */
} Func;

/* How a function call aggregates, decided by the checker from the arguments
 * and the rule's scope. */
typedef enum CallMode {
    CALL_PLAIN,    /* abs(x), min(a, b): over its arguments */
    CALL_ROLLING,  /* avg(M, 4 weeks): over the last N periods */
    CALL_TEAM,     /* team_avg(M), or avg(M) in a per-team rule: over reps */
} CallMode;

typedef enum ChangeDir {
    CHANGE_DROPS,  /* drops by */
    CHANGE_RISES,  /* rises by */
} ChangeDir;

typedef struct Expr Expr;
struct Expr {
    ExprKind kind;
    Span span;              /* the whole expression, for carets */
    ValueType type;         /* inferred by the checker */
    /* EX_NUM */
    double num;
    NumUnit unit;
    NumScale scale;
    /* EX_NAME, EX_CALL; for FN_ACTIVITY the argument string is in `text`;
     * for EX_NUM `text` is the literal as written (lower-cased: "50k",
     * "20%", "+10%"), which pace fmt prints back */
    const char *name;
    const char *text;
    /* resolution by the checker for EX_NAME: a metric or a base measure */
    int metric;             /* index in Program.metrics, or -1 */
    int measure;            /* base measure id (measure.h), or -1 */
    /* operands: unary uses lhs; binary lhs and rhs; EX_CHANGE lhs is the
     * measured expression and rhs the amount (its unit says points, % or
     * plain) */
    Expr *lhs, *rhs;
    /* EX_CALL */
    Func func;
    CallMode mode;
    Expr **args;
    int nargs;
    /* EX_FOR, EX_CHANGE (over N), EX_CALL rolling (N weeks): the window */
    Duration window;
    int has_window;
    long periods;           /* window in the rule's periods (checker) */
    ChangeDir dir;          /* EX_CHANGE */
    int paren;              /* written in parentheses (kept by pace fmt) */
    int depth;              /* height of the tree below (the parser's limit) */
};

/* metric NAME = EXPR [when COND] */
typedef struct Metric {
    const char *name;
    Span span;              /* the name, for messages */
    Expr *expr;
    Expr *floor;            /* the `when` condition, or NULL */
    int from_prelude;       /* defined by the built-in prelude */
    int overridden;         /* a prelude metric replaced by the user's */
    int broken;             /* its definition had an error (reported): the
                             * name is known, the formula is not checked
                             * and expr may be NULL */
    ValueType type;         /* inferred by the checker */
    const Source *src;
} Metric;

typedef enum ScopeKind {
    SCOPE_REP,    /* per rep (default) */
    SCOPE_TEAM,   /* per team */
} ScopeKind;

typedef enum FilterKind {
    FILTER_TEAM,     /* for team "X" */
    FILTER_MANAGER,  /* for manager "Y" */
    FILTER_REP,      /* for rep "Z" */
    FILTER_FIELD,    /* where FIELD = "value" (a roster field) */
} FilterKind;

typedef struct Filter {
    FilterKind kind;
    const char *field;      /* FILTER_FIELD: the roster column (snake_case) */
    const char *value;
    Span span;
} Filter;

typedef enum ActionKind {
    ACT_COACHING,  /* assign coaching TOPIC */
    ACT_ADJUST,    /* adjust quota|goal M by X|to X */
    ACT_NOTIFY,    /* notify manager|rep "text" */
    ACT_REVIEW,    /* schedule review "text" */
    ACT_FLAG,      /* flag "text" */
} ActionKind;

typedef enum Priority {
    PRIO_NONE,     /* not given */
    PRIO_LOW,
    PRIO_MEDIUM,
    PRIO_HIGH,
} Priority;

typedef enum Person {
    PERSON_NONE,     /* not given */
    PERSON_MANAGER,
    PERSON_REP,
} Person;

typedef struct Action {
    ActionKind kind;
    Span span;
    /* coaching: the topic (MEDDIC, "Needs analysis"); notify/review/flag:
     * the message template with {name} placeholders; adjust: the goal's
     * measure name ("quota", "calls") */
    const char *text;
    int topic_quoted;       /* coaching topic was a quoted string */
    Person person;          /* notify manager|rep */
    /* adjust */
    int adjust_to;          /* 1: `to X`, 0: `by X` */
    int adjust_goal;        /* 1: `adjust goal M`, 0: `adjust quota` */
    Expr *amount;           /* by +10% (UNIT_PERCENT: relative) / to 120k */
    /* modifiers */
    Priority priority;
    Duration due;
    int has_due;
    Person owner;
    /* follow-up: expect COND within DURATION */
    Expr *expect;
    const char *expect_text;   /* the condition as written, for the output */
    Duration within;
    long within_periods;       /* checker */
} Action;

typedef struct Rule {
    const char *name;       /* `rule "Name"`, or "file:line" when unnamed */
    int named;
    Span span;              /* the rule's first token */
    ScopeKind scope;
    Span scope_span;
    Filter *filters;
    int nfilters;
    Expr *cond;
    Action *actions;
    int nactions;
    Expr *until;            /* hysteresis, or NULL */
    Duration repeat;        /* repeat every DURATION */
    int has_repeat;
    long repeat_periods;    /* checker */
    PeriodKind period;      /* the rule's period (checker, language.md 4) */
    const Source *src;
} Rule;

/* measure NAME, ... — base measures that come from data columns (a metrics
 * or targets file) and are not built in; declaring them lets pace check
 * know the name without the data. */
typedef struct MeasureDecl {
    const char *name;
    Span span;
} MeasureDecl;

typedef struct Program {
    Arena arena;
    Source **sources;        /* [0] is the first file; includes follow */
    int nsources;
    PeriodKind period;       /* `period week|month|quarter`, default week */
    int period_set;
    Span period_span;
    int period_broken;       /* a `period` item had an error: windows are
                              * not checked against the default period */
    int fiscal_start_month;  /* `fiscal year starts April`, default 1 */
    int include_failed;      /* an include could not be read (reported): an
                              * unknown name may be defined in it */
    Metric *metrics;         /* prelude metrics first, then the user's */
    int nmetrics;
    MeasureDecl *measures;
    int nmeasures;
    Rule *rules;             /* in file order, includes in place */
    int nrules;
} Program;

Program *ast_new(void);
void ast_free(Program *p);
void *ast_alloc(Program *p, size_t size);
const char *ast_strndup(Program *p, const char *s, size_t len);
Expr *ast_expr(Program *p, ExprKind kind, Span span);

/* Names for messages and pace fmt. */
const char *ast_func_name(Func f);
const char *ast_dur_unit_name(DurUnit u, long n);   /* "week" / "weeks" */
const char *ast_action_name(ActionKind k);          /* coaching, adjust, ... */
const char *ast_priority_name(Priority p);          /* low, medium, high, "" */
/* An expression in canonical form (as pace fmt writes it), in p's arena:
 * "demo_to_opp >= 35%".  Used for expect's target and by pace fmt. */
const char *ast_expr_text(Program *p, const Expr *e);
/* "2 weeks", "week" (bare), "5 days". */
const char *ast_duration_text(Program *p, const Duration *d);
/* s in double quotes, with \" and \\ escaped, as the lexer reads it back. */
const char *ast_quoted_text(Program *p, const char *s);

#endif
