/* explain.c — pace explain (eval.h): for one rep or team, every rule's
 * condition, part by part, with its values in the periods that matter,
 * whether and when it fired, and — when it does not hold — which part
 * failed and by how much.  Plain text for a sales-ops reader. */
#include "eval.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evalexpr.h"
#include "evidence.h"
#include "suggest.h"
#include "measure.h"
#include "mem.h"

/* How many periods explain shows at least (more when a streak is longer). */
enum { SHOWN_PERIODS = 3 };

typedef struct Explain {
    const Eval *ev;
    Subject s;
    FILE *out;
    StrBuf sb;
} Explain;

/* ---- finding the subject ---- */

/* A rep by exact name, else a team; 0 after saying which name was meant. */
static int find_subject(const Eval *ev, const char *name, Subject *s, Diag *d)
{
    for (int i = 0; i < ev->nreps; i++) {
        if (strcmp(store_rep_name(ev->store, ev->by_name[i]), name) == 0) {
            s->rep = ev->by_name[i], s->team = -1;
            return 1;
        }
    }
    for (int t = 0; t < ev->nteams; t++) {
        if (strcmp(ev->teams[t].name, name) == 0) {
            s->rep = -1, s->team = t;
            return 1;
        }
    }
    Suggest near = {name, NULL, 0};
    for (int i = 0; i < ev->nreps; i++)
        suggest_consider(&near, store_rep_name(ev->store, ev->by_name[i]));
    for (int t = 0; t < ev->nteams; t++)
        suggest_consider(&near, ev->teams[t].name);
    if (near.best)
        diag_fail(d, "no rep named '%s' in the data; did you mean '%s'?", name, near.best);
    else
        diag_fail(d, "no rep or team named '%s' in the data", name);
    return 0;
}

/* ---- parts of a condition and why they fail ---- */

static int is_atom(const Expr *e)
{
    return e->kind == EX_CHANGE || (e->kind >= EX_LT && e->kind <= EX_NE);
}

static int is_literal(const Expr *e)
{
    while (e->kind == EX_NEG)
        e = e->lhs;
    return e->kind == EX_NUM;
}

/* The longest `for` window in a condition: the periods that matter. */
static long longest_streak(const Expr *e)
{
    if (!e)
        return 1;
    long n = e->kind == EX_FOR ? evx_window(e) : 1;
    long l = longest_streak(e->lhs), r = e->kind == EX_CHANGE ? 1 : longest_streak(e->rhs);
    n = l > n ? l : n;
    return r > n ? r : n;
}

static void put_truth(StrBuf *sb, Val v)
{
    sb_puts(sb, !v.known ? "unknown" : v.v != 0 ? "yes" : "no");
}

static void why_false(Explain *x, const Expr *e, int p);

/* Why a side is unknown: before the data, below a metric's floor, or no
 * data / a ratio over zero. */
static void why_unknown(Explain *x, const Expr *e, int p)
{
    const Eval *ev = x->ev;
    evd_src(&x->sb, e);
    sb_puts(&x->sb, " is unknown");
    if (!evx_active(ev, x->s, p)) {
        sb_puts(&x->sb, " (no data for this period)");
        return;
    }
    if (e->kind == EX_NAME && e->metric >= 0) {
        const Metric *m = evx_metric(ev, e->metric);
        if (m->floor && !evx_true(ev, x->s, m->floor, p)) {
            sb_puts(&x->sb, " (its floor does not hold: ");
            why_false(x, m->floor, p);
            sb_puts(&x->sb, ")");
            return;
        }
    }
    sb_puts(&x->sb, " (no data for it, or a ratio with nothing to divide by)");
}

/* "win_rate 23.1% is not < 20% (3.1 points too high)" */
static void failed_comparison(Explain *x, const Expr *e, int p)
{
    const Eval *ev = x->ev;
    Val a = evx_value(ev, x->s, e->lhs, p), b = evx_value(ev, x->s, e->rhs, p);
    if (!a.known || !b.known) {
        why_unknown(x, a.known ? e->rhs : e->lhs, p);
        return;
    }
    const Expr *m = is_literal(e->lhs) ? e->rhs : e->lhs;
    ValueType t = evx_type(ev, m);
    evd_src(&x->sb, e->lhs);
    if (!is_literal(e->lhs)) {
        sb_puts(&x->sb, " ");
        evd_value(&x->sb, evx_type(ev, e->lhs), a);
    }
    sb_printf(&x->sb, " is not %s ", evd_op(e->kind));
    evd_src(&x->sb, e->rhs);
    if (!is_literal(e->rhs)) {
        sb_puts(&x->sb, " (");
        evd_value(&x->sb, evx_type(ev, e->rhs), b);
        sb_puts(&x->sb, ")");
    }
    double gap = fabs(a.v - b.v);
    if (e->kind == EX_EQ) {
        sb_puts(&x->sb, " (off by ");
        evd_diff(&x->sb, t, gap);
        sb_puts(&x->sb, ")");
    } else if (e->kind == EX_NE || gap < 1e-12) {
        sb_puts(&x->sb, " (equal)");
    } else {
        /* The side that must move, in the reader's words: a value that
         * should be below the line is "too high" by the gap. */
        int too_high = e->kind == EX_LT || e->kind == EX_LE;
        if (is_literal(e->lhs))
            too_high = !too_high;
        sb_puts(&x->sb, " (");
        evd_diff(&x->sb, t, gap);
        sb_puts(&x->sb, too_high ? " too high)" : " short)");
    }
}

/* "demo_to_opp 40.0% (...) -> 30.0% (...), dropped 10.0 points: not >= 15
 * points (short by 5.0 points)" */
static void failed_change(Explain *x, const Expr *e, int p)
{
    const Eval *ev = x->ev;
    int n = evx_window(e);
    Val then = evx_value(ev, x->s, e->lhs, p - n), now = evx_value(ev, x->s, e->lhs, p);
    if (!then.known || !now.known) {
        int q = !then.known ? p - n : p;
        evd_src(&x->sb, e->lhs);
        sb_puts(&x->sb, " is unknown in ");
        evd_date(&x->sb, ev, q);
        if (!evx_active(ev, x->s, q))
            sb_puts(&x->sb, " (no data for that period)");
        sb_puts(&x->sb, ", so its change over ");
        evd_periods(&x->sb, ev, n);
        sb_puts(&x->sb, " is unknown");
        return;
    }
    evd_reason(&x->sb, ev, x->s, e, p);
    Val amount = evx_value(ev, x->s, e->rhs, p);
    const Expr *lit = e->rhs;
    while (lit->kind == EX_NEG)
        lit = lit->lhs;
    int relative = lit->kind == EX_NUM && lit->unit == UNIT_PERCENT;
    double moved = e->dir == CHANGE_DROPS ? then.v - now.v : now.v - then.v;
    double want = relative ? then.v * amount.v : amount.v;
    sb_puts(&x->sb, ": not enough (short by ");
    if (relative)
        sb_printf(&x->sb, "%.1f%%", then.v > 0 ? (want - moved) / then.v * 100 : 0.0);
    else
        evd_diff(&x->sb, evx_type(ev, e->lhs), want - moved);
    sb_puts(&x->sb, ")");
}

/* Each failing period of a streak, newest first; periods before the
 * subject's data are one "no data" note. */
static void failed_streak(Explain *x, const Expr *e, int p)
{
    int n = evx_window(e);
    int first, last, any = 0;
    evx_span(x->ev, x->s, &first, &last);
    sb_puts(&x->sb, "not for ");
    evd_periods(&x->sb, x->ev, n);
    sb_puts(&x->sb, " in a row: ");
    for (int q = p; q > p - n && q >= first; q--) {
        if (evx_true(x->ev, x->s, e->lhs, q))
            continue;
        if (any++)
            sb_puts(&x->sb, "; ");
        sb_puts(&x->sb, "in ");
        evd_date(&x->sb, x->ev, q);
        sb_puts(&x->sb, " ");
        why_false(x, e->lhs, q);
    }
    if (p - n + 1 < first) {
        sb_puts(&x->sb, any ? "; " : "");
        sb_printf(&x->sb, "the window starts before the data for %s (its first %s is ",
                   evx_subject_name(x->ev, x->s), period_kind_name(x->ev->kind));
        evd_date(&x->sb, x->ev, first);
        sb_puts(&x->sb, ")");
    }
}

/* Which part of e failed in period p, and by how much. */
static void why_false(Explain *x, const Expr *e, int p)
{
    const Eval *ev = x->ev;
    switch (e->kind) {
    case EX_AND: {
        int l = evx_true(ev, x->s, e->lhs, p), r = evx_true(ev, x->s, e->rhs, p);
        if (!l)
            why_false(x, e->lhs, p);
        if (!l && !r)
            sb_puts(&x->sb, "; and ");
        if (!r)
            why_false(x, e->rhs, p);
        break;
    }
    case EX_OR:
        why_false(x, e->lhs, p);
        sb_puts(&x->sb, "; nor ");
        why_false(x, e->rhs, p);
        break;
    case EX_NOT:
        if (evx_value(ev, x->s, e->lhs, p).known) {
            sb_puts(&x->sb, "it holds that ");
            evd_reason(&x->sb, ev, x->s, e->lhs, p);
        } else {
            evd_src(&x->sb, e->lhs);
            sb_puts(&x->sb, " is unknown");
        }
        break;
    case EX_FOR:
        failed_streak(x, e, p);
        break;
    case EX_CHANGE:
        failed_change(x, e, p);
        break;
    case EX_LT: case EX_LE: case EX_GT: case EX_GE: case EX_EQ: case EX_NE:
        failed_comparison(x, e, p);
        break;
    default:
        evd_src(&x->sb, e);
        sb_puts(&x->sb, " is not true");
        break;
    }
}

/* One line per comparison or change in the condition, for period p. */
static void put_atoms(Explain *x, const Expr *e, int p, int *first_line)
{
    if (!e)
        return;
    if (!is_atom(e)) {
        put_atoms(x, e->lhs, p, first_line);
        if (e->kind == EX_AND || e->kind == EX_OR)
            put_atoms(x, e->rhs, p, first_line);
        return;
    }
    sb_clear(&x->sb);
    evd_atom(&x->sb, x->ev, x->s, e, p);
    sb_puts(&x->sb, ": ");
    put_truth(&x->sb, evx_value(x->ev, x->s, e, p));
    if (*first_line) {
        StrBuf date = {0};
        evd_date(&date, x->ev, p);
        fprintf(x->out, "    %s  %s\n", sb_str(&date), sb_str(&x->sb));
        sb_free(&date);
        *first_line = 0;
    } else {
        fprintf(x->out, "    %10s  %s\n", "", sb_str(&x->sb));
    }
}

/* ---- one rule ---- */

static const char *kind_adjective(PeriodKind k)
{
    return k == PER_MONTH ? "monthly" : k == PER_QUARTER ? "quarterly" : "weekly";
}

static void rule_header(Explain *x, const Rule *r, int p)
{
    int line = 0, col = 0;
    if (r->span.src)
        source_line_col(r->span.src, r->span.start, &line, &col);
    sb_clear(&x->sb);
    evd_date(&x->sb, x->ev, p);
    if (r->named)
        fprintf(x->out, "\nrule \"%s\" (%s:%d), %s, %s of %s\n", r->name,
                r->span.src ? r->span.src->name : "?", line, kind_adjective(r->period),
                period_kind_name(r->period), sb_str(&x->sb));
    else
        fprintf(x->out, "\nrule %s, %s, %s of %s\n", r->name ? r->name : "?",
                kind_adjective(r->period), period_kind_name(r->period), sb_str(&x->sb));
    sb_clear(&x->sb);
    evd_src(&x->sb, r->cond);
    fprintf(x->out, "  when %s\n", sb_str(&x->sb));
}

/* 1 when the rule is about this kind of subject and its filters pass;
 * else says why not. */
static int applies(Explain *x, const Rule *r)
{
    const Eval *ev = x->ev;
    if ((r->scope == SCOPE_TEAM) != (x->s.team >= 0)) {
        if (r->scope == SCOPE_TEAM) {
            const char *team = evx_field(ev, x->s, "team");
            fprintf(x->out, "  runs per team%s%s%s\n", *team ? ": see pace explain --team \"" : "",
                    team, *team ? "\"" : "");
        } else {
            fprintf(x->out, "  runs per rep: see pace explain --rep NAME\n");
        }
        return 0;
    }
    if (!evx_filters_pass(ev, r, x->s)) {
        fprintf(x->out, "  does not apply to %s:", evx_subject_name(ev, x->s));
        int n = 0;
        for (int i = 0; i < r->nfilters; i++) {
            const Filter *f = &r->filters[i];
            Rule one = *r;
            one.filters = (Filter *)f;
            one.nfilters = 1;
            if (evx_filters_pass(ev, &one, x->s))
                continue;
            const char *field = f->kind == FILTER_TEAM ? "team" : f->kind == FILTER_MANAGER ? "manager"
                              : f->kind == FILTER_REP ? "rep" : f->field;
            const char *have = evx_field(ev, x->s, field);
            fprintf(x->out, "%s %s %s%s%s, the rule wants \"%s\"", n++ ? ";" : "", field,
                    *have ? "is \"" : "is not on record", have, *have ? "\"" : "", f->value);
        }
        fputc('\n', x->out);
        return 0;
    }
    return 1;
}

static void put_issues(Explain *x, const Rule *r, int first, int p)
{
    const Eval *ev = x->ev;
    int *issues = xmalloc((size_t)(p - first + 1) * sizeof *issues);
    int holding = 0;
    int n = evx_issues(ev, r, x->s, first, p, issues, &holding);
    sb_clear(&x->sb);
    if (n == 0) {
        sb_puts(&x->sb, "never fired up to ");
        evd_date(&x->sb, ev, p);
    } else {
        sb_puts(&x->sb, "fired in ");
        for (int i = 0; i < n; i++) {
            if (i)
                sb_puts(&x->sb, ", ");
            evd_date(&x->sb, ev, issues[i]);
        }
        if (issues[n - 1] == p)
            sb_puts(&x->sb, " (this period: its actions are in the list)");
        else if (holding && r->until) {
            sb_puts(&x->sb, "; still holding: nothing new until ");
            evd_src(&x->sb, r->until);
        }
        else if (holding)
            sb_puts(&x->sb, "; still holding: nothing new while the condition holds");
    }
    fprintf(x->out, "  %s\n", sb_str(&x->sb));
    free(issues);
}

static void explain_rule(Explain *x, Eval *ev, const Rule *r, const EvalOptions *opt)
{
    int data_end = period_of(r->period, &ev->cal, ev->data_last);
    int p = opt->as_of >= 0 ? period_of(r->period, &ev->cal, opt->as_of) : data_end;
    evx_set_kind(ev, r->period, p);
    rule_header(x, r, p);
    if (!applies(x, r))
        return;
    int first, last;
    if (!evx_span(ev, x->s, &first, &last) || p < first || p > last) {
        fprintf(x->out, "  %s is not active in this %s (no data for it)\n",
                evx_subject_name(ev, x->s), period_kind_name(r->period));
        return;
    }
    long shown = longest_streak(r->cond);
    if (shown < SHOWN_PERIODS)
        shown = SHOWN_PERIODS;
    int from = p - (int)shown + 1 > first ? p - (int)shown + 1 : first;
    for (int q = from; q <= p; q++) {
        int first_line = 1;
        put_atoms(x, r->cond, q, &first_line);
    }
    sb_clear(&x->sb);
    if (evx_true(ev, x->s, r->cond, p)) {
        sb_puts(&x->sb, "holds: ");
        evd_reason(&x->sb, ev, x->s, r->cond, p);
    } else {
        sb_puts(&x->sb, "does not hold: ");
        why_false(x, r->cond, p);
    }
    fprintf(x->out, "  %s\n", sb_str(&x->sb));
    put_issues(x, r, first, p);
}

static void subject_header(Explain *x, const EvalOptions *opt)
{
    const Eval *ev = x->ev;
    char a[11], b[11], at[11];
    date_format(ev->data_first, a);
    date_format(ev->data_last, b);
    date_format(opt->as_of >= 0 ? opt->as_of : ev->data_last, at);
    if (x->s.rep >= 0) {
        const char *team = evx_field(ev, x->s, "team"), *mgr = evx_field(ev, x->s, "manager");
        fprintf(x->out, "%s", evx_subject_name(ev, x->s));
        if (*team || *mgr)
            fprintf(x->out, " (%s%s%s%s%s)", *team ? "team " : "", team, *team && *mgr ? ", " : "",
                    *mgr ? "manager " : "", mgr);
    } else {
        fprintf(x->out, "team %s (%d reps", evx_subject_name(ev, x->s), ev->teams[x->s.team].nreps);
        if (*ev->teams[x->s.team].manager)
            fprintf(x->out, ", manager %s", ev->teams[x->s.team].manager);
        fputc(')', x->out);
    }
    fprintf(x->out, ": data from %s to %s, explained as of %s\n", a, b, at);
}

/* --period outside the data has nothing to explain: say so. */
static int period_in_data(const Eval *ev, const EvalOptions *opt, Diag *d)
{
    char a[11], b[11], at[11];
    if (opt->as_of < 0)
        return 1;
    date_format(ev->data_first, a);
    date_format(ev->data_last, b);
    date_format(opt->as_of, at);
    if (opt->as_of > ev->data_last)
        diag_fail(d, "--period %s is after the data, which ends %s", at, b);
    else if (opt->as_of < ev->data_first)
        diag_fail(d, "--period %s is before the data, which starts %s", at, a);
    else
        return 1;
    return 0;
}

/* The limit of a run applies to explain too (pace explain walks every
 * period from the subject's first). */
static int too_long(Eval *ev, const Program *prog, const EvalOptions *opt, Diag *d)
{
    for (int i = 0; i < prog->nrules; i++) {
        PeriodKind k = prog->rules[i].period;
        int end = period_of(k, &ev->cal, opt->as_of >= 0 ? opt->as_of : ev->data_last);
        evx_set_kind(ev, k, end);
        if (evx_too_long(ev, period_of(k, &ev->cal, ev->data_first), end, d))
            return 1;
    }
    return 0;
}

int ev_explain(const Program *prog, const Store *store, const EvalOptions *opt,
               const char *subject, FILE *out, Diag *d)
{
    Eval ev;
    evx_init(&ev, prog, store);
    Explain x = {&ev, {-1, -1}, out, {0}};
    int rc = 1;
    if (!ev.has_data)
        diag_fail(d, "the data has no dated rows: nothing to explain");
    else if (period_in_data(&ev, opt, d) && !too_long(&ev, prog, opt, d) &&
             find_subject(&ev, subject, &x.s, d)) {
        subject_header(&x, opt);
        if (prog->nrules == 0)
            fprintf(out, "\nno rules\n");
        for (int i = 0; i < prog->nrules; i++)
            explain_rule(&x, &ev, &prog->rules[i], opt);
        rc = 0;
    }
    sb_free(&x.sb);
    evx_free(&ev);
    return rc;
}
