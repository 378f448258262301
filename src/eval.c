/* eval.c — the evaluator (eval.h): what the importer must gather for a
 * program, and the run: every rule over every subject and period, issuing
 * actions and follow-ups as language.md section 5 says.
 *
 * State is computed from each subject's first active period, and a period's
 * values only look back, so an as-of run for a period lists exactly what
 * a backtest lists for it (docs/evaluation.md; the one difference is the
 * `pending` follow-up, which by definition belongs to the run's last
 * period). */
#include "eval.h"

#include <limits.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "evalexpr.h"
#include "evidence.h"
#include "measure.h"
#include "mem.h"

/* ---- ev_needs: what the importer must aggregate ---- */

typedef struct Needs {
    const Program *prog;
    StoreNeeds *needs;
    size_t cap;
    size_t activity_cap;
    unsigned char *seen;    /* metrics already walked */
} Needs;

/* activity_count("linkedin"): an activity type, 0 (not unknown) in every
 * period of a rep's span once activities are loaded, even when no row of
 * that type exists. */
static void need_activity(Needs *w, const char *name)
{
    StoreNeeds *n = w->needs;
    if (!name || !*name)
        return;
    for (int i = 0; i < n->nactivity_types; i++)
        if (strcmp(n->activity_types[i], name) == 0)
            return;
    n->activity_types = xgrow(n->activity_types, &w->activity_cap,
                              (size_t)n->nactivity_types, sizeof *n->activity_types);
    n->activity_types[n->nactivity_types++] = name;
}

static void need_name(Needs *w, const char *name)
{
    if (!name || !*name)
        return;
    for (int i = 0; i < w->needs->nextra; i++)
        if (strcmp(w->needs->extra[i], name) == 0)
            return;
    w->needs->extra = xgrow(w->needs->extra, &w->cap, (size_t)w->needs->nextra,
                            sizeof *w->needs->extra);
    w->needs->extra[w->needs->nextra++] = name;
}

static void need_measure(Needs *w, int id)
{
    if (id == M_CLOSED) {
        w->needs->builtin[M_WON] = w->needs->builtin[M_LOST] = 1;
    } else if (id >= 0 && id < M_BUILTIN) {
        w->needs->builtin[id] = 1;
    } else if (id >= M_BUILTIN && id - M_BUILTIN < w->prog->nmeasures) {
        need_name(w, w->prog->measures[id - M_BUILTIN].name);
    }
}

/* The definition in force: a redefined prelude metric is the user's. */
static int metric_in_force(const Program *prog, int i)
{
    if (!prog->metrics[i].overridden)
        return i;
    for (int j = prog->nmetrics - 1; j >= 0; j--)
        if (j != i && !prog->metrics[j].overridden &&
            strcmp(prog->metrics[j].name, prog->metrics[i].name) == 0)
            return j;
    return i;
}

static void need_expr(Needs *w, const Expr *e);

static void need_metric(Needs *w, int i)
{
    if (i < 0 || i >= w->prog->nmetrics)
        return;
    i = metric_in_force(w->prog, i);
    if (w->seen[i])
        return;
    w->seen[i] = 1;
    need_expr(w, w->prog->metrics[i].expr);
    need_expr(w, w->prog->metrics[i].floor);
}

/* Names, measures and metrics an expression reads, transitively (goal(M)
 * reads targets, which the store always keeps). */
static void need_expr(Needs *w, const Expr *e)
{
    if (!e)
        return;
    if (e->kind == EX_NAME) {
        if (e->metric >= 0)
            need_metric(w, e->metric);
        else
            need_measure(w, e->measure);
    }
    if (e->kind == EX_CALL && e->func == FN_ACTIVITY)
        need_activity(w, e->text);
    need_expr(w, e->lhs);
    need_expr(w, e->rhs);
    for (int i = 0; i < e->nargs; i++)
        if (!(e->func == FN_GOAL && i == 0))
            need_expr(w, e->args[i]);
}

/* {name} placeholders of an action's text name metrics and measures. */
static void need_template(Needs *w, const char *text)
{
    for (const char *p = text ? strchr(text, '{') : NULL; p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end)
            return;
        char name[128];
        size_t len = (size_t)(end - p - 1);
        if (len == 0 || len >= sizeof name)
            continue;
        memcpy(name, p + 1, len);
        name[len] = '\0';
        int found = 0;
        for (int i = w->prog->nmetrics - 1; i >= 0 && !found; i--)
            if (strcmp(w->prog->metrics[i].name, name) == 0)
                need_metric(w, i), found = 1;
        if (!found && measure_lookup(name) >= 0)
            need_measure(w, measure_lookup(name));
        for (int i = 0; i < w->prog->nmeasures && !found; i++)
            if (strcmp(w->prog->measures[i].name, name) == 0)
                need_measure(w, M_BUILTIN + i), found = 1;
    }
}

static void need_action(Needs *w, const Action *a)
{
    /* Targets are always kept by the store (store_target): an adjusted
     * goal needs nothing here. */
    if (a->kind == ACT_ADJUST)
        need_expr(w, a->amount);
    if (a->kind == ACT_NOTIFY || a->kind == ACT_REVIEW || a->kind == ACT_FLAG)
        need_template(w, a->text);
    need_expr(w, a->expect);
}

void ev_needs(const Program *prog, StoreNeeds *needs)
{
    memset(needs, 0, sizeof *needs);
    needs->cal.fiscal_start_month = prog->fiscal_start_month >= 1 &&
                                    prog->fiscal_start_month <= 12 ? prog->fiscal_start_month : 1;
    Needs w = {.prog = prog, .needs = needs,
               .seen = xcalloc((size_t)(prog->nmetrics ? prog->nmetrics : 1), 1)};
    for (int i = 0; i < prog->nrules; i++) {
        const Rule *r = &prog->rules[i];
        needs->kinds |= 1u << r->period;
        need_expr(&w, r->cond);
        need_expr(&w, r->until);
        for (int j = 0; j < r->nactions; j++)
            need_action(&w, &r->actions[j]);
    }
    if (prog->nrules == 0)
        needs->kinds |= 1u << prog->period;
    free(w.seen);
}

/* ---- which periods a rule evaluates and reports ---- */

typedef struct Range {
    int first;          /* the data's first period */
    int end;            /* the last period evaluated */
    int from, to;       /* the periods reported (from > to: none) */
} Range;

/* The run ends at the as-of period, or --to, or the data's last period,
 * and never after the data: periods past its last day have no data to
 * judge, so they are reported as nothing (docs/evaluation.md). */
static Range rule_range(const Eval *ev, PeriodKind kind, const EvalOptions *opt)
{
    Range r;
    const Calendar *cal = &ev->cal;
    int data_end = period_of(kind, cal, ev->data_last);
    r.first = period_of(kind, cal, ev->data_first);
    int end_day = opt->as_of >= 0 ? opt->as_of : opt->to >= 0 ? opt->to : ev->data_last;
    r.end = period_of(kind, cal, end_day);
    if (r.end > data_end)
        r.end = data_end;
    if (opt->as_of >= 0)
        r.from = period_of(kind, cal, opt->as_of);
    else if (opt->from >= 0)
        r.from = period_of(kind, cal, opt->from);
    else
        r.from = data_end;
    r.to = r.end;
    if (r.from < r.first)
        r.from = r.first;
    return r;
}

/* ---- building rows ---- */

/* Everything a rule's run for one subject shares. */
typedef struct Run {
    const Eval *ev;
    ActionList *list;
    const Rule *rule;
    int rule_index;
    Subject s;
    int first, last;        /* the subject's active span */
    Range range;
    StrBuf sb;
    int charts;             /* EvalOptions.charts */
    int dry;                /* find where a follow-up's row falls, make none */
    int dry_p;              /* ... that period, or -1 */
} Run;

static int reported(const Run *run, int p)
{
    return p >= run->range.from && p <= run->range.to;
}

/* Day arithmetic for `due in`: months and quarters by the calendar, the
 * day clamped to the month's end (Jan 31 + 1 month = Feb 28); a date past
 * the year 9999 is held there. */
static int add_duration(int day, const Duration *d)
{
    static const long max_day = 2932896;   /* 9999-12-31 */
    long n = d->n < 0 ? 0 : d->n > 4000000 ? 4000000 : d->n;
    long to;
    if (d->unit == DUR_DAY || d->unit == DUR_WEEK) {
        to = day + n * (d->unit == DUR_WEEK ? 7 : 1);
    } else {
        int y, m, dd;
        date_to_ymd(day, &y, &m, &dd);
        long months = (long)y * 12 + (m - 1) + n * (d->unit == DUR_QUARTER ? 3 : 1);
        if (months / 12 > 9999)
            return (int)max_day;
        y = (int)(months / 12);
        m = (int)(months % 12) + 1;
        while (dd > 28 && !date_valid(y, m, dd))
            dd--;
        to = date_from_ymd(y, m, dd);
    }
    return (int)(to > max_day ? max_day : to);
}

static const char *rule_name(const Run *run)
{
    const Rule *r = run->rule;
    if (r->name)
        return actions_intern(run->list, r->name);
    int line = 0, col = 0;
    if (r->span.src)
        source_line_col(r->span.src, r->span.start, &line, &col);
    StrBuf name = {0};
    sb_printf(&name, "%s:%d", r->span.src ? r->span.src->name : "?", line);
    const char *s = actions_intern(run->list, sb_str(&name));
    sb_free(&name);
    return s;
}

static ActionRow *new_row(Run *run, int p, ActionType type)
{
    const Eval *ev = run->ev;
    ActionRow *row = actions_add(run->list);
    row->period = period_first_day(ev->kind, &ev->cal, p);
    row->rep = actions_intern(run->list, run->s.rep >= 0 ? evx_subject_name(ev, run->s) : "");
    row->team = actions_intern(run->list, evx_field(ev, run->s, "team"));
    row->manager = actions_intern(run->list, evx_field(ev, run->s, "manager"));
    row->rule = rule_name(run);
    row->rule_index = run->rule_index;
    row->type = type;
    return row;
}

/* The recent values of what the condition compares, for the HTML chart. */
static void fill_chart(Run *run, ActionRow *row, const Expr *cond, int p)
{
    if (!run->charts)
        return;
    const Expr *threshold;
    const Expr *x = evd_subject_expr(cond, &threshold);
    if (!x)
        return;
    Chart *c = actions_chart(run->list, row);
    StrBuf name = {0};
    evd_src(&name, x);
    c->metric = actions_strdup(run->list, sb_str(&name));
    sb_free(&name);
    c->format = evd_format(evx_type(run->ev, x));
    int from = p - CHART_POINTS + 1 > run->first ? p - CHART_POINTS + 1 : run->first;
    for (int q = from; q <= p; q++) {
        Val v = evx_value(run->ev, run->s, x, q);
        c->period[c->npoints] = period_first_day(run->ev->kind, &run->ev->cal, q);
        c->value[c->npoints] = v.known ? v.v : 0;
        c->known[c->npoints] = (unsigned char)v.known;
        c->npoints++;
    }
    if (threshold) {
        Val t = evx_value(run->ev, run->s, threshold, p);
        c->threshold = t.v;
        c->has_threshold = t.known;
    }
}

/* {name} in an action's text: a field (rep, team, manager, any roster
 * column), a metric or a measure (its value in the issuing period), or
 * period; anything else is left as written. */
static void put_placeholder(Run *run, StrBuf *out, const char *name, int p)
{
    const Eval *ev = run->ev;
    int m = evx_metric_named(ev, name);
    if (strcmp(name, "rep") == 0) {
        sb_puts(out, evx_subject_name(ev, run->s));
    } else if (strcmp(name, "team") == 0 || strcmp(name, "manager") == 0) {
        sb_puts(out, evx_field(ev, run->s, name));
    } else if (strcmp(name, "period") == 0) {
        evd_date(out, ev, p);
    } else if (m >= 0) {
        evd_value(out, ev->prog->metrics[m].type == VT_UNKNOWN ? VT_NUMBER : ev->prog->metrics[m].type,
                  evx_metric_value(ev, run->s, m, p));
    } else if (measure_lookup(name) >= 0) {
        evd_value(out, measure_type(measure_lookup(name)),
                  evx_measure_value(ev, run->s, measure_lookup(name), p));
    } else {
        for (int i = 0; i < ev->prog->nmeasures; i++) {
            if (strcmp(ev->prog->measures[i].name, name) == 0) {
                evd_value(out, VT_NUMBER, evx_measure_value(ev, run->s, M_BUILTIN + i, p));
                return;
            }
        }
        const char *v = evx_field(ev, run->s, name);
        if (*v)
            sb_puts(out, v);
        else
            sb_printf(out, "{%s}", name);
    }
}

static const char *render(Run *run, const char *text, int p)
{
    StrBuf out = {0};
    sb_puts(&out, "");
    for (const char *c = text ? text : ""; *c; c++) {
        const char *end = *c == '{' ? strchr(c, '}') : NULL;
        if (!end || end - c - 1 <= 0 || end - c - 1 >= 128) {
            sb_printf(&out, "%c", *c);
            continue;
        }
        char name[128];
        memcpy(name, c + 1, (size_t)(end - c - 1));
        name[end - c - 1] = '\0';
        put_placeholder(run, &out, name, p);
        c = end;
    }
    const char *s = actions_strdup(run->list, sb_str(&out));
    sb_free(&out);
    return s;
}

static double amount_value(Run *run, const Action *a, int p, int *relative)
{
    const Expr *x = a->amount;
    while (x && x->kind == EX_NEG)
        x = x->lhs;
    *relative = x && x->kind == EX_NUM && x->unit == UNIT_PERCENT;
    Val v = evx_value(run->ev, run->s, a->amount, p);
    return v.known ? v.v : 0;
}

/* adjust quota|goal M by X|to X: previous is the target in force on the
 * issuing period's last day; with none, no number is invented. */
static void fill_adjust(Run *run, ActionRow *row, const Action *a, int p, const char *reason)
{
    const char *goal = a->adjust_goal && a->text ? a->text : "quota";
    int id = measure_lookup(goal);
    ValueFormat vf = strcmp(goal, "quota") == 0 ? VF_AMOUNT
                   : id >= 0 ? evd_format(measure_type(id)) : VF_NUMBER;
    row->target = actions_strdup(run->list, goal);
    double prev;
    int relative;
    int has_prev = evx_target(run->ev, run->s, goal, p, &prev);
    double x = amount_value(run, a, p, &relative);
    if (has_prev) {
        row->previous = (Cell){vf, prev, NULL};
        double v = a->adjust_to ? x : relative ? prev * (1 + x) : prev + x;
        /* A goal of calls or demos is a whole number: +25% of 26 demos
         * is 33, not 32.5. */
        if (vf == VF_COUNT)
            v = round(v);
        row->value = (Cell){vf, v, NULL};
        row->reason = reason;
        return;
    }
    if (a->adjust_to)
        row->value = (Cell){vf, x, NULL};
    row->reason = actions_printf(run->list, "%s; no current %s target for %s in the targets data",
                                 reason, goal, evx_subject_name(run->ev, run->s));
}

static ActionType action_type(ActionKind k)
{
    switch (k) {
    case ACT_COACHING: return AT_COACHING;
    case ACT_ADJUST: return AT_ADJUST;
    case ACT_NOTIFY: return AT_NOTIFY;
    case ACT_REVIEW: return AT_REVIEW;
    case ACT_FLAG:
    default: return AT_FLAG;
    }
}

static const char *person_name(Person p)
{
    return p == PERSON_REP ? "rep" : "manager";
}

/* "manager (Dana Kim)" when the data names the person, else "manager". */
static const char *notified(Run *run, Person who)
{
    const char *role = person_name(who);
    const char *name = evx_field(run->ev, run->s, role);
    if (!name || !*name)
        return role;
    return actions_printf(run->list, "%s (%s)", role, name);
}

/* One row per action of the rule, in the period it is issued. */
static void issue_rows(Run *run, int p)
{
    const Rule *r = run->rule;
    sb_clear(&run->sb);
    evd_reason(&run->sb, run->ev, run->s, r->cond, p);
    const char *reason = actions_strdup(run->list, sb_str(&run->sb));
    for (int j = 0; j < r->nactions; j++) {
        const Action *a = &r->actions[j];
        ActionRow *row = new_row(run, p, action_type(a->kind));
        row->reason = reason;
        row->priority = ast_priority_name(a->priority);
        if (a->has_due)
            row->due = add_duration(period_last_day(run->ev->kind, &run->ev->cal, p), &a->due);
        switch (a->kind) {
        case ACT_COACHING: row->target = actions_intern(run->list, a->text); break;
        case ACT_ADJUST: fill_adjust(run, row, a, p, reason); break;
        case ACT_NOTIFY:
            /* target is who is notified (data.md: the notified person);
             * the message leads the reason, the evidence follows it. */
            row->target = notified(run, a->person);
            row->reason = actions_printf(run->list, "%s — %s", render(run, a->text, p), reason);
            break;
        case ACT_REVIEW: case ACT_FLAG: row->target = render(run, a->text, p); break;
        }
        if (a->owner != PERSON_NONE) {
            const char *who = evx_field(run->ev, run->s, a->owner == PERSON_REP ? "rep" : "manager");
            row->reason = actions_printf(run->list, "%s; owner: %s%s%s", row->reason,
                                         person_name(a->owner), *who ? " " : "", who);
        }
        fill_chart(run, row, r->cond, p);
    }
}

/* ---- follow-ups ---- */

static void expect_row(Run *run, const Action *a, int p, const char *outcome, const char *reason)
{
    if (!reported(run, p))
        return;
    if (run->dry) {
        run->dry_p = p;
        return;
    }
    ActionRow *row = new_row(run, p, AT_EXPECT);
    StrBuf text = {0};
    if (a->expect_text)
        sb_puts(&text, a->expect_text);
    else
        evd_src(&text, a->expect);
    row->target = actions_strdup(run->list, sb_str(&text));
    sb_free(&text);
    row->value = (Cell){VF_TEXT, 0, outcome};
    row->reason = actions_strdup(run->list, reason);
    fill_chart(run, row, a->expect, p);
}

/* A window not over when the run (or the rep) ends: pending once part of
 * it has been seen (a row in the issuing period itself would only repeat
 * the action); missed when the roster says the rep left. */
static void unfinished(Run *run, const Action *a, int p0, int win_end)
{
    const Eval *ev = run->ev;
    StrBuf *sb = &run->sb;
    int left = evx_left_by(ev, run->s, run->last);
    if (!left && p0 >= run->last)
        return;
    char day[11];
    if (left && run->s.rep >= 0 && ev->rep_left_day[run->s.rep] >= 0)
        date_format(ev->rep_left_day[run->s.rep], day);
    else
        date_format(period_last_day(ev->kind, &ev->cal, left ? run->last : win_end), day);
    sb_clear(sb);
    if (left)
        sb_printf(sb, "not met before %s left (%s)", evx_subject_name(ev, run->s), day);
    else
        sb_printf(sb, "not met yet; the window runs to %s", day);
    if (p0 + 1 <= run->last) {
        sb_puts(sb, ": ");
        evd_window(sb, ev, run->s, a->expect, p0 + 1, run->last);
    }
    expect_row(run, a, run->last, left ? "missed" : "pending", sb_str(sb));
}

/* expect COND within N, for the action issued in p0: the window is the N
 * periods after p0.  Met in the first of them where COND holds; missed in
 * the last if it never did; else see unfinished(). */
static void follow_up(Run *run, const Action *a, int p0)
{
    const Eval *ev = run->ev;
    long w = a->within_periods < 1 ? 1 : a->within_periods > 1000000 ? 1000000 : a->within_periods;
    int win_end = p0 + (int)w;
    int stop = win_end < run->last ? win_end : run->last;
    StrBuf *sb = &run->sb;
    for (int q = p0 + 1; q <= stop; q++) {
        if (evx_true(ev, run->s, a->expect, q)) {
            sb_clear(sb);
            evd_reason(sb, ev, run->s, a->expect, q);
            expect_row(run, a, q, "met", sb_str(sb));
            return;
        }
    }
    if (win_end > run->last) {
        unfinished(run, a, p0, win_end);
        return;
    }
    sb_clear(sb);
    sb_puts(sb, "not met within ");
    evd_periods(sb, ev, w);
    sb_puts(sb, ": ");
    evd_window(sb, ev, run->s, a->expect, p0 + 1, win_end);
    expect_row(run, a, win_end, "missed", sb_str(sb));
}

/* ---- the run: steps found first, rows made in output order ----
 *
 * A step is what makes rows: an issue (one row per action of the rule) or
 * a follow-up's outcome (one expect row).  The first pass finds every
 * step of every rule and subject, 24 bytes each; sorted into the
 * documented order (period, subject, rule, then the order found), the
 * second pass makes each step's rows and hands them on.  So a run that
 * streams its rows (ev_stream) holds steps, not rows: memory follows reps
 * x periods, not the length of the list. */

typedef struct Step {
    int day;                /* first day of the rows' period: the first key */
    int rank;               /* the subject's place in the order of names */
    int rule;
    int seq;                /* the order found: ties as rows were added */
    int p;                  /* the issuing period (of the rule's kind) */
    int action;             /* -1: an issue; else the action followed up */
} Step;

typedef struct Steps {
    Step *v;
    size_t n, cap;
} Steps;

/* Rows sort by subject name (the rep, or the team for a per-team rule),
 * a rep before a team of the same name (actions.c): each subject's place
 * in that order, reps first in the array, then teams. */
typedef struct Named {
    const char *name;
    int is_team, index;
} Named;

static int named_cmp(const void *pa, const void *pb)
{
    const Named *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    if (a->is_team != b->is_team)
        return a->is_team - b->is_team;
    return a->index - b->index;
}

/* Each subject's rank (reps first, then teams), and in ranked[] the
 * subject of each rank. */
static int *subject_ranks(const Eval *ev, int **ranked)
{
    size_t n = (size_t)ev->nreps + (size_t)ev->nteams;
    Named *v = xmalloc((n ? n : 1) * sizeof *v);
    int *rank = xmalloc((n ? n : 1) * sizeof *rank);
    *ranked = xmalloc((n ? n : 1) * sizeof **ranked);
    for (int r = 0; r < ev->nreps; r++)
        v[r] = (Named){evx_subject_name(ev, (Subject){r, -1}), 0, r};
    for (int t = 0; t < ev->nteams; t++)
        v[ev->nreps + t] = (Named){evx_subject_name(ev, (Subject){-1, t}), 1, ev->nreps + t};
    qsort(v, n, sizeof *v, named_cmp);
    for (size_t i = 0; i < n; i++) {
        rank[v[i].index] = (int)i;
        (*ranked)[i] = v[i].index;
    }
    free(v);
    return rank;
}

static Subject subject_of(const Eval *ev, int index)
{
    return index < ev->nreps ? (Subject){index, -1} : (Subject){-1, index - ev->nreps};
}

static int step_cmp(const void *pa, const void *pb)
{
    const Step *a = pa, *b = pb;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static void add_step(Steps *st, const Run *run, const int *rank, int p_row, int p, int action)
{
    st->v = xgrow(st->v, &st->cap, st->n, sizeof *st->v);
    int subject = run->s.rep >= 0 ? run->s.rep : run->ev->nreps + run->s.team;
    st->v[st->n] = (Step){period_first_day(run->ev->kind, &run->ev->cal, p_row), rank[subject],
                          run->rule_index, (int)st->n, p, action};
    st->n++;
}

/* Sets up run for its subject: its active span; 0 when the rule does not
 * apply to it (no span, or a filter excludes it). */
static int enter_subject(Run *run)
{
    if (!evx_span(run->ev, run->s, &run->first, &run->last))
        return 0;
    if (run->last > run->ev->end)
        run->last = run->ev->end;
    return run->first <= run->last && evx_filters_pass(run->ev, run->rule, run->s);
}

/* The first pass for one subject: its issues in reported periods, then
 * each follow-up whose row falls in a reported period (found by running
 * it dry). */
static void find_steps(Run *run, Steps *st, const int *rank)
{
    if (!enter_subject(run))
        return;
    int *issues = xmalloc((size_t)(run->last - run->first + 1) * sizeof *issues);
    int n = evx_issues(run->ev, run->rule, run->s, run->first, run->last, issues, NULL);
    for (int i = 0; i < n; i++)
        if (reported(run, issues[i]))
            add_step(st, run, rank, issues[i], issues[i], -1);
    run->dry = 1;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < run->rule->nactions; j++) {
            if (!run->rule->actions[j].expect)
                continue;
            run->dry_p = -1;
            follow_up(run, &run->rule->actions[j], issues[i]);
            if (run->dry_p >= 0)
                add_step(st, run, rank, run->dry_p, issues[i], j);
        }
    run->dry = 0;
    free(issues);
}

static void find_rule_steps(Eval *ev, Steps *st, const int *rank, int index, Range range)
{
    const Rule *r = &ev->prog->rules[index];
    Run run = {.ev = ev, .rule = r, .rule_index = index, .range = range};
    if (r->scope == SCOPE_TEAM) {
        for (int t = 0; t < ev->nteams; t++) {
            run.s = (Subject){-1, t};
            find_steps(&run, st, rank);
        }
    } else {
        for (int i = 0; i < ev->nreps; i++) {
            run.s = (Subject){ev->by_name[i], -1};
            find_steps(&run, st, rank);
        }
    }
    sb_free(&run.sb);
}

/* The second pass: one step's rows, made as the first pass would have. */
static void make_rows(Run *run, const Step *step, const int *ranked)
{
    run->s = subject_of(run->ev, ranked[step->rank]);
    if (!enter_subject(run))
        return;                          /* cannot happen: the first pass saw it */
    if (step->action < 0)
        issue_rows(run, step->p);
    else
        follow_up(run, &run->rule->actions[step->action], step->p);
}

/* What the list covers, for the reports' titles. */
static void note_coverage(ActionList *list, const Eval *ev, const Range *r, unsigned *kinds)
{
    if (r->from > r->to)
        return;
    int first = period_first_day(ev->kind, &ev->cal, r->from);
    int last = period_first_day(ev->kind, &ev->cal, r->to);
    if (list->first_period < 0 || first < list->first_period)
        list->first_period = first;
    if (last > list->last_period)
        list->last_period = last;
    *kinds |= 1u << ev->kind;
}

/* A run whose periods all lie outside the data lists nothing; say why. */
static void explain_empty(const Eval *ev, const EvalOptions *opt, Diag *d)
{
    char a[11], b[11], x[11];
    date_format(ev->data_first, a);
    date_format(ev->data_last, b);
    int day = opt->as_of >= 0 ? opt->as_of : opt->from;
    const char *what = opt->as_of >= 0 ? "--as-of" : "--from";
    if (day < 0)
        return;
    date_format(day, x);
    if (day > ev->data_last)
        diag_info(d, "nothing to report: %s %s is after the data, which ends %s", what, x, b);
    else if (opt->as_of < 0 && opt->to >= 0 && opt->to < ev->data_first)
        diag_info(d, "nothing to report: --to is before the data, which starts %s", a);
    else if (opt->as_of >= 0 && day < ev->data_first)
        diag_info(d, "nothing to report: --as-of %s is before the data, which starts %s", x, a);
}

/* Which rules' steps the second pass makes: each rule's kind and range. */
typedef struct RuleRun {
    PeriodKind kind;
    Range range;
} RuleRun;

ActionList *ev_stream(const Program *prog, const Store *store, const EvalOptions *opt, Diag *d,
                      EvalSink sink, void *ctx)
{
    Eval ev;
    evx_init(&ev, prog, store);
    ActionList *list = actions_new();
    RuleRun *rules = xmalloc((size_t)(prog->nrules ? prog->nrules : 1) * sizeof *rules);
    int *ranked;
    int *rank = subject_ranks(&ev, &ranked);
    Steps st = {0};
    unsigned kinds = 0;
    int failed = 0;
    for (int i = 0; i < prog->nrules && ev.has_data && !failed; i++) {
        PeriodKind kind = prog->rules[i].period;
        Range range = rule_range(&ev, kind, opt);
        rules[i] = (RuleRun){kind, range};
        evx_set_kind(&ev, kind, range.end);
        if (evx_too_long(&ev, range.first, range.end, d)) {
            failed = 1;
            break;
        }
        note_coverage(list, &ev, &range, &kinds);
        find_rule_steps(&ev, &st, rank, i, range);
    }
    if (!failed && ev.has_data && prog->nrules > 0 && kinds == 0)
        explain_empty(&ev, opt, d);
    list->period_kind = kinds == 0 ? NULL
                      : kinds == 1u << PER_WEEK ? "week"
                      : kinds == 1u << PER_MONTH ? "month"
                      : kinds == 1u << PER_QUARTER ? "quarter" : "mixed";
    if (!failed && st.n > 1)
        qsort(st.v, st.n, sizeof *st.v, step_cmp);
    Run run = {.ev = &ev, .list = list, .charts = opt->charts, .rule_index = -1};
    for (size_t i = 0; i < st.n && !failed; i++) {
        const Step *step = &st.v[i];
        if (step->rule != run.rule_index) {
            const RuleRun *rr = &rules[step->rule];
            if (ev.kind != rr->kind || ev.end != rr->range.end)
                evx_set_kind(&ev, rr->kind, rr->range.end);
            run.rule = &prog->rules[step->rule];
            run.rule_index = step->rule;
            run.range = rr->range;
        }
        make_rows(&run, step, ranked);
        if (sink && list->n > 0) {
            failed = sink(ctx, list) != 0;
            actions_clear(list);
        }
    }
    sb_free(&run.sb);
    free(st.v);
    free(rank);
    free(ranked);
    free(rules);
    evx_free(&ev);
    if (failed) {
        actions_free(list);
        return NULL;
    }
    return list;                         /* in the documented order already */
}

ActionList *ev_run(const Program *prog, const Store *store, const EvalOptions *opt, Diag *d)
{
    return ev_stream(prog, store, opt, d, NULL, NULL);
}
