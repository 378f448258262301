/* actions.h — the action list: what the evaluator issues and every output
 * format writes (data.md section 3).
 *
 * Ownership: an ActionList owns its rows and every string in them (one
 * arena); actions_free frees it all. */
#ifndef PACE_ACTIONS_H
#define PACE_ACTIONS_H

#include "mem.h"

/* The column `action`. */
typedef enum ActionType {
    AT_COACHING,   /* coaching */
    AT_ADJUST,     /* adjust */
    AT_NOTIFY,     /* notify */
    AT_REVIEW,     /* review */
    AT_FLAG,       /* flag */
    AT_EXPECT,     /* expect: a follow-up's outcome */
} ActionType;

/* How a number is shown: data.md section 3 (percent with one decimal,
 * counts as integers, amounts with two decimals). */
typedef enum ValueFormat {
    VF_NONE,      /* empty cell */
    VF_TEXT,      /* text: met, missed, pending */
    VF_COUNT,     /* 12 */
    VF_AMOUNT,    /* 11000.00 */
    VF_PERCENT,   /* 12.5% (num holds 0.125) */
    VF_MULTIPLE,  /* 2.5x */
    VF_NUMBER,    /* a plain number: up to 2 decimals, trailing zeros cut */
} ValueFormat;

typedef struct Cell {
    ValueFormat format;
    double num;
    const char *text;     /* VF_TEXT */
} Cell;

/* The recent values of the metric that triggered an action, for the HTML
 * report's chart.  Kept out of line (ActionRow.chart) and made only when
 * the report wants it: it is most of a row's size. */
enum { CHART_POINTS = 12 };
typedef struct Chart {
    const char *metric;            /* NULL: no chart */
    ValueFormat format;
    int npoints;
    int period[CHART_POINTS];      /* first day of each period, oldest first */
    double value[CHART_POINTS];
    unsigned char known[CHART_POINTS];
    double threshold;
    int has_threshold;
} Chart;

typedef struct ActionRow {   /* the ints first: no padding between members */
    int period;            /* first day of the issuing period (day number) */
    int rule_index;        /* the rule's position: the order of the output */
    ActionType type;
    int due;               /* day number, or -1 for none */
    const char *rep;       /* "" for a per-team rule */
    const char *team;      /* "" when unknown */
    const char *manager;   /* "" when unknown (reports group by it) */
    const char *rule;
    const char *target;
    Cell value;
    Cell previous;
    const char *priority;  /* low, medium, high or "" */
    const char *reason;
    Chart *chart;          /* NULL: no chart (not wanted, or nothing to show) */
} ActionRow;

typedef struct ActionList {
    Arena arena;
    const char **names;              /* actions_intern: open addressing */
    size_t nnames, names_cap;
    ActionRow *rows;
    size_t n, cap;
    /* what the run covered, for report headers */
    int first_period, last_period;   /* day numbers of the reported periods */
    const char *period_kind;         /* "week", "month", "quarter", "mixed" */
} ActionList;

ActionList *actions_new(void);
void actions_free(ActionList *list);
/* Empties the list of its rows and their strings, keeping what it covers
 * (first_period, last_period, period_kind): a streamed run (eval.h
 * ev_stream) reuses one list for each step's rows. */
void actions_clear(ActionList *list);
/* Appends a zeroed row (due = -1) and returns it; strings given to the row
 * must come from actions_strdup/actions_printf. */
ActionRow *actions_add(ActionList *list);
const char *actions_strdup(ActionList *list, const char *s);
/* The same, kept once per list: for the names every row of a subject or
 * rule repeats (rep, team, manager, rule, coaching topic), so memory
 * grows with the reasons, not with copies of names. */
const char *actions_intern(ActionList *list, const char *s);
/* Gives the row a zeroed chart owned by the list, and returns it. */
Chart *actions_chart(ActionList *list, ActionRow *row);
const char *actions_printf(ActionList *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Sorts by period, then subject (rep, then team), then rule order, then
 * the order actions were added: the documented output order.  The
 * evaluator makes its rows in this order already (eval.c, two passes);
 * this sort is the order's definition, which the eval fuzzer checks the
 * evaluator against. */
void actions_sort(ActionList *list);

/* Formats a cell as data.md says into buf (empty for VF_NONE). */
void actions_format_cell(const Cell *c, char *buf, size_t size);
const char *actions_type_name(ActionType t);

#endif
