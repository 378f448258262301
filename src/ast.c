/* ast.c — construction and release of the rule program (see ast.h). */
#include "ast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Texts are built in a StrBuf; the result is copied into the program's arena. */
static void put_duration(StrBuf *t, const Duration *d)
{
    char num[32];
    if (!d->bare) {
        snprintf(num, sizeof num, "%ld ", d->n);
        sb_puts(t, num);
    }
    sb_puts(t, ast_dur_unit_name(d->unit, d->bare ? 1 : d->n));
}

static const char *op_text(ExprKind k)
{
    switch (k) {
    case EX_ADD: return " + ";
    case EX_SUB: return " - ";
    case EX_MUL: return " * ";
    case EX_DIV: return " / ";
    case EX_LT: return " < ";
    case EX_LE: return " <= ";
    case EX_GT: return " > ";
    case EX_GE: return " >= ";
    case EX_EQ: return " = ";
    case EX_NE: return " != ";
    case EX_AND: return " and ";
    case EX_OR: return " or ";
    default: return " ? ";
    }
}

static void put_quoted(StrBuf *t, const char *s)
{
    char c[2] = {0, 0};
    sb_puts(t, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_puts(t, "\\");
        c[0] = *s;
        sb_puts(t, c);
    }
    sb_puts(t, "\"");
}

static void put_expr(StrBuf *t, const Expr *e);

/* name(args [, window]) or name("text") */
static void put_call(StrBuf *t, const Expr *e)
{
    sb_puts(t, e->name);
    sb_puts(t, "(");
    if (e->text && e->nargs == 0)
        put_quoted(t, e->text);
    for (int i = 0; i < e->nargs; i++) {
        if (i)
            sb_puts(t, ", ");
        put_expr(t, e->args[i]);
    }
    if (e->has_window) {
        sb_puts(t, ", ");
        put_duration(t, &e->window);
    }
    sb_puts(t, ")");
}

/* Parentheses only where the author wrote them: the parser recorded
 * them, and they are all the tree needs to read back the same. */
static void put_expr(StrBuf *t, const Expr *e)
{
    if (e->paren)
        sb_puts(t, "(");
    switch (e->kind) {
    case EX_NUM:
        sb_puts(t, e->text ? e->text : "?");
        if (e->unit == UNIT_POINTS)
            sb_puts(t, " points");
        break;
    case EX_NAME:
        sb_puts(t, e->name);
        break;
    case EX_NEG:
        sb_puts(t, "-");
        put_expr(t, e->lhs);
        break;
    case EX_NOT:
        sb_puts(t, "not ");
        put_expr(t, e->lhs);
        break;
    case EX_CALL:
        put_call(t, e);
        break;
    case EX_FOR:
        put_expr(t, e->lhs);
        sb_puts(t, " for ");
        put_duration(t, &e->window);
        break;
    case EX_CHANGE:
        put_expr(t, e->lhs);
        sb_puts(t, e->dir == CHANGE_DROPS ? " drops by " : " rises by ");
        put_expr(t, e->rhs);
        if (e->has_window) {
            sb_puts(t, " over ");
            put_duration(t, &e->window);
        }
        break;
    default:
        put_expr(t, e->lhs);
        sb_puts(t, op_text(e->kind));
        put_expr(t, e->rhs);
        break;
    }
    if (e->paren)
        sb_puts(t, ")");
}

static const char *text_done(Program *p, StrBuf *t)
{
    const char *s = ast_strndup(p, t->s ? t->s : "", t->n);
    free(t->s);
    return s;
}

const char *ast_expr_text(Program *p, const Expr *e)
{
    StrBuf t = {0};
    put_expr(&t, e);
    return text_done(p, &t);
}

const char *ast_duration_text(Program *p, const Duration *d)
{
    StrBuf t = {0};
    put_duration(&t, d);
    return text_done(p, &t);
}

const char *ast_quoted_text(Program *p, const char *s)
{
    StrBuf t = {0};
    put_quoted(&t, s);
    return text_done(p, &t);
}
