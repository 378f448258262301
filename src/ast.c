/* ast.c — construction and release of the rule program (see ast.h). */
#include "ast.h"

#include <stdlib.h>

Program *ast_new(void)
{
    Program *p = xcalloc(1, sizeof *p);
    p->period = PER_WEEK;
    p->fiscal_start_month = 1;
    return p;
}

void ast_free(Program *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nsources; i++)
        source_free(p->sources[i]);
    free(p->sources);
    free(p->metrics);
    free(p->measures);
    free(p->rules);
    arena_free(&p->arena);
    free(p);
}

void *ast_alloc(Program *p, size_t size)
{
    return arena_alloc(&p->arena, size);
}

const char *ast_strndup(Program *p, const char *s, size_t len)
{
    return arena_strndup(&p->arena, s, len);
}

Expr *ast_expr(Program *p, ExprKind kind, Span span)
{
    Expr *e = ast_alloc(p, sizeof *e);
    e->kind = kind;
    e->span = span;
    e->metric = -1;
    e->measure = -1;
    return e;
}

const char *ast_func_name(Func f)
{
    static const char *names[] = {
        [FN_UNRESOLVED] = "?", [FN_ABS] = "abs", [FN_MIN] = "min", [FN_MAX] = "max",
        [FN_AVG] = "avg", [FN_SUM] = "sum", [FN_TEAM_AVG] = "team_avg",
        [FN_TEAM_SUM] = "team_sum", [FN_TEAM_MIN] = "team_min", [FN_TEAM_MAX] = "team_max",
        [FN_ACTIVITY] = "activity_count", [FN_GOAL] = "goal",
    };
    return f <= FN_GOAL ? names[f] : "?";
}

const char *ast_dur_unit_name(DurUnit u, long n)
{
    static const char *one[] = {"day", "week", "month", "quarter"};
    static const char *many[] = {"days", "weeks", "months", "quarters"};
    if (u > DUR_QUARTER)
        return "?";
    return n == 1 ? one[u] : many[u];
}

const char *ast_action_name(ActionKind k)
{
    static const char *names[] = {"coaching", "adjust", "notify", "review", "flag"};
    return k <= ACT_FLAG ? names[k] : "?";
}

const char *ast_priority_name(Priority p)
{
    static const char *names[] = {"", "low", "medium", "high"};
    return p <= PRIO_HIGH ? names[p] : "";
}
