/* actions.c — the action list: rows, their strings, the documented order
 * and the cell formats of data.md section 3 (see actions.h). */
#include "actions.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ActionList *actions_new(void)
{
    ActionList *list = xcalloc(1, sizeof *list);
    list->first_period = -1;
    list->last_period = -1;
    list->period_kind = "week";
    return list;
}

void actions_free(ActionList *list)
{
    if (!list)
        return;
    free(list->rows);
    free(list->names);
    arena_free(&list->arena);
    free(list);
}

void actions_clear(ActionList *list)
{
    list->n = 0;
    arena_free(&list->arena);
    if (list->names)
        memset(list->names, 0, list->names_cap * sizeof *list->names);
    list->nnames = 0;
}

ActionRow *actions_add(ActionList *list)
{
    list->rows = xgrow(list->rows, &list->cap, list->n, sizeof *list->rows);
    ActionRow *r = &list->rows[list->n++];
    memset(r, 0, sizeof *r);
    r->rep = r->team = r->manager = r->rule = r->target = r->reason = r->priority = "";
    r->due = -1;
    return r;
}

const char *actions_strdup(ActionList *list, const char *s)
{
    return arena_strdup(&list->arena, s ? s : "");
}

static size_t name_hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Doubles the name table, placing every name again. */
static void grow_names(ActionList *list)
{
    size_t cap = list->names_cap ? 2 * list->names_cap : 64;
    const char **names = xcalloc(cap, sizeof *names);
    for (size_t i = 0; i < list->names_cap; i++) {
        const char *s = list->names[i];
        if (!s)
            continue;
        size_t k = name_hash(s) & (cap - 1);
        while (names[k])
            k = (k + 1) & (cap - 1);
        names[k] = s;
    }
    free(list->names);
    list->names = names;
    list->names_cap = cap;
}

const char *actions_intern(ActionList *list, const char *s)
{
    s = s ? s : "";
    if (!*s)
        return "";
    if (2 * (list->nnames + 1) > list->names_cap)
        grow_names(list);
    size_t k = name_hash(s) & (list->names_cap - 1);
    for (; list->names[k]; k = (k + 1) & (list->names_cap - 1))
        if (strcmp(list->names[k], s) == 0)
            return list->names[k];
    list->nnames++;
    return list->names[k] = arena_strdup(&list->arena, s);
}

const char *actions_printf(ActionList *list, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return "";
    char *p = arena_alloc(&list->arena, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

Chart *actions_chart(ActionList *list, ActionRow *row)
{
    if (!row->chart)
        row->chart = arena_alloc(&list->arena, sizeof *row->chart);
    return row->chart;
}

/* period, subject name (the rep, or the team for a per-team rule), rep
 * before team, team, rule order, then the order added: the rows are one
 * array, so that is their address.  Names are interned (actions_intern),
 * so equal names are mostly one pointer. */
static int row_cmp(const void *pa, const void *pb)
{
    const ActionRow *a = *(const ActionRow *const *)pa, *b = *(const ActionRow *const *)pb;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    int a_team = a->rep[0] == '\0', b_team = b->rep[0] == '\0';
    const char *sa = a_team ? a->team : a->rep, *sb = b_team ? b->team : b->rep;
    int c = sa == sb ? 0 : strcmp(sa, sb);
    if (c)
        return c;
    if (a_team != b_team)
        return a_team - b_team;
    if (a->team != b->team && (c = strcmp(a->team, b->team)) != 0)
        return c;
    if (a->rule_index != b->rule_index)
        return a->rule_index < b->rule_index ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Moves rows so row i becomes the one order[i] points to, following each
 * cycle of the permutation with one spare row (no copy of the list). */
static void permute(ActionRow *rows, const ActionRow **order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!order[i] || order[i] == &rows[i])
            continue;
        ActionRow spare = rows[i];
        size_t at = i;
        while (order[at] != &rows[i]) {
            size_t from = (size_t)(order[at] - rows);
            rows[at] = rows[from];
            order[at] = NULL;
            at = from;
        }
        rows[at] = spare;
        order[at] = NULL;
    }
}

/* The documented order; the order added breaks ties, so qsort (not stable
 * by itself) gives it exactly.  Pointers to the rows are sorted (eight
 * bytes a row, no copy of the keys) and the rows then moved once. */
void actions_sort(ActionList *list)
{
    size_t n = list->n;
    if (n < 2)
        return;
    const ActionRow **order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = &list->rows[i];
    qsort(order, n, sizeof *order, row_cmp);
    permute(list->rows, order, n);
    free(order);
}

/* Up to `decimals` decimals with trailing zeros cut: 2.5, 3, 0.25. */
static void format_trimmed(double v, int decimals, const char *suffix, char *buf, size_t size)
{
    snprintf(buf, size, "%.*f", decimals, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s", suffix);
}

/* printf with a fixed number of decimals, never printing "-0.0". */
static void format_fixed(double v, int decimals, const char *suffix, char *buf, size_t size)
{
    double scale = pow(10, decimals);
    if (fabs(v) * scale < 0.5)
        v = 0;
    snprintf(buf, size, "%.*f%s", decimals, v, suffix);
}

void actions_format_cell(const Cell *c, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    switch (c->format) {
    case VF_NONE:
        break;
    case VF_TEXT:
        snprintf(buf, size, "%s", c->text ? c->text : "");
        break;
    case VF_COUNT:
        /* A count is whole; a computed one (a goal raised by 10%) may not
         * be, and rounding it would invent a number. */
        format_trimmed(c->num, 2, "", buf, size);
        break;
    case VF_AMOUNT:
        format_fixed(c->num, 2, "", buf, size);
        break;
    case VF_PERCENT:
        format_fixed(c->num * 100, 1, "%", buf, size);
        break;
    case VF_MULTIPLE:
        format_trimmed(c->num, 2, "x", buf, size);
        break;
    case VF_NUMBER:
        format_trimmed(c->num, 2, "", buf, size);
        break;
    }
}

const char *actions_type_name(ActionType t)
{
    static const char *names[] = {
        [AT_COACHING] = "coaching", [AT_ADJUST] = "adjust", [AT_NOTIFY] = "notify",
        [AT_REVIEW] = "review", [AT_FLAG] = "flag", [AT_EXPECT] = "expect",
    };
    return t <= AT_EXPECT ? names[t] : "?";
}
