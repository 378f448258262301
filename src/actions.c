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
    arena_free(&list->arena);
    free(list);
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

/* The subject a row is about: the rep, or the team for a per-team rule. */
static const char *row_subject(const ActionRow *r)
{
    return r->rep[0] ? r->rep : r->team;
}

/* period, subject name (a team row is keyed by its team's name and comes
 * after a rep of the same name), team, rule order.  Equal rows keep the
 * order they were added in: the sort is stable. */
static int row_cmp(const ActionRow *a, const ActionRow *b)
{
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    int c = strcmp(row_subject(a), row_subject(b));
    if (c)
        return c;
    int ateam = a->rep[0] == '\0', bteam = b->rep[0] == '\0';
    if (ateam != bteam)
        return ateam - bteam;
    if ((c = strcmp(a->team, b->team)) != 0)
        return c;
    if (a->rule_index != b->rule_index)
        return a->rule_index < b->rule_index ? -1 : 1;
    return 0;
}

/* A merge sort: qsort is not stable, and the order actions were added in
 * is part of the documented output order. */
static void merge_sort(ActionRow *rows, ActionRow *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort(rows, tmp, half);
    merge_sort(rows + half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = row_cmp(&rows[j], &rows[i]) < 0 ? rows[j++] : rows[i++];
    while (i < half)
        tmp[k++] = rows[i++];
    while (j < n)
        tmp[k++] = rows[j++];
    memcpy(rows, tmp, n * sizeof *rows);
}

void actions_sort(ActionList *list)
{
    if (list->n < 2)
        return;
    ActionRow *tmp = xmalloc(list->n * sizeof *tmp);
    merge_sort(list->rows, tmp, list->n);
    free(tmp);
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
