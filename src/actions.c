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

Chart *actions_chart(ActionList *list, ActionRow *row)
{
    if (!row->chart)
        row->chart = arena_alloc(&list->arena, sizeof *row->chart);
    return row->chart;
}

/* A row's sort keys, gathered once so the comparator touches no row. */
typedef struct SortKey {
    int period;
    int is_team;           /* a team row follows a rep of the same name */
    int rule_index;
    const char *subject;   /* the rep, or the team for a per-team rule */
    const char *team;
    size_t seq;            /* the order added: equal rows keep it */
} SortKey;

/* period, subject name, rep before team, team, rule order, order added. */
static int key_cmp(const void *pa, const void *pb)
{
    const SortKey *a = pa, *b = pb;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    int c = a->subject == b->subject ? 0 : strcmp(a->subject, b->subject);
    if (c)
        return c;
    if (a->is_team != b->is_team)
        return a->is_team - b->is_team;
    if (a->team != b->team && (c = strcmp(a->team, b->team)) != 0)
        return c;
    if (a->rule_index != b->rule_index)
        return a->rule_index < b->rule_index ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Moves rows so row i becomes the one keys[i] names, following each cycle
 * of the permutation with one spare row (no copy of the list). */
static void permute(ActionRow *rows, SortKey *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (keys[i].seq == i || keys[i].seq == (size_t)-1)
            continue;
        ActionRow spare = rows[i];
        size_t at = i;
        while (keys[at].seq != i) {
            size_t from = keys[at].seq;
            rows[at] = rows[from];
            keys[at].seq = (size_t)-1;
            at = from;
        }
        rows[at] = spare;
        keys[at].seq = (size_t)-1;
    }
}

/* The documented order; the order added breaks ties, so qsort (not stable
 * by itself) gives it exactly. */
void actions_sort(ActionList *list)
{
    size_t n = list->n;
    if (n < 2)
        return;
    SortKey *keys = xmalloc(n * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        const ActionRow *r = &list->rows[i];
        int is_team = r->rep[0] == '\0';
        keys[i] = (SortKey){r->period, is_team, r->rule_index, is_team ? r->team : r->rep,
                            r->team, i};
    }
    qsort(keys, n, sizeof *keys, key_cmp);
    permute(list->rows, keys, n);
    free(keys);
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
