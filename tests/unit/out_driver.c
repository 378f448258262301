/* out_driver.c — unit driver for the output writers and the atomic output
 * file: builds action lists by hand and writes them the way `pace run`
 * does (outfile_open, out_write, outfile_commit), so the writers can be
 * tested before and apart from the evaluator.
 *
 *   out_driver [--list tricky|empty|charts|many] [--count N]
 *              [--format csv|json|md|html] [-o FILE] [--stall MARKER] [--abort]
 *
 *   --list tricky  (default) every action type and value format, and the
 *                  cells that break writers: commas, quotes, line breaks,
 *                  "Müller", markup, invalid UTF-8, empty cells
 *   --list charts  charts at their edges: one point, gaps, no known value,
 *                  flat, negative, more than CHART_POINTS
 *   --list many    --count N generated actions (default 300), for scale
 *   --stall MARKER write the first half of the list (flushed to the temp
 *                  file), then create MARKER and wait without committing,
 *                  to be killed (the SIGKILL test)
 *   --abort        write everything, then abort instead of committing
 *
 * Exit status as pace's: 0, 1 when the output cannot be written, 2 usage. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "diag.h"
#include "output.h"
#include "period.h"

static int day(const char *iso)
{
    int d = -1;
    if (!date_parse_iso(iso, &d))
        abort();
    return d;
}

/* A row with the fields every row has. */
static ActionRow *row(ActionList *l, const char *period, const char *manager, const char *team,
                      const char *rep, const char *rule, int rule_index, ActionType type,
                      const char *target)
{
    ActionRow *r = actions_add(l);
    r->period = day(period);
    r->manager = actions_strdup(l, manager);
    r->team = actions_strdup(l, team);
    r->rep = actions_strdup(l, rep);
    r->rule = actions_strdup(l, rule);
    r->rule_index = rule_index;
    r->type = type;
    r->target = actions_strdup(l, target);
    return r;
}

static void chart(ActionList *l, ActionRow *r, const char *metric, ValueFormat fmt,
                  const char *first, int n, const double *values, double threshold)
{
    Chart *c = actions_chart(l, r);
    c->metric = actions_strdup(l, metric);
    c->format = fmt;
    c->npoints = n;
    for (int i = 0; i < n && i < CHART_POINTS; i++) {
        c->period[i] = day(first) + 7 * i;
        c->value[i] = values[i];
        c->known[i] = !isnan(values[i]);
    }
    c->threshold = threshold;
    c->has_threshold = !isnan(threshold);
}

/* Anna Schmidt's team EMEA SMB: coaching, notify, two adjusts, a team review. */
static void tricky_emea(ActionList *l)
{
    ActionRow *r = row(l, "2026-02-02", "Anna Schmidt", "EMEA SMB", "Müller", "Low win rate", 0,
                       AT_COACHING, "MEDDIC");
    r->priority = "high";
    r->due = day("2026-02-15");
    r->reason = "win_rate 12.5% (2026-01-26), 15.0% (2026-02-02) < 20% for 2 weeks";
    chart(l, r, "win_rate", VF_PERCENT, "2025-12-22", 7,
          (const double[]){0.31, 0.28, NAN, 0.24, 0.19, 0.125, 0.15}, 0.20);
    r = row(l, "2026-02-02", "Anna Schmidt", "EMEA SMB", "Müller", "Demo conversion slipping", 1,
            AT_NOTIFY, "manager");
    r->reason = "Demo-to-opportunity for Müller fell to 22.0%, \"needs analysis\"";
    r = row(l, "2026-01-26", "Anna Schmidt", "EMEA SMB", "O'Brien, Pat", "Thin pipeline", 2,
            AT_ADJUST, "calls");
    r->previous = (Cell){VF_COUNT, 40, NULL};
    r->value = (Cell){VF_COUNT, 48, NULL};
    r->reason = "pipeline_coverage 2.5x < 3x\nquota_attainment 41.0% < 50%";
    chart(l, r, "pipeline_coverage", VF_MULTIPLE, "2025-12-29", 5,
          (const double[]){3.4, 3.1, 2.9, 2.7, 2.5}, 3);
    r = row(l, "2026-02-02", "Anna Schmidt", "EMEA SMB", "O'Brien, Pat", "Over-achiever", 3,
            AT_ADJUST, "quota");
    r->previous = (Cell){VF_AMOUNT, 10000, NULL};
    r->value = (Cell){VF_AMOUNT, 10000 * 1.1, NULL};
    r->reason = "quota_attainment 125.0% (2026-01-26), 131.2% (2026-02-02) >= 120% for 2 weeks";
    r = row(l, "2026-02-02", "Anna Schmidt", "EMEA SMB", "", "Team slump", 4, AT_REVIEW,
            "Monthly business review");
    r->priority = "medium";
    r->reason = "avg(win_rate) 21.3% < 25% for 3 weeks";
}

/* No manager, no team: markup and Markdown specials in every text. */
static void tricky_markup(ActionList *l)
{
    ActionRow *r = row(l, "2026-02-02", "", "", "<script>alert('x')</script> & Co",
                       "rules/coaching.pace:12", 5, AT_FLAG, "Below activity minimum | check CRM");
    r->priority = "low";
    r->reason = "calls 12 < 40 *or* meetings 3 < 5 _see_ [wiki](http://x) `code` $5k #1 ~old~";
    chart(l, r, "calls", VF_COUNT, "2026-01-12", 4, (const double[]){44, 41, 38, 12}, 40);
}

/* bob Jones's NA Enterprise: follow-ups of every outcome, a plain number,
 * text that is not UTF-8 and control characters. */
static void tricky_na(ActionList *l)
{
    static const char *const outcomes[] = {"met", "missed", "pending"};
    for (int i = 0; i < 3; i++) {
        ActionRow *r = row(l, "2026-02-02", "bob Jones", "NA Enterprise", "Zhang Wei",
                           "Demo conversion slipping", 1, AT_EXPECT, "demo_to_opp >= 35%");
        r->value = (Cell){VF_TEXT, 0, outcomes[i]};
        r->reason = actions_printf(l, "follow-up %d of coaching issued 2026-01-12", i + 1);
    }
    ActionRow *r = row(l, "2026-01-26", "bob Jones", "NA Enterprise", "Ana", "Forecast", 6,
                       AT_ADJUST, "forecast_ratio");
    r->previous = (Cell){VF_NUMBER, 2.5, NULL};
    r->value = (Cell){VF_NUMBER, 3.1, NULL};
    r->reason = "bad byte \xff here, control \x01 char, tab\tand line\xe2\x80\xa8separator";
    r = row(l, "2026-01-26", "bob Jones", "NA Enterprise", "Ana", "Coach", 7, AT_COACHING,
            "Needs analysis");
    r->due = day("2026-02-06");
}

static ActionList *list_tricky(void)
{
    ActionList *l = actions_new();
    tricky_emea(l);
    tricky_markup(l);
    tricky_na(l);
    l->first_period = day("2026-01-26");
    l->last_period = day("2026-02-02");
    l->period_kind = "week";
    actions_sort(l);
    return l;
}

static ActionList *list_charts(void)
{
    ActionList *l = actions_new();
    static const struct {
        const char *metric; ValueFormat fmt; int n; double v[CHART_POINTS + 2]; double thr;
    } cases[] = {
        {"one_point", VF_PERCENT, 1, {0.4}, 0.5},
        {"all_unknown", VF_PERCENT, 3, {NAN, NAN, NAN}, 0.2},
        {"flat_zero", VF_COUNT, 4, {0, 0, 0, 0}, NAN},
        {"negative", VF_NUMBER, 4, {-2, 1.5, -0.5, 3}, 0},
        {"isolated", VF_AMOUNT, 5, {1000, NAN, 2500, NAN, 1800}, 2000},
        {"too_many", VF_COUNT, CHART_POINTS + 2, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ActionRow *r = row(l, "2026-03-02", "Chart Tester", "Edge", "Rep Edge", "Edges", (int)i,
                           AT_FLAG, cases[i].metric);
        chart(l, r, cases[i].metric, cases[i].fmt, "2026-01-05", cases[i].n, cases[i].v,
              cases[i].thr);   /* too_many keeps npoints > CHART_POINTS: writers clamp */
    }
    l->first_period = l->last_period = day("2026-03-02");
    l->period_kind = "week";
    return l;
}

/* A deterministic pseudo-random number in [0, 1). */
static double lcg(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return (double)((*state >> 33) % 1000000) / 1000000.0;
}

static void many_row(ActionList *l, int i, unsigned long *seed)
{
    static const char *const managers[] = {"Anna Schmidt", "Bob Jones", "Chen Li", "Dana Okafor", ""};
    static const char *const teams[] = {"EMEA SMB", "EMEA Enterprise", "NA SMB", "NA Enterprise",
                                        "APAC", "LATAM"};
    static const char *const topics[] = {"MEDDIC", "SPIN", "Challenger", "Needs analysis"};
    int rep = (int)(lcg(seed) * 60), team = rep % 6;
    char name[32];
    snprintf(name, sizeof name, "Rep %02d %s", rep, rep % 7 == 0 ? "Müller" : "Smith");
    ActionType t = (ActionType)(i % 6);
    ActionRow *r = row(l, i % 3 ? "2026-02-02" : "2026-01-26", managers[team % 5], teams[team],
                       i % 17 == 5 ? "" : name, "Rule", (int)t, t, topics[i % 4]);
    double base = 0.15 + 0.3 * lcg(seed), v[8];
    for (int k = 0; k < 8; k++)
        v[k] = k == 3 && i % 5 == 0 ? NAN : base + 0.1 * (lcg(seed) - 0.5) - 0.01 * k;
    chart(l, r, "win_rate", VF_PERCENT, "2025-12-08", 8, v, 0.2);
    if (t == AT_ADJUST) {
        r->target = "quota";
        r->previous = (Cell){VF_AMOUNT, 10000 + 1000 * (i % 9), NULL};
        r->value = (Cell){VF_AMOUNT, (10000 + 1000 * (i % 9)) * 1.1, NULL};
    } else if (t == AT_EXPECT) {
        r->target = "win_rate >= 25%";
        r->value = (Cell){VF_TEXT, 0, i % 4 == 1 ? "met" : i % 4 == 3 ? "missed" : "pending"};
    }
    r->priority = i % 4 == 0 ? "high" : i % 4 == 1 ? "medium" : "";
    r->reason = actions_printf(l, "win_rate %.1f%% (2026-01-26), %.1f%% (2026-02-02) < 20%% for 2 weeks",
                               100 * v[6], 100 * v[7]);
}

static ActionList *list_many(int count)
{
    ActionList *l = actions_new();
    unsigned long seed = 42;
    for (int i = 0; i < count; i++)
        many_row(l, i, &seed);
    l->first_period = day("2026-01-26");
    l->last_period = day("2026-02-02");
    l->period_kind = "week";
    actions_sort(l);
    return l;
}

/* Write the way pace run does, with the two failure hooks. */
static int write_list(const ActionList *l, OutFormat format, const char *path,
                      const char *stall, int abort_it)
{
    Diag d;
    diag_init(&d, stderr);
    OutFile out;
    if (outfile_open(&out, path, &d) != 0)
        return 1;
    /* --stall stops halfway through the list: a run killed mid-write. */
    ActionList half = *l;
    if (stall)
        half.n = l->n / 2;
    if (out_write(out.f, format, stall ? &half : l) != 0) {
        diag_fail(&d, "cannot write %s: %s", path ? path : "standard output", strerror(errno));
        outfile_abort(&out);
        return 1;
    }
    if (stall) {
        FILE *m = fopen(stall, "w");
        if (m)
            fclose(m);
        for (;;)
            pause();   /* until killed */
    }
    if (abort_it) {
        outfile_abort(&out);
        fprintf(stderr, "out_driver: aborted on request\n");
        return 1;
    }
    return outfile_commit(&out, &d) != 0;
}

static int usage(const char *what)
{
    fprintf(stderr, "out_driver: %s\nusage: out_driver [--list tricky|empty|charts|many] "
                    "[--count N] [--format F] [-o FILE] [--stall MARKER] [--abort]\n", what);
    return 2;
}

int main(int argc, char **argv)
{
    const char *list = "tricky", *format = "csv", *path = NULL, *stall = NULL;
    int count = 300, abort_it = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--abort") == 0) {
            abort_it = 1;
            continue;
        }
        if (i + 1 >= argc)
            return usage("unknown option or missing value");
        const char *v = argv[++i];
        if (strcmp(a, "--list") == 0) list = v;
        else if (strcmp(a, "--format") == 0) format = v;
        else if (strcmp(a, "-o") == 0) path = v;
        else if (strcmp(a, "--stall") == 0) stall = v;
        else if (strcmp(a, "--count") == 0) count = atoi(v);
        else return usage("unknown option");
    }
    int f = out_format_parse(format);
    if (f < 0)
        return usage("unknown format");
    ActionList *l = strcmp(list, "tricky") == 0 ? list_tricky()
                  : strcmp(list, "charts") == 0 ? list_charts()
                  : strcmp(list, "many") == 0 ? list_many(count)
                  : strcmp(list, "empty") == 0 ? actions_new() : NULL;
    if (!l)
        return usage("unknown list");
    int rc = write_list(l, (OutFormat)f, path, stall, abort_it);
    actions_free(l);
    return rc;
}
