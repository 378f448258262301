/* evalexpr.c — the values of expressions for one subject and period
 * (language.md section 4; see evalexpr.h for the unknown-value logic). */
#include "evalexpr.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure.h"
#include "mem.h"

static const Val unknown = {0, 0};

static Val known(double v)
{
    Val r = {v, 1};
    return r;
}

/* ---- setting up: reps, teams, metric and measure tables ---- */

/* qsort has no context argument in C11: sort (name, id) pairs instead. */
typedef struct NameId {
    const char *name;
    int id;
} NameId;

static int name_id_cmp(const void *a, const void *b)
{
    const NameId *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static const char *rep_field(const Store *st, int rep, const char *field)
{
    const char *v = store_rep_field(st, rep, field);
    return v ? v : "";
}

static void init_reps(Eval *ev)
{
    int n = ev->nreps;
    NameId *pairs = xmalloc((size_t)(n ? n : 1) * sizeof *pairs);
    ev->by_name = xmalloc((size_t)(n ? n : 1) * sizeof *ev->by_name);
    ev->rep_first_day = xmalloc((size_t)(n ? n : 1) * sizeof(int));
    ev->rep_left_day = xmalloc((size_t)(n ? n : 1) * sizeof(int));
    for (int r = 0; r < n; r++) {
        pairs[r].name = store_rep_name(ev->store, r);
        pairs[r].id = r;
        int first = 0, left = -1;
        if (!store_rep_days(ev->store, r, &first, &left))
            first = INT_MAX, left = -1;
        ev->rep_first_day[r] = first;
        ev->rep_left_day[r] = left;
    }
    qsort(pairs, (size_t)n, sizeof *pairs, name_id_cmp);
    for (int i = 0; i < n; i++)
        ev->by_name[i] = pairs[i].id;
    free(pairs);
}

/* The most common non-empty value of a field among a team's reps; ties
 * go to the value first in byte order, so the choice never depends on
 * the order rows came in. */
static const char *team_common(const Eval *ev, const EvTeam *t, const char *field)
{
    const char *best = "";
    int best_n = 0;
    for (int i = 0; i < t->nreps; i++) {
        const char *v = rep_field(ev->store, t->reps[i], field);
        if (!*v)
            continue;
        int n = 0;
        for (int j = 0; j < t->nreps; j++)
            n += strcmp(rep_field(ev->store, t->reps[j], field), v) == 0;
        if (n > best_n || (n == best_n && strcmp(v, best) < 0))
            best = v, best_n = n;
    }
    return best;
}

/* Teams are the distinct values of the reps' "team" field, by name. */
static void init_teams(Eval *ev)
{
    int n = ev->nreps;
    ev->rep_team = xmalloc((size_t)(n ? n : 1) * sizeof(int));
    ev->teams = xcalloc((size_t)(n ? n : 1), sizeof *ev->teams);
    NameId *pairs = xmalloc((size_t)(n ? n : 1) * sizeof *pairs);
    int np = 0;
    for (int r = 0; r < n; r++) {
        ev->rep_team[r] = -1;
        const char *t = rep_field(ev->store, r, "team");
        if (*t)
            pairs[np].name = t, pairs[np].id = r, np++;
    }
    qsort(pairs, (size_t)np, sizeof *pairs, name_id_cmp);
    for (int i = 0; i < np; i++)
        if (ev->nteams == 0 || strcmp(ev->teams[ev->nteams - 1].name, pairs[i].name) != 0)
            ev->teams[ev->nteams++].name = pairs[i].name;
    free(pairs);
    for (int t = 0; t < ev->nteams; t++)
        ev->teams[t].reps = xmalloc((size_t)n * sizeof(int));
    for (int i = 0; i < n; i++) {
        int r = ev->by_name[i];
        const char *name = rep_field(ev->store, r, "team");
        for (int t = 0; *name && t < ev->nteams; t++) {
            if (strcmp(ev->teams[t].name, name) == 0) {
                ev->rep_team[r] = t;
                ev->teams[t].reps[ev->teams[t].nreps++] = r;
                break;
            }
        }
    }
    for (int t = 0; t < ev->nteams; t++)
        ev->teams[t].manager = team_common(ev, &ev->teams[t], "manager");
}

/* A prelude metric the user redefined points to the user's definition. */
static void init_metrics(Eval *ev)
{
    const Program *prog = ev->prog;
    ev->metric_of = xmalloc((size_t)(prog->nmetrics ? prog->nmetrics : 1) * sizeof(int));
    for (int i = 0; i < prog->nmetrics; i++) {
        ev->metric_of[i] = i;
        if (!prog->metrics[i].overridden)
            continue;
        for (int j = prog->nmetrics - 1; j >= 0; j--) {
            if (j != i && !prog->metrics[j].overridden &&
                strcmp(prog->metrics[j].name, prog->metrics[i].name) == 0) {
                ev->metric_of[i] = j;
                break;
            }
        }
    }
}

static void init_measures(Eval *ev)
{
    const Program *prog = ev->prog;
    ev->nsid = M_BUILTIN + prog->nmeasures;
    ev->sid = xmalloc((size_t)ev->nsid * sizeof(int));
    for (int i = 0; i < M_BUILTIN; i++)
        ev->sid[i] = i == M_CLOSED ? -1 : store_measure(ev->store, measure_name(i));
    for (int i = 0; i < prog->nmeasures; i++)
        ev->sid[M_BUILTIN + i] = store_measure(ev->store, prog->measures[i].name);
    ev->sid_won = ev->sid[M_WON];
    ev->sid_lost = ev->sid[M_LOST];
}

void evx_init(Eval *ev, const Program *prog, const Store *store)
{
    memset(ev, 0, sizeof *ev);
    ev->prog = prog;
    ev->store = store;
    ev->cal.fiscal_start_month = prog->fiscal_start_month >= 1 && prog->fiscal_start_month <= 12
                                     ? prog->fiscal_start_month : 1;
    ev->has_data = store_data_days(store, &ev->data_first, &ev->data_last);
    ev->nreps = store_nreps(store);
    init_reps(ev);
    init_teams(ev);
    init_metrics(ev);
    init_measures(ev);
    ev->rep_first = xmalloc((size_t)(ev->nreps ? ev->nreps : 1) * sizeof(int));
    ev->rep_last = xmalloc((size_t)(ev->nreps ? ev->nreps : 1) * sizeof(int));
}

void evx_free(Eval *ev)
{
    for (int t = 0; t < ev->nteams; t++)
        free(ev->teams[t].reps);
    free(ev->teams);
    free(ev->by_name);
    free(ev->rep_team);
    free(ev->rep_first_day);
    free(ev->rep_left_day);
    free(ev->metric_of);
    free(ev->sid);
    free(ev->rep_first);
    free(ev->rep_last);
}

/* A rep is active from the period of its first data to `end`, or to the
 * period in which the roster says it left (that period included: the rep
 * worked part of it). */
void evx_set_kind(Eval *ev, PeriodKind kind, int end)
{
    ev->kind = kind;
    ev->end = end;
    for (int r = 0; r < ev->nreps; r++) {
        ev->rep_first[r] = INT_MAX;
        ev->rep_last[r] = INT_MIN;
        if (ev->rep_first_day[r] == INT_MAX)
            continue;
        ev->rep_first[r] = period_of(kind, &ev->cal, ev->rep_first_day[r]);
        int last = end;
        if (ev->rep_left_day[r] >= 0) {
            int left = period_of(kind, &ev->cal, ev->rep_left_day[r]);
            if (left < last)
                last = left;
        }
        ev->rep_last[r] = last;
    }
    for (int t = 0; t < ev->nteams; t++) {
        EvTeam *team = &ev->teams[t];
        team->first = INT_MAX;
        team->last = INT_MIN;
        for (int i = 0; i < team->nreps; i++) {
            int r = team->reps[i];
            if (ev->rep_first[r] > ev->rep_last[r])
                continue;
            if (ev->rep_first[r] < team->first)
                team->first = ev->rep_first[r];
            if (ev->rep_last[r] > team->last)
                team->last = ev->rep_last[r];
        }
    }
}

int evx_too_long(const Eval *ev, int first, int end, Diag *d)
{
    long n = (long)end - first + 1;
    if (n <= EVX_MAX_PERIODS)
        return 0;
    char a[11], b[11];
    date_format(ev->data_first, a);
    date_format(ev->data_last, b);
    diag_fail(d, "the data runs from %s to %s: %ld %ss, more than the %d a run can "
              "evaluate; a date in the data is probably mistyped",
              a, b, n, period_kind_name(ev->kind), EVX_MAX_PERIODS);
    return 1;
}

int evx_span(const Eval *ev, Subject s, int *first, int *last)
{
    if (s.rep >= 0) {
        *first = ev->rep_first[s.rep];
        *last = ev->rep_last[s.rep];
    } else {
        *first = ev->teams[s.team].first;
        *last = ev->teams[s.team].last;
    }
    return *first <= *last;
}

static int rep_active(const Eval *ev, int rep, int p)
{
    return p >= ev->rep_first[rep] && p <= ev->rep_last[rep];
}

/* A team is active in a period when one of its reps is. */
int evx_active(const Eval *ev, Subject s, int p)
{
    if (s.rep >= 0)
        return rep_active(ev, s.rep, p);
    const EvTeam *t = &ev->teams[s.team];
    for (int i = 0; i < t->nreps; i++)
        if (rep_active(ev, t->reps[i], p))
            return 1;
    return 0;
}

static int rep_left_by(const Eval *ev, int rep, int p)
{
    int left = ev->rep_left_day[rep];
    return left >= 0 && period_of(ev->kind, &ev->cal, left) <= p;
}

int evx_left_by(const Eval *ev, Subject s, int p)
{
    if (s.rep >= 0)
        return rep_left_by(ev, s.rep, p);
    const EvTeam *t = &ev->teams[s.team];
    for (int i = 0; i < t->nreps; i++)
        if (!rep_left_by(ev, t->reps[i], p))
            return 0;
    return t->nreps > 0;
}

/* ---- names, fields, filters ---- */

const Metric *evx_metric(const Eval *ev, int index)
{
    return &ev->prog->metrics[ev->metric_of[index]];
}

ValueType evx_type(const Eval *ev, const Expr *e)
{
    if (e->kind == EX_NAME && e->metric >= 0 && evx_metric(ev, e->metric)->type != VT_UNKNOWN)
        return evx_metric(ev, e->metric)->type;
    if (e->type != VT_UNKNOWN)
        return e->type;
    if (e->kind == EX_NAME && e->measure >= 0 && e->measure < M_BUILTIN)
        return measure_type(e->measure);
    if (e->kind == EX_NUM)
        return e->unit == UNIT_PERCENT || e->unit == UNIT_POINTS ? VT_PERCENT
             : e->unit == UNIT_X ? VT_MULTIPLE : VT_NUMBER;
    return VT_NUMBER;
}

const char *evx_subject_name(const Eval *ev, Subject s)
{
    return s.rep >= 0 ? store_rep_name(ev->store, s.rep) : ev->teams[s.team].name;
}

/* A team's field is the most common value among its reps; its "team" is
 * its name and it has no single "rep". */
const char *evx_field(const Eval *ev, Subject s, const char *field)
{
    if (strcmp(field, "rep") == 0)
        return s.rep >= 0 ? store_rep_name(ev->store, s.rep) : "";
    if (s.rep >= 0)
        return rep_field(ev->store, s.rep, field);
    const EvTeam *t = &ev->teams[s.team];
    if (strcmp(field, "team") == 0)
        return t->name;
    if (strcmp(field, "manager") == 0)
        return t->manager;
    return team_common(ev, t, field);
}

static int team_has_rep(const Eval *ev, int team, const char *rep)
{
    const EvTeam *t = &ev->teams[team];
    for (int i = 0; i < t->nreps; i++)
        if (strcmp(store_rep_name(ev->store, t->reps[i]), rep) == 0)
            return 1;
    return 0;
}

int evx_filters_pass(const Eval *ev, const Rule *r, Subject s)
{
    for (int i = 0; i < r->nfilters; i++) {
        const Filter *f = &r->filters[i];
        const char *v;
        switch (f->kind) {
        case FILTER_TEAM: v = evx_field(ev, s, "team"); break;
        case FILTER_MANAGER: v = evx_field(ev, s, "manager"); break;
        case FILTER_REP:
            if (s.team >= 0) {
                if (!team_has_rep(ev, s.team, f->value))
                    return 0;
                continue;
            }
            v = evx_field(ev, s, "rep");
            break;
        case FILTER_FIELD:
        default: v = evx_field(ev, s, f->field ? f->field : ""); break;
        }
        if (strcmp(v, f->value ? f->value : "") != 0)
            return 0;
    }
    return 1;
}

/* ---- leaves: measures, activity types, targets ---- */

static Val rep_store_value(const Eval *ev, int rep, int sid, int p)
{
    double v;
    if (sid < 0 || !rep_active(ev, rep, p) || !store_get(ev->store, rep, ev->kind, p, sid, &v))
        return unknown;
    return known(v);
}

/* closed = won + lost (measure.h: derived, never stored). */
static Val rep_measure(const Eval *ev, int rep, int id, int p)
{
    if (id == M_CLOSED) {
        Val w = rep_store_value(ev, rep, ev->sid_won, p);
        Val l = rep_store_value(ev, rep, ev->sid_lost, p);
        return w.known && l.known ? known(w.v + l.v) : unknown;
    }
    if (id < 0 || id >= ev->nsid)
        return unknown;
    return rep_store_value(ev, rep, ev->sid[id], p);
}

/* What a leaf is: a measure by id, a store id, or a target by goal name. */
typedef enum LeafKind {
    LEAF_MEASURE,   /* a built-in or declared measure id */
    LEAF_SID,       /* a store id (activity_count) */
    LEAF_GOAL,      /* goal(M): the target in force at the period's end */
} LeafKind;

static Val rep_leaf(const Eval *ev, int rep, LeafKind kind, int id, const char *goal, int p)
{
    switch (kind) {
    case LEAF_MEASURE:
        return rep_measure(ev, rep, id, p);
    case LEAF_SID:
        return rep_store_value(ev, rep, id, p);
    case LEAF_GOAL:
    default: {
        double v;
        if (!rep_active(ev, rep, p) ||
            !store_target(ev->store, rep, goal, period_last_day(ev->kind, &ev->cal, p), &v))
            return unknown;
        return known(v);
    }
    }
}

/* For a team, a leaf is the sum over its reps active in p of their known
 * values: the team's own base measures (language.md section 4). */
static Val leaf(const Eval *ev, Subject s, LeafKind kind, int id, const char *goal, int p)
{
    if (s.rep >= 0)
        return rep_leaf(ev, s.rep, kind, id, goal, p);
    const EvTeam *t = &ev->teams[s.team];
    Val sum = unknown;
    for (int i = 0; i < t->nreps; i++) {
        Val v = rep_leaf(ev, t->reps[i], kind, id, goal, p);
        if (v.known)
            sum = known(sum.v + v.v);
    }
    return sum;
}

int evx_target(const Eval *ev, Subject s, const char *goal, int p, double *value)
{
    Val v = leaf(ev, s, LEAF_GOAL, -1, goal, p);
    *value = v.v;
    return v.known;
}

/* ---- operators ---- */

int evx_compare(ExprKind op, double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    double eps = 1e-9 * (scale > 1 ? scale : 1);
    switch (op) {
    case EX_LT: return a < b - eps;
    case EX_LE: return a <= b + eps;
    case EX_GT: return a > b + eps;
    case EX_GE: return a >= b - eps;
    case EX_EQ: return fabs(a - b) <= eps;
    case EX_NE:
    default: return fabs(a - b) > eps;
    }
}

static Val arith(const Expr *e, Val a, Val b)
{
    if (!a.known || !b.known)
        return unknown;
    switch (e->kind) {
    case EX_ADD: return known(a.v + b.v);
    case EX_SUB: return known(a.v - b.v);
    case EX_MUL: return known(a.v * b.v);
    case EX_DIV:
    default: return b.v == 0 ? unknown : known(a.v / b.v);
    }
}

/* Three-valued and / or. */
static Val logic(ExprKind kind, Val a, Val b)
{
    int a_true = a.known && a.v != 0, b_true = b.known && b.v != 0;
    int a_false = a.known && a.v == 0, b_false = b.known && b.v == 0;
    if (kind == EX_AND) {
        if (a_false || b_false)
            return known(0);
        return a_true && b_true ? known(1) : unknown;
    }
    if (a_true || b_true)
        return known(1);
    return a_false && b_false ? known(0) : unknown;
}

/* metric NAME = EXPR [when FLOOR]: unknown unless the floor is true. */
Val evx_metric_value(const Eval *ev, Subject s, int index, int p)
{
    const Metric *m = evx_metric(ev, index);
    if (m->floor && !evx_true(ev, s, m->floor, p))
        return unknown;
    return m->expr ? evx_value(ev, s, m->expr, p) : unknown;
}

int evx_window(const Expr *e)
{
    return e->periods < 1 ? 1 : e->periods > 1000000 ? 1000000 : (int)e->periods;
}

/* The subject's first active period: every value before it is unknown. */
static int first_period(const Eval *ev, Subject s)
{
    return s.rep >= 0 ? ev->rep_first[s.rep] : ev->teams[s.team].first;
}

/* cond -> cond FOR N PERIODS: true in p-N+1 .. p; one false period makes
 * it false, an unknown one (with none false) unknown. */
static Val for_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    int n = evx_window(e);
    int from = p - n + 1, first = first_period(ev, s);
    Val r = from < first ? unknown : known(1);
    for (int q = p; q >= from && q >= first; q--) {
        r = logic(EX_AND, r, evx_value(ev, s, e->lhs, q));
        if (r.known && r.v == 0)
            break;
    }
    return r;
}

/* The unit the amount of a change was written in (through a minus). */
static NumUnit amount_unit(const Expr *e)
{
    while (e && e->kind == EX_NEG)
        e = e->lhs;
    return e && e->kind == EX_NUM ? e->unit : UNIT_NONE;
}

/* M drops|rises by X over N: points and plain numbers are absolute
 * changes, % a relative one (undefined, so unknown, from 0 or below). */
static Val change_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    Val now = evx_value(ev, s, e->lhs, p);
    Val then = evx_value(ev, s, e->lhs, p - evx_window(e));
    Val x = evx_value(ev, s, e->rhs, p);
    if (!now.known || !then.known || !x.known)
        return unknown;
    double bound;
    if (amount_unit(e->rhs) == UNIT_PERCENT) {
        if (then.v <= 0)
            return unknown;
        bound = e->dir == CHANGE_DROPS ? then.v * (1 - x.v) : then.v * (1 + x.v);
    } else {
        bound = e->dir == CHANGE_DROPS ? then.v - x.v : then.v + x.v;
    }
    return known(evx_compare(e->dir == CHANGE_DROPS ? EX_LE : EX_GE, now.v, bound));
}

/* Folds one known value into an aggregate. */
typedef struct Agg {
    Func func;
    int n;
    double acc;
} Agg;

static void agg_add(Agg *a, double v)
{
    if (a->n == 0)
        a->acc = v;
    else if (a->func == FN_MIN || a->func == FN_TEAM_MIN)
        a->acc = v < a->acc ? v : a->acc;
    else if (a->func == FN_MAX || a->func == FN_TEAM_MAX)
        a->acc = v > a->acc ? v : a->acc;
    else
        a->acc += v;
    a->n++;
}

static Val agg_result(const Agg *a)
{
    if (a->n == 0)
        return unknown;
    if (a->func == FN_AVG || a->func == FN_TEAM_AVG)
        return known(a->acc / a->n);
    return known(a->acc);
}

/* avg(M, N weeks) ...: over p-N+1 .. p.  avg, min and max leave unknown
 * periods out; sum is unknown when any period is, so a rep in their
 * second week does not show a low four-week total. */
static Val rolling_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    int from = p - evx_window(e) + 1, first = first_period(ev, s);
    if (from < first && e->func == FN_SUM)
        return unknown;
    Agg a = {e->func, 0, 0};
    for (int q = from > first ? from : first; q <= p; q++) {
        Val v = evx_value(ev, s, e->args[0], q);
        if (v.known)
            agg_add(&a, v.v);
        else if (e->func == FN_SUM)
            return unknown;
    }
    return agg_result(&a);
}

/* team_avg(M), or avg(M) in a per-team rule: over the team's reps active
 * in p, unknown values left out.  A rep with no team has none. */
static Val team_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    int team = s.team >= 0 ? s.team : ev->rep_team[s.rep];
    if (team < 0 || e->nargs < 1)
        return unknown;
    const EvTeam *t = &ev->teams[team];
    Agg a = {e->func, 0, 0};
    for (int i = 0; i < t->nreps; i++) {
        int r = t->reps[i];
        if (!rep_active(ev, r, p))
            continue;
        Subject rs = {r, -1};
        Val v = evx_value(ev, rs, e->args[0], p);
        if (v.known)
            agg_add(&a, v.v);
    }
    return agg_result(&a);
}

/* min(a, b), avg(a, b): plain arithmetic over the arguments. */
static Val plain_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    Agg a = {e->func, 0, 0};
    for (int i = 0; i < e->nargs; i++) {
        Val v = evx_value(ev, s, e->args[i], p);
        if (!v.known)
            return unknown;
        agg_add(&a, v.v);
    }
    return agg_result(&a);
}

/* The goal's name in goal(calls): the argument's name or text. */
static const char *goal_name(const Expr *e)
{
    if (e->text)
        return e->text;
    if (e->nargs > 0 && e->args[0]->name)
        return e->args[0]->name;
    return e->nargs > 0 && e->args[0]->text ? e->args[0]->text : "";
}

static Val call_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    switch (e->func) {
    case FN_ABS: {
        Val v = e->nargs > 0 ? evx_value(ev, s, e->args[0], p) : unknown;
        return v.known ? known(fabs(v.v)) : unknown;
    }
    case FN_TEAM_AVG: case FN_TEAM_SUM: case FN_TEAM_MIN: case FN_TEAM_MAX:
        return team_value(ev, s, e, p);
    case FN_MIN: case FN_MAX: case FN_AVG: case FN_SUM:
        if (e->mode == CALL_ROLLING && e->nargs > 0)
            return rolling_value(ev, s, e, p);
        if (e->mode == CALL_TEAM)
            return team_value(ev, s, e, p);
        return plain_value(ev, s, e, p);
    case FN_ACTIVITY: {
        const char *type = e->text ? e->text : goal_name(e);
        return leaf(ev, s, LEAF_SID, store_measure(ev->store, type), NULL, p);
    }
    case FN_GOAL:
        return leaf(ev, s, LEAF_GOAL, -1, goal_name(e), p);
    case FN_UNRESOLVED:
    default:
        return unknown;
    }
}

/* A literal's value, units applied by the parser (10 points is 0.10). */
static double literal(const Expr *e)
{
    return e->num;
}

/* The one dispatch over expression kinds. */
Val evx_value(const Eval *ev, Subject s, const Expr *e, int p)
{
    if (!e)
        return unknown;
    switch (e->kind) {
    case EX_NUM:
        return known(literal(e));
    case EX_NAME:
        if (e->metric >= 0)
            return evx_metric_value(ev, s, e->metric, p);
        if (e->measure >= 0)
            return leaf(ev, s, LEAF_MEASURE, e->measure, NULL, p);
        return unknown;
    case EX_NEG: {
        Val v = evx_value(ev, s, e->lhs, p);
        return v.known ? known(-v.v) : unknown;
    }
    case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV:
        return arith(e, evx_value(ev, s, e->lhs, p), evx_value(ev, s, e->rhs, p));
    case EX_LT: case EX_LE: case EX_GT: case EX_GE: case EX_EQ: case EX_NE: {
        Val a = evx_value(ev, s, e->lhs, p), b = evx_value(ev, s, e->rhs, p);
        return a.known && b.known ? known(evx_compare(e->kind, a.v, b.v)) : unknown;
    }
    case EX_AND: case EX_OR: {
        Val a = evx_value(ev, s, e->lhs, p);
        /* Short cut only where the other side cannot change the result. */
        if (a.known && ((e->kind == EX_AND && a.v == 0) || (e->kind == EX_OR && a.v != 0)))
            return a;
        return logic(e->kind, a, evx_value(ev, s, e->rhs, p));
    }
    case EX_NOT: {
        Val v = evx_value(ev, s, e->lhs, p);
        return v.known ? known(v.v == 0) : unknown;
    }
    case EX_CALL:
        return call_value(ev, s, e, p);
    case EX_FOR:
        return for_value(ev, s, e, p);
    case EX_CHANGE:
        return change_value(ev, s, e, p);
    }
    return unknown;
}

Val evx_measure_value(const Eval *ev, Subject s, int id, int p)
{
    return leaf(ev, s, LEAF_MEASURE, id, NULL, p);
}

int evx_metric_named(const Eval *ev, const char *name)
{
    for (int i = ev->prog->nmetrics - 1; i >= 0; i--)
        if (strcmp(ev->prog->metrics[i].name, name) == 0)
            return ev->metric_of[i];
    return -1;
}

int evx_true(const Eval *ev, Subject s, const Expr *e, int p)
{
    Val v = evx_value(ev, s, e, p);
    return v.known && v.v != 0;
}

/* ---- issuing (language.md section 5) ---- */

/* Walks the subject's periods in order: an action is issued when the
 * condition is true and the subject is not holding; while holding, only
 * `repeat every` issues again.  Holding ends when the condition is false
 * for a period, or — with `until` — in the first later period where the
 * until condition is true; the condition can issue again from the period
 * after that.  *holding_out (when not NULL) tells whether the subject is
 * still holding after `last`. */
int evx_issues(const Eval *ev, const Rule *r, Subject s, int first, int last, int *issues,
               int *holding_out)
{
    long every = r->repeat_periods > 0 ? r->repeat_periods : 1;
    int n = 0, holding = 0, last_issue = 0;
    for (int p = first; p <= last; p++) {
        int cond = evx_true(ev, s, r->cond, p);
        if (holding) {
            if (r->until ? evx_true(ev, s, r->until, p) : !cond) {
                holding = 0;
                continue;
            }
            if (cond && r->has_repeat && p - last_issue >= every)
                issues[n++] = last_issue = p;
            continue;
        }
        if (cond) {
            issues[n++] = last_issue = p;
            holding = 1;
        }
    }
    if (holding_out)
        *holding_out = holding;
    return n;
}
