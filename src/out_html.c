/* out_html.c — the action list as one self-contained HTML page for a
 * manager's review: inline CSS, inline SVG charts, no script, no network.
 *
 *   header     title with the covered periods
 *   summary    actions by kind, actions by team, links to each manager
 *   manager    one section per manager (none on record last)
 *     subject  one per rep (team rules under "Team X"), h3
 *       action one card per action: what, priority, period, due, reason,
 *              rule, and a chart of the triggering metric with its threshold
 *
 * Accessible: one h1, nested headings, tables with scoped headers, charts
 * as role="img" with a title and a description that lists every value.
 * Responsive (cards wrap, charts shrink, long words break) and printable
 * (each manager starts a page, cards never split).  All text from the data
 * is escaped (& < > " ') and made valid UTF-8. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "out_common.h"
#include "output.h"
#include "period.h"

typedef struct Html {
    FILE *f;
    const ActionList *list;
    const char *unit;      /* "week", "month", "quarter", or "period" */
    int chart_id;          /* ids must be unique in the page */
} Html;

static const char html_style[] =
    ":root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#0b5cad}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\","
    "Arial,sans-serif;color:var(--fg);background:#fff}\n"
    "header,main{max-width:64rem;margin:0 auto;padding:0 1rem}\n"
    "h1{font-size:1.6rem;margin:1.2rem 0 .2rem}\n"
    "h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}\n"
    "h3{font-size:1.1rem;margin:1.4rem 0 .4rem}\n"
    "h4{font-size:1rem;margin:0 0 .25rem}\n"
    "p,li,h1,h2,h3,h4,figcaption{overflow-wrap:anywhere}\n"
    ".cover,.team,.count,.rule,.sub{color:var(--muted)}\n"
    ".team,.count{font-weight:normal;font-size:.9em}\n"
    ".tables{display:flex;flex-wrap:wrap;gap:0 2rem}\n"
    ".scroll{flex:1 1 18rem;max-width:100%;overflow-x:auto}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}\n"
    "caption{text-align:left;font-weight:600;padding:.25rem 0}\n"
    "th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line);"
    "vertical-align:top;overflow-wrap:break-word}\n"
    "tr.part th{font-weight:normal;padding-left:1.5rem}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "nav ul{padding-left:1.2rem}\n"
    "a{color:var(--accent)}\n"
    ".action{display:flex;flex-wrap:wrap;gap:.5rem 1rem;border:1px solid var(--line);"
    "border-left:4px solid var(--k);border-radius:6px;padding:.75rem;margin:.5rem 0;"
    "background:var(--card);break-inside:avoid}\n"
    ".action .body{flex:1 1 18rem;min-width:0}\n"
    ".kind{font-size:.85rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:var(--k)}\n"
    ".tags{margin:.25rem 0;font-size:.9rem}\n"
    ".tags span{display:inline-block;margin-right:.75rem}\n"
    ".prio,.outcome{padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-weight:600}\n"
    "h4 .outcome{font-size:.85rem;margin-left:.5rem}\n"
    ".high,.missed{color:#a40e26}.medium{color:#7d4e00}.low,.pending{color:#57606a}.met{color:#116329}\n"
    ".change{margin:.25rem 0;font-variant-numeric:tabular-nums}\n"
    ".reason{white-space:pre-line;margin:.25rem 0}\n"
    ".rule{font-size:.9rem;margin:.25rem 0 0}\n"
    ".coaching{--k:#0b5cad}.adjust{--k:#6639ba}.notify{--k:#0a6d74}.review{--k:#7d4e00}"
    ".flag{--k:#a40e26}.expect{--k:#57606a}\n"
    ".chart{flex:0 1 260px;margin:0;max-width:100%}\n"
    ".chart svg{display:block;width:100%;height:auto}\n"
    ".chart figcaption{font-size:.8rem;color:var(--muted)}\n"
    "svg .grid{stroke:#d0d7de;stroke-width:1}\n"
    "svg .thr{stroke:#a40e26;stroke-width:1.5;stroke-dasharray:5 4}\n"
    "svg .line{fill:none;stroke:#0b5cad;stroke-width:2}\n"
    "svg .pt{fill:#0b5cad}\n"
    "svg .now{fill:#fff;stroke:#0b5cad;stroke-width:2.5}\n"
    "svg text{font-size:10px;fill:#57606a}\n"
    "@media (max-width:40rem){body{font-size:15px}.chart{flex-basis:100%;max-width:22rem}}\n"
    "@media print{body{font-size:10pt}header,main{max-width:none;padding:0}nav{display:none}"
    ".action{background:none}.manager{break-before:page}h2,h3,h4{break-after:avoid}"
    "a{color:inherit;text-decoration:none}}\n";

/* Text content or an attribute value: & < > " ' escaped, line breaks kept
 * (the reason is shown pre-line), other control characters and bytes that
 * are not UTF-8 turned into U+FFFD. */
static void put_text(FILE *f, const char *s)
{
    s = out_str(s);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        i += out_utf8_decode(s + i, n - i, &cp);
        switch (cp) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        case '\n': case '\t': putc((int)cp, f); break;
        case '\r': break;
        default:
            out_utf8_put(f, cp < 0x20 || cp == 0x7F ? 0xFFFD : cp);
        }
    }
}

static void put_cell(FILE *f, const Cell *c)
{
    char buf[64];
    actions_format_cell(c, buf, sizeof buf);
    put_text(f, buf);
}

static const char *kind_label(ActionType t)
{
    static const char *const labels[] = {
        [AT_COACHING] = "Coaching", [AT_ADJUST] = "Adjust", [AT_NOTIFY] = "Notify",
        [AT_REVIEW] = "Review", [AT_FLAG] = "Flag", [AT_EXPECT] = "Follow-up",
    };
    return (unsigned)t <= AT_EXPECT ? labels[t] : "Action";
}

/* A class name only from a fixed set: data never reaches an attribute
 * unescaped, and unknown words get no styling. */
static const char *word_class(const char *s, const char *const *known)
{
    for (; *known; known++)
        if (strcmp(out_str(s), *known) == 0)
            return *known;
    return "other";
}

/* A row's period kind: the list's, or, when the list mixes kinds, what
 * the spacing of the row's chart points shows (7 days apart: weeks). */
static const char *row_unit(const Html *h, const ActionRow *r)
{
    const Chart *c = r->chart;
    if (strcmp(h->unit, "period") != 0 || !c || !c->metric || c->npoints < 2)
        return h->unit;
    int gap = c->period[1] - c->period[0];
    return gap == 7 ? "week" : gap >= 28 && gap <= 31 ? "month"
         : gap >= 89 && gap <= 92 ? "quarter" : "period";
}

/* "Week of 2026-02-02"; "Period starting 2026-02-02" when the kind is unknown. */
static void put_period(Html *h, const ActionRow *r)
{
    char buf[11];
    const char *unit = row_unit(h, r);
    date_format(r->period, buf);
    if (strcmp(unit, "period") == 0)
        fprintf(h->f, "Period starting %s", buf);
    else
        fprintf(h->f, "%c%s of %s", unit[0] - 'a' + 'A', unit + 1, buf);
}

/* ---- the chart ---------------------------------------------------------- */

enum { CW = 260, CH = 112, PX0 = 46, PX1 = 250, PY0 = 10, PY1 = 86 };

typedef struct Scale {
    double lo, hi;
    int n;
} Scale;

static int has_threshold(const Chart *c)
{
    return c->has_threshold && isfinite(c->threshold);
}

/* The value range: every known point and the threshold, from 0 when all
 * values are positive (an honest baseline), never empty. */
static Scale chart_scale(const Chart *c, int n)
{
    Scale s = {INFINITY, -INFINITY, n};
    for (int i = 0; i < n; i++)
        if (c->known[i] && isfinite(c->value[i])) {
            s.lo = fmin(s.lo, c->value[i]);
            s.hi = fmax(s.hi, c->value[i]);
        }
    if (has_threshold(c)) {
        s.lo = fmin(s.lo, c->threshold);
        s.hi = fmax(s.hi, c->threshold);
    }
    if (!isfinite(s.lo)) {
        s.lo = 0;
        s.hi = 1;
    }
    if (s.lo > 0)
        s.lo = 0;
    if (s.hi <= s.lo)
        s.hi = s.lo + (c->format == VF_PERCENT ? 0.1 : 1);
    return s;
}

static double sx(const Scale *s, int i)
{
    return s->n < 2 ? (PX0 + PX1) / 2.0 : PX0 + (double)(PX1 - PX0) * i / (s->n - 1);
}

static double sy(const Scale *s, double v)
{
    return PY1 - (PY1 - PY0) * (v - s->lo) / (s->hi - s->lo);
}

static int point_known(const Chart *c, int i)
{
    return c->known[i] && isfinite(c->value[i]);
}

/* A chart value in the metric's format; a chart whose format was left
 * unset still shows plain numbers. */
static void put_value(FILE *f, const Chart *c, double v)
{
    ValueFormat vf = c->format == VF_NONE || c->format == VF_TEXT ? VF_NUMBER : c->format;
    Cell cell = {vf, v, NULL};
    put_cell(f, &cell);
}

/* A grid line with its value at the left. */
static void put_axis_label(FILE *f, const Chart *c, double v, double y)
{
    fprintf(f, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
               "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", PX0, y, PX1, y, PX0 - 6, y + 3.5);
    put_value(f, c, v);
    fputs("</text>\n", f);
}

/* "12 Jan" under the first and last point. */
static void put_day_label(FILE *f, const Scale *s, int i, int day, const char *anchor)
{
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%d %s</text>\n", sx(s, i),
            PY1 + 16, anchor, d, months[(m - 1) % 12]);
}

/* The line, broken where a value is unknown, and a dot per known value;
 * the last (issuing) period gets a ring. */
static void put_points(FILE *f, const Chart *c, const Scale *s)
{
    for (int i = 0; i < s->n; i++) {
        if (!point_known(c, i) || (i > 0 && point_known(c, i - 1)))
            continue;
        int j = i;
        while (j + 1 < s->n && point_known(c, j + 1))
            j++;
        if (j > i) {
            fputs("<polyline class=\"line\" points=\"", f);
            for (int k = i; k <= j; k++)
                fprintf(f, "%s%.1f,%.1f", k > i ? " " : "", sx(s, k), sy(s, c->value[k]));
            fputs("\"/>\n", f);
        }
    }
    int known = 0;
    for (int i = 0; i < s->n; i++)
        if (point_known(c, i)) {
            known++;
            fprintf(f, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\"/>\n",
                    i == s->n - 1 ? "now" : "pt", sx(s, i), sy(s, c->value[i]),
                    i == s->n - 1 ? "4" : "3");
        }
    if (!known)
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no known values</text>\n",
                (PX0 + PX1) / 2, (PY0 + PY1) / 2);
}

/* The text alternative: every value with its period, and the threshold. */
static void put_chart_desc(FILE *f, const Chart *c, int n)
{
    for (int i = 0; i < n; i++) {
        char day[11];
        date_format(c->period[i], day);
        fprintf(f, "%s%s: ", i ? "; " : "", day);
        if (point_known(c, i))
            put_value(f, c, c->value[i]);
        else
            fputs("unknown", f);
    }
    if (has_threshold(c)) {
        fputs(". Threshold ", f);
        put_value(f, c, c->threshold);
    }
    fputs(".", f);
}

/* The drawing: value grid, threshold, the line, the first and last day. */
static void put_chart_body(FILE *f, const Chart *c, const Scale *s)
{
    put_axis_label(f, c, s->hi, PY0);
    put_axis_label(f, c, s->lo, PY1);
    if (has_threshold(c))
        fprintf(f, "<line class=\"thr\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", PX0,
                sy(s, c->threshold), PX1, sy(s, c->threshold));
    put_points(f, c, s);
    put_day_label(f, s, 0, c->period[0], s->n == 1 ? "middle" : "start");
    if (s->n > 1)
        put_day_label(f, s, s->n - 1, c->period[s->n - 1], "end");
}

/* figure -> svg(title, desc, drawing) figcaption */
static void put_chart(Html *h, const ActionRow *r)
{
    FILE *f = h->f;
    const Chart *c = r->chart;
    if (!c || !c->metric || c->npoints <= 0)
        return;
    const char *unit = row_unit(h, r);
    int n = c->npoints < CHART_POINTS ? c->npoints : CHART_POINTS;
    Scale s = chart_scale(c, n);
    int id = ++h->chart_id;
    fprintf(f, "<figure class=\"chart\">\n<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
               "role=\"img\" aria-labelledby=\"c%dt c%dd\">\n<title id=\"c%dt\">",
            CW, CH, CW, CH, id, id, id);
    put_text(f, c->metric);
    fprintf(f, " over the last %d %s%s</title>\n<desc id=\"c%dd\">", n, unit,
            n == 1 ? "" : "s", id);
    put_chart_desc(f, c, n);
    fputs("</desc>\n", f);
    put_chart_body(f, c, &s);
    fputs("</svg>\n<figcaption>", f);
    put_text(f, c->metric);
    fprintf(f, " by %s", unit);
    if (has_threshold(c)) {
        fputs("; dashed line: threshold ", f);
        put_value(f, c, c->threshold);
    }
    fputs("</figcaption>\n</figure>\n", f);
}

/* ---- one action --------------------------------------------------------- */

/* h4: "COACHING: MEDDIC", "ADJUST: quota", "FOLLOW-UP: demo_to_opp >= 35% met" */
static void put_action_head(Html *h, const ActionRow *r)
{
    fprintf(h->f, "<h4><span class=\"kind\">%s</span>", kind_label(r->type));
    if (*out_str(r->target)) {
        fputs(": ", h->f);
        put_text(h->f, r->target);
    }
    if (r->type == AT_EXPECT && r->value.format == VF_TEXT) {
        static const char *const outcomes[] = {"met", "missed", "pending", NULL};
        fprintf(h->f, " <span class=\"outcome %s\">", word_class(r->value.text, outcomes));
        put_text(h->f, r->value.text);
        fputs("</span>", h->f);
    }
    fputs("</h4>\n", h->f);
}

/* priority, period, due */
static void put_tags(Html *h, const ActionRow *r)
{
    static const char *const prios[] = {"low", "medium", "high", NULL};
    FILE *f = h->f;
    fputs("<p class=\"tags\">", f);
    if (*out_str(r->priority)) {
        fprintf(f, "<span class=\"prio %s\">Priority ", word_class(r->priority, prios));
        put_text(f, r->priority);
        fputs("</span>", f);
    }
    fputs("<span>", f);
    put_period(h, r);
    fputs("</span>", f);
    if (r->due != -1) {
        char due[11];
        date_format(r->due, due);
        fprintf(f, "<span>Due %s</span>", due);
    }
    fputs("</p>\n", f);
}

/* adjust: "previous → new" (and any value on other kinds, which the
 * evaluator does not issue today but must not be lost). */
static void put_change(Html *h, const ActionRow *r)
{
    if (r->type == AT_EXPECT && r->value.format == VF_TEXT)
        return;   /* shown as the outcome tag */
    if (r->value.format == VF_NONE && r->previous.format == VF_NONE)
        return;
    fputs("<p class=\"change\">", h->f);
    if (r->previous.format != VF_NONE) {
        fputs("From ", h->f);
        put_cell(h->f, &r->previous);
        fputs(" to ", h->f);
    } else {
        fputs("New value ", h->f);
    }
    put_cell(h->f, &r->value);
    fputs("</p>\n", h->f);
}

static void put_action(Html *h, const ActionRow *r)
{
    FILE *f = h->f;
    static const char *const kinds[] = {"coaching", "adjust", "notify", "review", "flag",
                                        "expect", NULL};
    fprintf(f, "<article class=\"action %s\">\n<div class=\"body\">\n",
            word_class(actions_type_name(r->type), kinds));
    put_action_head(h, r);
    put_tags(h, r);
    put_change(h, r);
    if (*out_str(r->reason)) {
        fputs("<p class=\"reason\">", f);
        put_text(f, r->reason);
        fputs("</p>\n", f);
    }
    fputs("<p class=\"rule\">Rule: ", f);
    put_text(f, r->rule);
    fputs("</p>\n</div>\n", f);
    put_chart(h, r);
    fputs("</article>\n", f);
}

/* ---- grouping ----------------------------------------------------------- */

static void put_subject_name(FILE *f, const ActionRow *r)
{
    if (*out_str(r->rep)) {
        put_text(f, r->rep);
    } else {
        fputs("Team ", f);
        put_text(f, *out_str(r->team) ? r->team : "unknown");
    }
}

static void put_manager_name(FILE *f, const ActionRow *r)
{
    if (*out_str(r->manager)) {
        fputs("Manager: ", f);
        put_text(f, r->manager);
    } else {
        fputs("No manager on record", f);
    }
}

/* Rows from i on under the same manager (same = 1) or subject (same = 0). */
static size_t run_length(const ActionRow **order, size_t n, size_t i, int manager)
{
    size_t j = i + 1;
    while (j < n && (manager ? out_same_manager(order[i], order[j])
                             : out_same_subject(order[i], order[j])))
        j++;
    return j - i;
}

static void put_subject(Html *h, const ActionRow **rows, size_t n, size_t m, size_t s)
{
    FILE *f = h->f;
    fprintf(f, "<section class=\"subject\" id=\"m%zus%zu\" aria-labelledby=\"m%zus%zu-h\">\n"
               "<h3 id=\"m%zus%zu-h\">", m, s, m, s, m, s);
    put_subject_name(f, rows[0]);
    if (*out_str(rows[0]->rep) && *out_str(rows[0]->team)) {
        fputs(" <span class=\"team\">", f);
        put_text(f, rows[0]->team);
        fputs("</span>", f);
    }
    fputs("</h3>\n", f);
    for (size_t i = 0; i < n; i++)
        put_action(h, rows[i]);
    fputs("</section>\n", f);
}

static void put_manager(Html *h, const ActionRow **rows, size_t n, size_t m)
{
    FILE *f = h->f;
    fprintf(f, "<section class=\"manager\" id=\"m%zu\" aria-labelledby=\"m%zu-h\">\n"
               "<h2 id=\"m%zu-h\">", m, m, m);
    put_manager_name(f, rows[0]);
    fprintf(f, " <span class=\"count\">%zu action%s</span></h2>\n", n, n == 1 ? "" : "s");
    size_t s = 0;
    for (size_t i = 0; i < n; i += run_length(rows, n, i, 0))
        put_subject(h, rows + i, run_length(rows, n, i, 0), m, ++s);
    fputs("</section>\n", f);
}

/* ---- the summary -------------------------------------------------------- */

static void put_kind_table(Html *h)
{
    FILE *f = h->f;
    fputs("<div class=\"scroll\"><table>\n<caption>Actions by kind</caption>\n"
          "<thead><tr><th scope=\"col\">Kind</th>"
          "<th scope=\"col\">Actions</th></tr></thead>\n<tbody>\n", f);
    for (int t = AT_COACHING; t <= AT_EXPECT; t++) {
        size_t k = out_count_type(h->list, (ActionType)t);
        if (k == 0)
            continue;
        fprintf(f, "<tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td></tr>\n",
                kind_label((ActionType)t), k);
    }
    static const char *const outcomes[] = {"met", "missed", "pending"};
    for (int i = 0; i < 3 && out_count_type(h->list, AT_EXPECT); i++)
        fprintf(f, "<tr class=\"part\"><th scope=\"row\">%s</th><td class=\"n\">%zu</td></tr>\n",
                outcomes[i], out_count_outcome(h->list, outcomes[i]));
    fputs("</tbody>\n</table></div>\n", f);
}

static int team_cmp(const void *pa, const void *pb)
{
    const ActionRow *a = *(const ActionRow *const *)pa;
    const ActionRow *b = *(const ActionRow *const *)pb;
    int c = out_group_cmp(out_str(a->team), out_str(b->team));
    if (!c)
        c = out_name_cmp(out_str(a->rep), out_str(b->rep));
    return c ? c : (a > b) - (a < b);
}

/* One team's row: its name, reps with actions, actions, and by kind. */
static void put_team_row(FILE *f, const ActionRow **rows, size_t n)
{
    size_t reps = 0, kinds[AT_EXPECT + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        reps += *out_str(rows[i]->rep) &&
                (i == 0 || strcmp(out_str(rows[i]->rep), out_str(rows[i - 1]->rep)) != 0);
        if ((unsigned)rows[i]->type <= AT_EXPECT)
            kinds[rows[i]->type]++;
    }
    fputs("<tr><th scope=\"row\">", f);
    put_text(f, *out_str(rows[0]->team) ? rows[0]->team : "(no team)");
    fprintf(f, "</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>", reps, n);
    const char *sep = "";
    for (int t = AT_COACHING; t <= AT_EXPECT; t++)
        if (kinds[t]) {
            fprintf(f, "%s%zu %s", sep, kinds[t], actions_type_name((ActionType)t));
            sep = ", ";
        }
    fputs("</td></tr>\n", f);
}

static void put_team_table(Html *h)
{
    const ActionList *list = h->list;
    const ActionRow **rows = xmalloc((list->n ? list->n : 1) * sizeof *rows);
    for (size_t i = 0; i < list->n; i++)
        rows[i] = &list->rows[i];
    qsort(rows, list->n, sizeof *rows, team_cmp);
    fputs("<div class=\"scroll\"><table>\n<caption>Actions by team</caption>\n"
          "<thead><tr><th scope=\"col\">Team</th>"
          "<th scope=\"col\">Reps</th><th scope=\"col\">Actions</th><th scope=\"col\">Kinds</th>"
          "</tr></thead>\n<tbody>\n", h->f);
    for (size_t i = 0, j; i < list->n; i = j) {
        for (j = i + 1; j < list->n && strcmp(out_str(rows[j]->team), out_str(rows[i]->team)) == 0;)
            j++;
        put_team_row(h->f, rows + i, j - i);
    }
    fputs("</tbody>\n</table></div>\n", h->f);
    free(rows);
}

/* Links to every manager and subject, so a manager finds their team. */
static void put_contents(Html *h, const ActionRow **order)
{
    FILE *f = h->f;
    size_t n = h->list->n;
    fputs("<nav aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">By manager</h2>\n<ul>\n", f);
    size_t m = 0;
    for (size_t i = 0; i < n; i += run_length(order, n, i, 1)) {
        size_t len = run_length(order, n, i, 1), s = 0;
        fprintf(f, "<li><a href=\"#m%zu\">", ++m);
        put_manager_name(f, order[i]);
        fprintf(f, "</a> <span class=\"sub\">(%zu)</span>: ", len);
        for (size_t k = i; k < i + len; k += run_length(order, n, k, 0)) {
            fprintf(f, "%s<a href=\"#m%zus%zu\">", s ? ", " : "", m, s + 1);
            s++;
            put_subject_name(f, order[k]);
            fputs("</a>", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n</nav>\n", f);
}

static void put_summary(Html *h, const ActionRow **order)
{
    FILE *f = h->f;
    size_t n = h->list->n, reps = out_count_reps(h->list);
    fputs("<section id=\"summary\" aria-labelledby=\"summary-h\">\n"
          "<h2 id=\"summary-h\">Summary</h2>\n", f);
    if (n == 0) {
        fputs("<p>No actions were issued.</p>\n</section>\n", f);
        return;
    }
    fprintf(f, "<p>%zu action%s for %zu rep%s.</p>\n<div class=\"tables\">\n", n,
            n == 1 ? "" : "s", reps, reps == 1 ? "" : "s");
    put_kind_table(h);
    put_team_table(h);
    fputs("</div>\n", f);
    put_contents(h, order);
    fputs("</section>\n", f);
}

static void put_head(Html *h, const char *cover)
{
    FILE *f = h->f;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>Pace actions: ", f);
    put_text(f, cover);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
               "<h1>Actions for review</h1>\n<p class=\"cover\">", html_style);
    fputc(cover[0] - ('a' <= cover[0] && cover[0] <= 'z' ? 'a' - 'A' : 0), f);
    put_text(f, cover + 1);
    fputs("</p>\n</header>\n<main>\n", f);
}

static const char *unit_name(const ActionList *list)
{
    const char *k = list->period_kind;
    if (k && (strcmp(k, "week") == 0 || strcmp(k, "month") == 0 || strcmp(k, "quarter") == 0))
        return k;
    return "period";
}

int out_html(FILE *f, const ActionList *list)
{
    Html h = {f, list, unit_name(list), 0};
    char cover[96];
    out_coverage(list, cover, sizeof cover);
    put_head(&h, cover);
    const ActionRow **order = out_report_order(list);
    put_summary(&h, order);
    size_t m = 0;
    for (size_t i = 0; i < list->n && !ferror(f); i += run_length(order, list->n, i, 1))
        put_manager(&h, order + i, run_length(order, list->n, i, 1), ++m);
    free(order);
    fputs("</main>\n</body>\n</html>\n", f);
    return out_finish(f);
}
