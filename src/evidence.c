/* evidence.c — readable texts about values (see evidence.h). */
#include "evidence.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"


/* ---- values ---- */

ValueFormat evd_format(ValueType t)
{
    switch (t) {
    case VT_COUNT: return VF_COUNT;
    case VT_AMOUNT: return VF_AMOUNT;
    case VT_PERCENT: return VF_PERCENT;
    case VT_MULTIPLE: return VF_MULTIPLE;
    case VT_DAYS: case VT_NUMBER: case VT_BOOL: case VT_UNKNOWN:
    default: return VF_NUMBER;
    }
}

void evd_value(StrBuf *sb, ValueType t, Val v)
{
    if (!v.known) {
        sb_puts(sb, "unknown");
        return;
    }
    if (t == VT_BOOL) {
        sb_puts(sb, v.v != 0 ? "true" : "false");
        return;
    }
    Cell c = {evd_format(t), v.v, NULL};
    char buf[64];
    actions_format_cell(&c, buf, sizeof buf);
    sb_puts(sb, buf);
}

void evd_diff(StrBuf *sb, ValueType t, double diff)
{
    if (t == VT_PERCENT) {
        double pts = diff * 100;
        sb_printf(sb, "%.1f points", fabs(pts) < 0.05 ? 0.0 : pts);
        return;
    }
    Val v = {diff, 1};
    evd_value(sb, t, v);
}

/* Source text with runs of blanks (and comments) turned into one space. */
static void put_source_text(StrBuf *sb, const Source *src, unsigned start, unsigned end)
{
    int space = 0, quoted = 0;
    for (unsigned i = start; i < end && i < src->len; i++) {
        char c = src->text[i];
        if (c == '#' && !quoted) {
            while (i + 1 < end && src->text[i + 1] != '\n')
                i++;
            space = 1;
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && sb->n > 0 && sb->s[sb->n - 1] != '(')
            sb_puts(sb, " ");
        space = 0;
        sb_put(sb, &c, 1);
    }
}

const char *evd_op(ExprKind k)
{
    switch (k) {
    case EX_LT: return "<";
    case EX_LE: return "<=";
    case EX_GT: return ">";
    case EX_GE: return ">=";
    case EX_EQ: return "=";
    case EX_NE: return "!=";
    case EX_ADD: return "+";
    case EX_SUB: return "-";
    case EX_MUL: return "*";
    case EX_DIV: return "/";
    case EX_AND: return "and";
    case EX_OR: return "or";
    default: return "?";
    }
}

/* For expressions made up by a program (no source span): a plain print. */
static void print_expr(StrBuf *sb, const Expr *e)
{
    switch (e->kind) {
    case EX_NUM: {
        Val v = {e->num, 1};
        evd_value(sb, e->unit == UNIT_PERCENT ? VT_PERCENT : VT_NUMBER, v);
        break;
    }
    case EX_NAME: sb_puts(sb, e->name ? e->name : "?"); break;
    case EX_NEG: sb_puts(sb, "-"); print_expr(sb, e->lhs); break;
    case EX_NOT: sb_puts(sb, "not "); print_expr(sb, e->lhs); break;
    case EX_CALL:
        sb_printf(sb, "%s(", e->name ? e->name : ast_func_name(e->func));
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                sb_puts(sb, ", ");
            print_expr(sb, e->args[i]);
        }
        sb_puts(sb, ")");
        break;
    case EX_FOR: case EX_CHANGE: print_expr(sb, e->lhs); break;
    default:
        print_expr(sb, e->lhs);
        sb_printf(sb, " %s ", evd_op(e->kind));
        print_expr(sb, e->rhs);
        break;
    }
}

void evd_src(StrBuf *sb, const Expr *e)
{
    if (e->span.src && e->span.end > e->span.start)
        put_source_text(sb, e->span.src, e->span.start, e->span.end);
    else
        print_expr(sb, e);
}

void evd_date(StrBuf *sb, const Eval *ev, int p)
{
    char buf[11];
    date_format(period_first_day(ev->kind, &ev->cal, p), buf);
    sb_puts(sb, buf);
}

void evd_periods(StrBuf *sb, const Eval *ev, long n)
{
    sb_printf(sb, "%ld %s", n, ast_dur_unit_name((DurUnit)(ev->kind + DUR_WEEK), n));
}

/* ---- reasons ---- */

static int is_literal(const Expr *e)
{
    while (e->kind == EX_NEG)
        e = e->lhs;
    return e->kind == EX_NUM;
}

/* How a side's values are shown. */
typedef enum SideMode {
    SIDE_PAREN,   /* "team_avg(win_rate) (25.0%, 26.0%)": the second side */
    SIDE_DATES,   /* "win_rate 12.5% (2026-01-26), 15.0% (2026-02-02)" */
    SIDE_PLAIN,   /* "win_rate 12.5%": one period named elsewhere */
} SideMode;

static void side(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int a, int b, SideMode mode)
{
    evd_src(sb, e);
    if (is_literal(e))
        return;
    ValueType t = evx_type(ev, e);
    sb_puts(sb, mode == SIDE_PAREN ? " (" : " ");
    for (int q = a; q <= b; q++) {
        if (q > a)
            sb_puts(sb, ", ");
        /* A long window shows its first two and last three values. */
        if (b - a + 1 > 8 && q == a + 2) {
            sb_printf(sb, "... (%d more), ", b - a - 4);
            q = b - 3;
            continue;
        }
        evd_value(sb, t, evx_value(ev, s, e, q));
        if (mode == SIDE_DATES) {
            sb_puts(sb, " (");
            evd_date(sb, ev, q);
            sb_puts(sb, ")");
        }
    }
    if (mode == SIDE_PAREN)
        sb_puts(sb, ")");
}

/* The first side that is not a literal carries the dates (or, for one
 * period named elsewhere, just its values). */
static void comparison(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int a, int b, int dates)
{
    int lhs_first = !is_literal(e->lhs);
    SideMode first = dates ? SIDE_DATES : SIDE_PLAIN;
    side(sb, ev, s, e->lhs, a, b, lhs_first ? first : SIDE_PAREN);
    sb_printf(sb, " %s ", evd_op(e->kind));
    side(sb, ev, s, e->rhs, a, b, lhs_first ? SIDE_PAREN : first);
}

/* "demo_to_opp 40.0% (2026-01-05) -> 22.0% (2026-02-02), dropped 18.0
 * points >= 15 points over 4 weeks" */
static void change(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int p)
{
    int n = evx_window(e);
    ValueType t = evx_type(ev, e->lhs);
    Val then = evx_value(ev, s, e->lhs, p - n), now = evx_value(ev, s, e->lhs, p);
    evd_src(sb, e->lhs);
    sb_puts(sb, " ");
    evd_value(sb, t, then);
    sb_puts(sb, " (");
    evd_date(sb, ev, p - n);
    sb_puts(sb, ") -> ");
    evd_value(sb, t, now);
    sb_puts(sb, " (");
    evd_date(sb, ev, p);
    sb_puts(sb, "), ");
    const char *verb = e->dir == CHANGE_DROPS ? "dropped" : "rose";
    const Expr *amount = e->rhs;
    while (amount->kind == EX_NEG)
        amount = amount->lhs;
    if (!then.known || !now.known) {
        sb_printf(sb, "change unknown");
    } else {
        double d = e->dir == CHANGE_DROPS ? then.v - now.v : now.v - then.v;
        sb_printf(sb, "%s ", verb);
        if (amount->kind == EX_NUM && amount->unit == UNIT_PERCENT)
            sb_printf(sb, "%.1f%%", then.v > 0 ? d / then.v * 100 : 0.0);
        else
            evd_diff(sb, t, d);
    }
    sb_puts(sb, " >= ");
    evd_src(sb, e->rhs);
    sb_puts(sb, " over ");
    evd_periods(sb, ev, n);
}

static void evidence(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int a, int b);

/* At one period an `or` names only its parts that are true. */
static void either(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int a, int b)
{
    if (a == b) {
        int l = evx_true(ev, s, e->lhs, b), r = evx_true(ev, s, e->rhs, b);
        if (l != r) {
            evidence(sb, ev, s, l ? e->lhs : e->rhs, a, b);
            return;
        }
    }
    evidence(sb, ev, s, e->lhs, a, b);
    sb_puts(sb, " or ");
    evidence(sb, ev, s, e->rhs, a, b);
}

/* The evidence of e over the periods a .. b. */
static void evidence(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int a, int b)
{
    switch (e->kind) {
    case EX_FOR: {
        int n = evx_window(e);
        evidence(sb, ev, s, e->lhs, b - n + 1, b);
        sb_puts(sb, " for ");
        evd_periods(sb, ev, n);
        break;
    }
    case EX_AND:
        evidence(sb, ev, s, e->lhs, a, b);
        sb_puts(sb, " and ");
        evidence(sb, ev, s, e->rhs, a, b);
        break;
    case EX_OR:
        either(sb, ev, s, e, a, b);
        break;
    case EX_NOT:
        sb_puts(sb, "not (");
        evidence(sb, ev, s, e->lhs, a, b);
        sb_puts(sb, ")");
        break;
    case EX_LT: case EX_LE: case EX_GT: case EX_GE: case EX_EQ: case EX_NE:
        comparison(sb, ev, s, e, a, b, 1);
        break;
    case EX_CHANGE:
        for (int q = a; q <= b; q++) {
            if (q > a)
                sb_puts(sb, "; ");
            change(sb, ev, s, e, q);
        }
        break;
    default:
        side(sb, ev, s, e, a, b, SIDE_DATES);
        break;
    }
}

void evd_reason(StrBuf *sb, const Eval *ev, Subject s, const Expr *cond, int p)
{
    evidence(sb, ev, s, cond, p, p);
}

/* The values of every compared side, for the periods a .. b. */
static void values(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int a, int b, int *n)
{
    if (!e)
        return;
    int atom = e->kind == EX_CHANGE || (e->kind >= EX_LT && e->kind <= EX_NE);
    if (!atom) {
        values(sb, ev, s, e->lhs, a, b, n);
        if (e->kind == EX_AND || e->kind == EX_OR)
            values(sb, ev, s, e->rhs, a, b, n);
        return;
    }
    const Expr *sides[2] = {e->lhs, e->kind == EX_CHANGE ? NULL : e->rhs};
    for (int i = 0; i < 2; i++) {
        if (!sides[i] || is_literal(sides[i]))
            continue;
        if ((*n)++)
            sb_puts(sb, "; ");
        side(sb, ev, s, sides[i], a, b, SIDE_DATES);
    }
}

void evd_atom(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int p)
{
    if (e->kind >= EX_LT && e->kind <= EX_NE)
        comparison(sb, ev, s, e, p, p, 0);
    else
        evidence(sb, ev, s, e, p, p);
}

void evd_window(StrBuf *sb, const Eval *ev, Subject s, const Expr *cond, int a, int b)
{
    int n = 0;
    values(sb, ev, s, cond, a, b, &n);
}

/* Depth first, left first: the first comparison or change. */
static const Expr *first_compared(const Expr *e)
{
    if (!e)
        return NULL;
    switch (e->kind) {
    case EX_LT: case EX_LE: case EX_GT: case EX_GE: case EX_EQ: case EX_NE: case EX_CHANGE:
        return e;
    case EX_FOR: case EX_NOT:
        return first_compared(e->lhs);
    case EX_AND: case EX_OR: {
        const Expr *l = first_compared(e->lhs);
        return l ? l : first_compared(e->rhs);
    }
    default:
        return NULL;
    }
}

const Expr *evd_subject_expr(const Expr *cond, const Expr **threshold)
{
    *threshold = NULL;
    const Expr *c = first_compared(cond);
    if (!c)
        return NULL;
    if (c->kind == EX_CHANGE)
        return c->lhs;
    if (is_literal(c->lhs)) {
        *threshold = c->lhs;
        return c->rhs;
    }
    if (is_literal(c->rhs))
        *threshold = c->rhs;
    return c->lhs;
}
