/* out_md.c — the action list as Markdown for the managers who review it,
 * readable both rendered (a Git web view) and as plain text:
 *
 *   # Pace actions: weeks 2026-01-26 to 2026-02-02
 *   summary line
 *   ## Manager: NAME             (managers by name; none on record last)
 *   ### REP (TEAM) | ### Team TEAM
 *   | Period | Action | Priority | Due | Rule | Reason |   one row per action
 *
 * Every piece of text from the data is escaped: ASCII punctuation that
 * Markdown (or GitHub's flavour: tables, strikethrough, math) would read
 * gets a backslash, line breaks in a cell become <br>, and bytes that are
 * not UTF-8 become U+FFFD.  `>` and `!` stay bare, so reasons read
 * naturally (`->`, `>= 35%`): with `<` and `[` escaped they start nothing,
 * and no text of ours starts a line where `>` would quote. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "out_common.h"
#include "output.h"
#include "period.h"

/* Text in a heading (breaks = 0) or a table cell (breaks = 1). */
static void put_text(FILE *f, const char *s, int breaks)
{
    static const char specials[] = "\\`*_[]<|~#$&";
    s = out_str(s);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        i += out_utf8_decode(s + i, n - i, &cp);
        if (cp == '\n')
            fputs(breaks ? "<br>" : " ", f);
        else if (cp == '\r')
            continue;
        else if (cp < 0x20 || cp == 0x7F)
            putc(' ', f);
        else if (cp < 0x80 && strchr(specials, (int)cp))
            fprintf(f, "\\%c", (int)cp);
        else
            out_utf8_put(f, cp);
    }
}

static void put_cell(FILE *f, const Cell *c)
{
    char buf[64];
    actions_format_cell(c, buf, sizeof buf);
    put_text(f, buf, 1);
}

/* The Action column: what to do, in a few words.
 *   coaching: MEDDIC | adjust quota: 10000.00 → 11000.00 |
 *   expect demo_to_opp >= 35%: met | flag: Below activity minimum */
static void put_what(FILE *f, const ActionRow *r)
{
    fputs(actions_type_name(r->type), f);
    int join = r->type == AT_ADJUST || r->type == AT_EXPECT;
    if (*out_str(r->target)) {
        fputs(join ? " " : ": ", f);
        put_text(f, r->target, 1);
    }
    if (r->previous.format != VF_NONE) {
        fputs(": ", f);
        put_cell(f, &r->previous);
        fputs(" → ", f);
    } else if (r->value.format != VF_NONE) {
        fputs(r->type == AT_ADJUST ? ": → " : ": ", f);
    }
    if (r->value.format == VF_TEXT)
        fputs("**", f);
    put_cell(f, &r->value);
    if (r->value.format == VF_TEXT)
        fputs("**", f);
}

static void put_row(FILE *f, const ActionRow *r)
{
    char period[11], due[11] = "";
    date_format(r->period, period);
    if (r->due != -1)
        date_format(r->due, due);
    fprintf(f, "| %s | ", period);
    put_what(f, r);
    fputs(" | ", f);
    put_text(f, r->priority, 1);
    fprintf(f, " | %s | ", due);
    put_text(f, r->rule, 1);
    fputs(" | ", f);
    put_text(f, r->reason, 1);
    fputs(" |\n", f);
}

static void put_manager(FILE *f, const ActionRow *r)
{
    if (*out_str(r->manager)) {
        fputs("\n## Manager: ", f);
        put_text(f, r->manager, 0);
        fputs("\n", f);
    } else {
        fputs("\n## No manager on record\n", f);
    }
}

static void put_subject(FILE *f, const ActionRow *r)
{
    fputs("\n### ", f);
    if (*out_str(r->rep)) {
        put_text(f, r->rep, 0);
        if (*out_str(r->team)) {
            fputs(" (", f);
            put_text(f, r->team, 0);
            fputs(")", f);
        }
    } else {
        fputs("Team ", f);
        put_text(f, *out_str(r->team) ? r->team : "unknown", 0);
    }
    fputs("\n\n| Period | Action | Priority | Due | Rule | Reason |\n"
          "|---|---|---|---|---|---|\n", f);
}

/* "12 actions for 5 reps: 6 coaching, 1 adjust, ... (1 met, 0 missed, 0 pending)." */
static void put_summary(FILE *f, const ActionList *list)
{
    if (list->n == 0) {
        fputs("No actions.\n", f);
        return;
    }
    size_t reps = out_count_reps(list);
    fprintf(f, "%zu action%s for %zu rep%s", list->n, list->n == 1 ? "" : "s",
            reps, reps == 1 ? "" : "s");
    const char *sep = ": ";
    for (int t = AT_COACHING; t <= AT_EXPECT; t++) {
        size_t k = out_count_type(list, (ActionType)t);
        if (k == 0)
            continue;
        fprintf(f, "%s%zu %s", sep, k, actions_type_name((ActionType)t));
        sep = ", ";
    }
    if (out_count_type(list, AT_EXPECT))
        fprintf(f, " (%zu met, %zu missed, %zu pending)", out_count_outcome(list, "met"),
                out_count_outcome(list, "missed"), out_count_outcome(list, "pending"));
    fputs(".\n", f);
}

int out_md(FILE *f, const ActionList *list)
{
    char cover[96];
    out_coverage(list, cover, sizeof cover);
    fprintf(f, "# Pace actions: %s\n\n", cover);
    put_summary(f, list);
    const ActionRow **order = out_report_order(list);
    for (size_t i = 0; i < list->n && !ferror(f); i++) {
        const ActionRow *r = order[i], *prev = i ? order[i - 1] : NULL;
        if (!prev || !out_same_manager(prev, r))
            put_manager(f, r);
        if (!prev || !out_same_subject(prev, r))
            put_subject(f, r);
        put_row(f, r);
    }
    free(order);
    return out_finish(f);
}
