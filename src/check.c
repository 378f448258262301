/* check.c — the checker (see check.h): one pass over the parsed program
 * that resolves names, infers value types, fixes each rule's period,
 * turns windows into counts of periods, and reports every semantic
 * mistake (language.md sections 3 to 6) in one run.
 *
 * Value types (documented in docs/language.md, "Units"):
 *   - base measures are counts, amounts or days (measure.h); a declared
 *     measure is a plain number;
 *   - a ratio of two like quantities (count / count, amount / amount) is a
 *     percentage, except in a metric whose name contains "coverage", which
 *     is a multiple (pipeline_coverage = pipeline / quota shows as 2.5x);
 *   - amount / count is an amount (avg_deal_size), days / count is days;
 *   - a plain number combined with a typed value keeps that value's type
 *     (1 - x, calls * 2, quota * 110%).
 * The checker recurses over expressions; the parser bounds their depth. */
#include "check.h"
#include "measure.h"
#include "suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum Visit {
    UNSEEN,    /* not checked yet */
    VISITING,  /* on the path being checked: meeting it again is a cycle */
    DONE,      /* checked, type known */
} Visit;

typedef struct Checker {
    Program *p;
    Diag *d;
    Visit *visit;          /* per metric */
    int *path;             /* metrics being checked, outermost first */
    int npath;
    int metric;            /* the metric being checked, or -1 in a rule */
    const Rule *rule;      /* the rule being checked, or NULL */
    const Expr *period_from;  /* the `for` that set the rule's period */
    int mixed;             /* the rule mixes `for` periods (reported once) */
} Checker;

static const char *const functions[] = {
    "abs", "min", "max", "avg", "sum", "team_avg", "team_sum", "team_min",
    "team_max", "activity_count", "goal",
};
static const Func function_ids[] = {
    FN_ABS, FN_MIN, FN_MAX, FN_AVG, FN_SUM, FN_TEAM_AVG, FN_TEAM_SUM, FN_TEAM_MIN,
    FN_TEAM_MAX, FN_ACTIVITY, FN_GOAL,
};
enum { NFUNCTIONS = sizeof functions / sizeof functions[0] };

static ValueType check_expr(Checker *c, Expr *e);

/* ---------------------------------------------------------- did you mean */

/* The closest known metric or measure name, or NULL. */
static const char *suggest_name(const Checker *c, const char *name)
{
    Suggest s = {name, NULL, 0};
    for (int i = 0; i < c->p->nmetrics; i++)
        suggest_consider(&s, c->p->metrics[i].name);
    for (int i = 0; i < M_BUILTIN; i++)
        suggest_consider(&s, measure_name(i));
    for (int i = 0; i < c->p->nmeasures; i++)
        suggest_consider(&s, c->p->measures[i].name);
    return s.best;
}

static const char *suggest_function(const char *name)
{
    return suggest_closest(name, functions, NFUNCTIONS);
}

/* ------------------------------------------------------------- names */

static const char *type_name(ValueType t)
{
    switch (t) {
    case VT_COUNT: return "a count";
    case VT_AMOUNT: return "an amount";
    case VT_DAYS: return "a number of days";
    case VT_PERCENT: return "a percentage";
    case VT_MULTIPLE: return "a multiple";
    case VT_BOOL: return "a condition";
    default: return "a number";
    }
}

static int find_metric(const Program *p, const char *name)
{
    for (int i = 0; i < p->nmetrics; i++)
        if (strcmp(p->metrics[i].name, name) == 0)
            return i;
    return -1;
}

static int find_declared(const Program *p, const char *name)
{
    for (int i = 0; i < p->nmeasures; i++)
        if (strcmp(p->measures[i].name, name) == 0)
            return i;
    return -1;
}

static int is_function(const char *name)
{
    for (int i = 0; i < NFUNCTIONS; i++)
        if (strcmp(functions[i], name) == 0)
            return 1;
    return 0;
}

static ValueType check_metric(Checker *c, int i);

/* "a -> b -> a": the cycle from metric `to` on the path back to it. */
static void report_cycle(Checker *c, int to)
{
    char buf[1024];
    size_t n = 0;
    int from = 0;
    while (from < c->npath && c->path[from] != to)
        from++;
    for (int k = from; k < c->npath && n < sizeof buf; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s -> ", c->p->metrics[c->path[k]].name);
    if (n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, "%s", c->p->metrics[to].name);
    diag_error(c->d, c->p->metrics[to].span, "metric definitions go round in a circle: %s", buf);
}

/* EX_NAME -> a metric, a base measure or a declared measure */
static ValueType check_name(Checker *c, Expr *e)
{
    int id = measure_lookup(e->name);
    if (id >= 0) {
        e->measure = id;
        return measure_type(id);
    }
    int m = find_metric(c->p, e->name);
    if (m >= 0) {
        e->metric = m;
        return check_metric(c, m);
    }
    id = find_declared(c->p, e->name);
    if (id >= 0) {
        e->measure = M_BUILTIN + id;
        return VT_NUMBER;
    }
    const char *best = suggest_name(c, e->name);
    if (is_function(e->name))
        diag_error(c->d, e->span, "'%s' is a function: write %s(...)", e->name, e->name);
    else if (best)
        diag_error(c->d, e->span, "unknown name '%s'; did you mean '%s'?", e->name, best);
    else if (c->p->include_failed)
        diag_error(c->d, e->span, "unknown name '%s': not a metric or a measure here; "
                   "it may be defined in the include that could not be read", e->name);
    else
        diag_error(c->d, e->span,
                   "unknown name '%s': not a metric or a measure (declare a data column with 'measure %s')",
                   e->name, e->name);
    return VT_UNKNOWN;
}

/* --------------------------------------------------------------- periods */

static const char *period_adverb(PeriodKind k)
{
    return k == PER_WEEK ? "weekly" : k == PER_MONTH ? "monthly" : "quarterly";
}

/* Why the rule runs at its period, as a note after a window error. */
static void note_period(Checker *c)
{
    if (c->period_from)
        diag_note(c->d, c->period_from->window.span, "the rule runs %s because of 'for %s'",
                  period_adverb(c->rule->period),
                  ast_duration_text(c->p, &c->period_from->window));
    else if (c->p->period_set)
        diag_note(c->d, c->p->period_span, "the rule runs %s: the file's period",
                  period_adverb(c->rule->period));
}

/* A window in the rule's periods (language.md 4: it must fit exactly);
 * 0 after reporting why it does not. */
static long to_periods(Checker *c, const Duration *w)
{
    PeriodKind k = c->rule->period;
    long n = w->n;
    const char *text = ast_duration_text(c->p, w);
    const char *unit = k == PER_WEEK ? "weeks" : k == PER_MONTH ? "months" : "quarters";
    if (!c->period_from && c->p->period_broken)
        return 0;   /* the file's period has an error: reported already */
    if ((w->unit == DUR_WEEK && k == PER_WEEK) || (w->unit == DUR_MONTH && k == PER_MONTH) ||
        (w->unit == DUR_QUARTER && k == PER_QUARTER))
        return n;
    if (w->unit == DUR_DAY && k == PER_WEEK && n % 7 == 0)
        return n / 7;
    if (w->unit == DUR_MONTH && k == PER_QUARTER && n % 3 == 0)
        return n / 3;
    if (w->unit == DUR_QUARTER && k == PER_MONTH)
        return n * 3;
    if (w->unit == DUR_DAY && k == PER_WEEK)
        diag_error(c->d, w->span, "'%s' is not a whole number of weeks, and this rule runs weekly", text);
    else if (w->unit == DUR_MONTH && k == PER_QUARTER)
        diag_error(c->d, w->span, "'%s' is not a whole number of quarters, and this rule runs quarterly", text);
    else
        diag_error(c->d, w->span, "'%s' does not fit a rule that runs %s: %s are not a whole number of %s; write it in %s",
                   text, period_adverb(k), ast_dur_unit_name(w->unit, 2),
                   k == PER_WEEK ? "weeks" : k == PER_MONTH ? "months" : "quarters", unit);
    note_period(c);
    return 0;
}

/* A window inside a rule; in a metric, windows have no period to count in. */
static long window(Checker *c, Expr *e, const char *what)
{
    if (!c->rule) {
        diag_error(c->d, e->span, "a metric is one value per period; %s belongs in a rule's condition", what);
        return 0;
    }
    return to_periods(c, &e->window);
}

/* The rule's period: the unit of its `for` clause, else the file's. */
static void find_period(Checker *c, const Expr *e, PeriodKind *k)
{
    if (!e)
        return;
    if (e->kind == EX_FOR && e->window.unit != DUR_DAY) {
        PeriodKind pk = e->window.unit == DUR_WEEK ? PER_WEEK
                      : e->window.unit == DUR_MONTH ? PER_MONTH : PER_QUARTER;
        if (!c->period_from) {
            c->period_from = e;
            *k = pk;
        } else if (pk != *k) {
            c->mixed = 1;
            diag_error(c->d, e->window.span,
                       "this rule mixes 'for' periods (%s and %s); a rule runs at one period",
                       ast_duration_text(c->p, &c->period_from->window),
                       ast_duration_text(c->p, &e->window));
        }
    }
    find_period(c, e->lhs, k);
    find_period(c, e->rhs, k);
}

/* ----------------------------------------------------------- expressions */

static int is_plain_literal(const Expr *e)
{
    return e->kind == EX_NUM && e->unit == UNIT_NONE;
}

static int is_countish(ValueType t)
{
    return t == VT_COUNT || t == VT_AMOUNT || t == VT_DAYS;
}

static ValueType need_number(Checker *c, Expr *e)
{
    ValueType t = check_expr(c, e);
    if (t == VT_BOOL) {
        diag_error(c->d, e->span, "this is a condition, where a number is needed");
        return VT_UNKNOWN;
    }
    return t;
}

static void need_condition(Checker *c, Expr *e)
{
    ValueType t = check_expr(c, e);
    if (t != VT_BOOL && t != VT_UNKNOWN)
        diag_error(c->d, e->span, "this is %s, not a condition; compare it, as in '%s < %s'",
                   type_name(t), ast_expr_text(c->p, e), t == VT_PERCENT ? "20%" : "10");
}

/* 20 against a percentage: suggest 20% (1.2 suggests 120%).  A plain
 * number up to 1 is a fraction (0.35 = 35%) and passes. */
static void percent_literal(Checker *c, const Expr *pct, const Expr *lit)
{
    double v = lit->num == (double)(long)lit->num ? lit->num : lit->num * 100;
    diag_error(c->d, lit->span, "'%s' is a percentage, but %s is a plain number; did you mean %g%%?",
               ast_expr_text(c->p, pct), lit->text, v);
}

/* 10 points beside something that is not a percentage. */
static void points_misused(Checker *c, const Expr *other, ValueType t, const Expr *pts)
{
    diag_error(c->d, pts->span,
               "'points' measure a change of a percentage, but '%s' is %s; write a plain number",
               ast_expr_text(c->p, other), type_name(t));
}

static int points_check(Checker *c, Expr *a, ValueType ta, Expr *b, ValueType tb)
{
    if (b->kind == EX_NUM && b->unit == UNIT_POINTS && ta != VT_PERCENT && ta != VT_UNKNOWN) {
        points_misused(c, a, ta, b);
        return 1;
    }
    if (a->kind == EX_NUM && a->unit == UNIT_POINTS && tb != VT_PERCENT && tb != VT_UNKNOWN) {
        points_misused(c, b, tb, a);
        return 1;
    }
    return 0;
}

/* lhs < rhs and the other comparisons: units must agree. */
static ValueType check_compare(Checker *c, Expr *e)
{
    ValueType a = need_number(c, e->lhs), b = need_number(c, e->rhs);
    if (points_check(c, e->lhs, a, e->rhs, b))
        return VT_BOOL;
    if (a == VT_PERCENT && is_plain_literal(e->rhs) && e->rhs->num > 1)
        percent_literal(c, e->lhs, e->rhs);
    else if (b == VT_PERCENT && is_plain_literal(e->lhs) && e->lhs->num > 1)
        percent_literal(c, e->rhs, e->lhs);
    else if ((a == VT_PERCENT && is_countish(b)) || (b == VT_PERCENT && is_countish(a))) {
        const Expr *cnt = a == VT_PERCENT ? e->rhs : e->lhs;
        const Expr *pct = a == VT_PERCENT ? e->lhs : e->rhs;
        diag_warning(c->d, e->span,
                     "'%s' is %s and '%s' is a percentage: this comparison can never fire as intended",
                     ast_expr_text(c->p, cnt), type_name(a == VT_PERCENT ? b : a),
                     ast_expr_text(c->p, pct));
    }
    return VT_BOOL;
}

/* The type of an arithmetic result (see the top of this file). */
static ValueType arith_type(ExprKind k, ValueType a, ValueType b)
{
    if (a == VT_UNKNOWN || b == VT_UNKNOWN)
        return VT_UNKNOWN;
    if (k == EX_DIV) {
        if (a == b && a != VT_NUMBER)
            return VT_PERCENT;
        if (b == VT_NUMBER)
            return a;
        if ((a == VT_AMOUNT || a == VT_DAYS) && b == VT_COUNT)
            return a;
        return VT_NUMBER;
    }
    if (k == EX_MUL) {
        if (a == VT_NUMBER || a == VT_PERCENT)
            return b == VT_NUMBER && a == VT_PERCENT ? VT_PERCENT : b;
        if (b == VT_NUMBER || b == VT_PERCENT)
            return a;
        return VT_NUMBER;
    }
    if (a == b || b == VT_NUMBER)
        return a;
    if (a == VT_NUMBER)
        return b;
    return VT_NUMBER;
}

/* + - * / */
static ValueType check_arith(Checker *c, Expr *e)
{
    ValueType a = need_number(c, e->lhs), b = need_number(c, e->rhs);
    if ((e->kind == EX_ADD || e->kind == EX_SUB)) {
        if (points_check(c, e->lhs, a, e->rhs, b))
            return VT_UNKNOWN;
        if (a == VT_PERCENT && is_plain_literal(e->rhs) && e->rhs->num > 1) {
            diag_error(c->d, e->rhs->span, "'%s' is a percentage, but %s is a plain number; did you mean %s points?",
                       ast_expr_text(c->p, e->lhs), e->rhs->text, e->rhs->text);
            return VT_UNKNOWN;
        }
    }
    return arith_type(e->kind, a, b);
}

/* M drops|rises by AMOUNT over N PERIODS */
static ValueType check_change(Checker *c, Expr *e)
{
    ValueType t = need_number(c, e->lhs);
    Expr *amt = e->rhs;
    const char *what = ast_expr_text(c->p, e->lhs);
    if (amt->unit == UNIT_POINTS && t != VT_PERCENT && t != VT_UNKNOWN)
        points_misused(c, e->lhs, t, amt);
    else if (amt->unit == UNIT_NONE && t == VT_PERCENT)
        diag_error(c->d, amt->span,
                   "'%s' is a percentage: say how much it changes in points (%s points) or relatively in %% (%s%%)",
                   what, amt->text, amt->text);
    else if (amt->unit == UNIT_X)
        diag_error(c->d, amt->span, "a change is measured in points, in %% or as a plain number, not as a multiple ('%s')",
                   amt->text);
    if (!e->has_window)
        diag_error(c->d, e->span, "say over how many periods it %s, as in '%s over 4 weeks'",
                   e->dir == CHANGE_DROPS ? "drops" : "rises", ast_expr_text(c->p, e));
    else
        e->periods = window(c, e, "a change over time");
    return VT_BOOL;
}

static Func lookup_function(const char *name)
{
    for (int i = 0; i < NFUNCTIONS; i++)
        if (strcmp(functions[i], name) == 0)
            return function_ids[i];
    return FN_UNRESOLVED;
}

static int arity(Checker *c, Expr *e, int want)
{
    if (e->nargs == want && !e->has_window && !e->text)
        return 1;
    diag_error(c->d, e->span, "%s() takes %s", e->name,
               want == 1 ? "one value, as in abs(x)" : "values");
    return 0;
}

/* min max avg sum: rolling with a window, over a team's reps in a per-team
 * rule with one argument, else over their arguments. */
static ValueType check_aggregate(Checker *c, Expr *e)
{
    ValueType t = VT_NUMBER;
    for (int i = 0; i < e->nargs; i++) {
        ValueType a = need_number(c, e->args[i]);
        if (i == 0 || t == VT_NUMBER)
            t = a;
    }
    if (e->has_window) {
        e->mode = CALL_ROLLING;
        if (e->nargs != 1)
            diag_error(c->d, e->span, "a rolling %s takes one value and a window, as in %s(calls, 4 weeks)",
                       e->name, e->name);
        else
            e->periods = window(c, e, "a rolling window");
    } else if (e->nargs == 1 && c->rule && c->rule->scope == SCOPE_TEAM) {
        e->mode = CALL_TEAM;
    } else {
        e->mode = CALL_PLAIN;
    }
    return t;
}

/* team_avg(M) and friends: over the reps of the subject's team. */
static ValueType check_team(Checker *c, Expr *e)
{
    if (!arity(c, e, 1))
        return VT_UNKNOWN;
    ValueType t = need_number(c, e->args[0]);
    e->mode = CALL_TEAM;
    if (!c->rule)
        diag_error(c->d, e->span, "%s() compares a rep with the team; it belongs in a rule, not in a metric",
                   e->name);
    else if (c->rule->scope == SCOPE_TEAM)
        diag_error(c->d, e->span, "%s() compares a rep with the team; in a 'per team' rule use %s(...)",
                   e->name, e->name + 5);
    return t;
}

/* abs min max avg sum team_* activity_count("x") goal(M) */
static ValueType check_call(Checker *c, Expr *e)
{
    e->func = lookup_function(e->name);
    e->mode = CALL_PLAIN;
    if (e->func == FN_UNRESOLVED) {
        const char *best = suggest_function(e->name);
        Span at = e->span;
        at.end = at.start + (unsigned)strlen(e->name);
        if (best)
            diag_error(c->d, at, "unknown function '%s'; did you mean '%s'?", e->name, best);
        else
            diag_error(c->d, at, "unknown function '%s'; the functions are abs, min, max, avg, sum, "
                       "team_avg, team_sum, team_min, team_max, activity_count and goal", e->name);
        for (int i = 0; i < e->nargs; i++)
            check_expr(c, e->args[i]);
        return VT_UNKNOWN;
    }
    if (e->func != FN_ACTIVITY && e->text) {
        diag_error(c->d, e->span, "%s() takes a value, not a text in quotes", e->name);
        return VT_UNKNOWN;
    }
    switch (e->func) {
    case FN_ABS:
        return arity(c, e, 1) ? need_number(c, e->args[0]) : VT_UNKNOWN;
    case FN_GOAL:
        return check_expr(c, e->args[0]);
    case FN_ACTIVITY:
        if (!e->text || !e->text[0] || e->nargs) {
            diag_error(c->d, e->span, "activity_count() takes an activity's name in quotes, as in activity_count(\"linkedin\")");
            return VT_UNKNOWN;
        }
        return VT_COUNT;
    case FN_TEAM_AVG: case FN_TEAM_SUM: case FN_TEAM_MIN: case FN_TEAM_MAX:
        return check_team(c, e);
    default:
        return check_aggregate(c, e);
    }
}

/* COND for N PERIODS */
static ValueType check_for(Checker *c, Expr *e)
{
    need_condition(c, e->lhs);
    if (c->mixed && e->window.unit != DUR_DAY && e != c->period_from)
        return VT_BOOL;     /* reported as mixed periods */
    e->periods = window(c, e, "'for'");
    return VT_BOOL;
}

static ValueType check_expr_kind(Checker *c, Expr *e)
{
    switch (e->kind) {
    case EX_NUM:
        return e->unit == UNIT_PERCENT || e->unit == UNIT_POINTS ? VT_PERCENT
             : e->unit == UNIT_X ? VT_MULTIPLE : VT_NUMBER;
    case EX_NAME:
        return check_name(c, e);
    case EX_NEG:
        return need_number(c, e->lhs);
    case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV:
        return check_arith(c, e);
    case EX_LT: case EX_LE: case EX_GT: case EX_GE: case EX_EQ: case EX_NE:
        return check_compare(c, e);
    case EX_AND: case EX_OR:
        need_condition(c, e->lhs);
        need_condition(c, e->rhs);
        return VT_BOOL;
    case EX_NOT:
        need_condition(c, e->lhs);
        return VT_BOOL;
    case EX_CALL:
        return check_call(c, e);
    case EX_FOR:
        return check_for(c, e);
    case EX_CHANGE:
        return check_change(c, e);
    }
    return VT_UNKNOWN;
}

static ValueType check_expr(Checker *c, Expr *e)
{
    e->type = check_expr_kind(c, e);
    return e->type;
}

/* ----------------------------------------------------------------- metrics */

/* metric NAME = EXPR [when COND]: checked once, on first use or in order. */
static ValueType check_metric(Checker *c, int i)
{
    Metric *m = &c->p->metrics[i];
    if (c->visit[i] == DONE)
        return m->type;
    if (m->broken) {
        /* reported by the parser: its uses are not errors of their own */
        c->visit[i] = DONE;
        m->type = VT_UNKNOWN;
        return m->type;
    }
    if (c->visit[i] == VISITING) {
        report_cycle(c, i);
        return VT_UNKNOWN;
    }
    c->visit[i] = VISITING;
    c->path[c->npath++] = i;
    int outer = c->metric;
    const Rule *outer_rule = c->rule;
    c->metric = i;
    c->rule = NULL;
    ValueType t = need_number(c, m->expr);
    if (t == VT_PERCENT && strstr(m->name, "coverage"))
        t = VT_MULTIPLE;
    if (m->floor)
        need_condition(c, m->floor);
    c->metric = outer;
    c->rule = outer_rule;
    c->npath--;
    m->type = t == VT_UNKNOWN ? VT_NUMBER : t;
    c->visit[i] = DONE;
    return m->type;
}

static int is_snake_case(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Names of metrics: snake_case, not a measure's, defined once (a prelude
 * KPI may be redefined once: the parser put that definition in its place). */
static void check_metric_name(Checker *c, int i)
{
    const Metric *m = &c->p->metrics[i];
    int first = find_metric(c->p, m->name);
    if (!is_snake_case(m->name))
        diag_error(c->d, m->span, "a metric's name is written in snake_case (a-z, 0-9 and _), as in win_rate");
    else if (measure_lookup(m->name) >= 0)
        diag_error(c->d, m->span, "'%s' is a base measure from the data; give the metric another name", m->name);
    if (first == i)
        return;
    const Metric *o = &c->p->metrics[first];
    if (o->overridden) {
        diag_error(c->d, m->span, "'%s' is already redefined; a file may redefine a built-in metric once", m->name);
        diag_note(c->d, o->span, "'%s' was redefined here", m->name);
    } else {
        diag_error(c->d, m->span, "metric '%s' is defined twice", m->name);
        diag_note(c->d, o->span, "'%s' was first defined here", m->name);
    }
}

static void check_measures(Checker *c)
{
    for (int i = 0; i < c->p->nmeasures; i++) {
        const MeasureDecl *md = &c->p->measures[i];
        if (find_metric(c->p, md->name) >= 0)
            diag_error(c->d, md->span, "'%s' is declared as a measure and defined as a metric; pick one",
                       md->name);
    }
}

/* ------------------------------------------------------------------- rules */

static int is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/* Where the goal's name is written in `adjust goal NAME ...`: the first
 * whole word equal to it (adjust and goal are keywords, never names). */
static Span goal_name_span(const Action *a)
{
    Span at = a->span;
    const char *t = at.src->text;
    size_t len = strlen(a->text);
    for (unsigned i = at.start + 1; i + len <= at.end; i++)
        if (!is_word_char(t[i - 1]) && strncmp(t + i, a->text, len) == 0 && !is_word_char(t[i + len])) {
            at.start = i;
            at.end = i + (unsigned)len;
            break;
        }
    return at;
}

/* adjust quota|goal M by X|to X */
static void check_adjust(Checker *c, Action *a)
{
    ValueType goal = VT_AMOUNT;
    if (a->adjust_goal) {
        Span at = goal_name_span(a);
        Expr probe = {.kind = EX_NAME, .name = a->text, .span = at, .metric = -1, .measure = -1};
        goal = check_expr(c, &probe);
    }
    Expr *amt = a->amount;
    if (amt->unit == UNIT_X)
        diag_error(c->d, amt->span, "a goal is adjusted by a percentage (+10%%) or a number, not by a multiple");
    else if (amt->unit == UNIT_POINTS && goal != VT_PERCENT && goal != VT_UNKNOWN)
        diag_error(c->d, amt->span, "'points' move a percentage, but the goal '%s' is %s",
                   a->text, type_name(goal));
    amt->type = amt->unit == UNIT_PERCENT || amt->unit == UNIT_POINTS ? VT_PERCENT : VT_NUMBER;
}

static void check_action(Checker *c, Action *a)
{
    if (a->kind == ACT_ADJUST)
        check_adjust(c, a);
    if (a->expect) {
        need_condition(c, a->expect);
        a->within_periods = to_periods(c, &a->within);
        if (!a->expect_text)
            a->expect_text = ast_expr_text(c->p, a->expect);
    }
}

static void check_rule_name(Checker *c, int i)
{
    const Rule *r = &c->p->rules[i];
    if (!r->named)
        return;
    for (int j = 0; j < i; j++) {
        const Rule *o = &c->p->rules[j];
        if (o->named && strcmp(o->name, r->name) == 0) {
            diag_error(c->d, r->span, "a rule named \"%s\" already exists; rule names must differ", r->name);
            diag_note(c->d, o->span, "the other rule \"%s\" is here", o->name);
            return;
        }
    }
}

static void check_rule(Checker *c, int i)
{
    Rule *r = &c->p->rules[i];
    check_rule_name(c, i);
    c->rule = r;
    c->period_from = NULL;
    c->mixed = 0;
    PeriodKind k = c->p->period;
    find_period(c, r->cond, &k);
    r->period = k;
    need_condition(c, r->cond);
    for (int j = 0; j < r->nactions; j++)
        check_action(c, &r->actions[j]);
    if (r->until)
        need_condition(c, r->until);
    if (r->has_repeat)
        r->repeat_periods = to_periods(c, &r->repeat);
    c->rule = NULL;
}

int chk_program(Program *prog, Diag *d)
{
    int before = d->errors;
    Checker c = {.p = prog, .d = d, .metric = -1};
    c.visit = xcalloc((size_t)prog->nmetrics + 1, sizeof *c.visit);
    c.path = xcalloc((size_t)prog->nmetrics + 1, sizeof *c.path);
    check_measures(&c);
    for (int i = 0; i < prog->nmetrics; i++) {
        check_metric_name(&c, i);
        check_metric(&c, i);
    }
    for (int i = 0; i < prog->nrules; i++)
        check_rule(&c, i);
    free(c.visit);
    free(c.path);
    return d->errors - before;
}
