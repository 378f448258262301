/* store_dump — the importer's test driver: reads --data files the way
 * `pace run` does and prints what the store holds, sorted, so golden
 * tests (tests/cases/import/) can check every value by hand.
 *
 *   store_dump [options] FILE...
 *     --kinds week,month,quarter  period kinds to keep (default: all)
 *     --fiscal-start N            first month of the fiscal year
 *     --need NAME,...             keep only these measures (default: all)
 *     --activity-types NAME,...   extra names that are activity types
 *     --measures NAME,...         print exactly these measures in every
 *                                 period, '?' where unknown (default: every
 *                                 known value that is not 0)
 *     --from DATE --to DATE       the periods to print (default: the data's)
 *     --merge                     read each file into its own store and
 *                                 merge them (store_merge)
 *     --peak-memory               print only the peak resident memory (KB)
 *     --careful                   no lane: every line read the careful way
 *                                 (tests/cases/import/lane compares them)
 *     --jobs N                    threads per large file, as for pace run
 *                                 (default 1)
 *     --strict --decimal-comma --delimiter C --date-format dd/mm/yyyy|mm/dd/yyyy
 *     --map FIELD=HEADER --rejects FILE       as for pace run
 *
 * Output, one line each, sorted:
 *   rep NAME: first DAY left DAY | field=value, ...
 *   target NAME GOAL FIRST..LAST VALUE
 *   KIND PERIOD-START NAME: measure=value ...
 *   rows N, accepted N, rejected N, skipped N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "diag.h"
#include "measure.h"
#include "mem.h"
#include "period.h"
#include "store.h"

typedef struct Args {
    const char **files;
    int nfiles;
    CsvMapping maps[16];
    int nmaps;
    CsvOptions opt;
    StoreNeeds needs;
    const char *need, *measures, *rejects, *activity_types;
    int from, to, merge, peak;
} Args;

static void usage(void)
{
    fputs("usage: store_dump [--kinds K,...] [--need M,...] [--measures M,...] [--from D --to D]\n"
          "                  [--merge] [--careful] [--jobs N] [--strict] [--decimal-comma] [--delimiter C]\n"
          "                  [--date-format F] [--fiscal-start N] [--map F=H] [--rejects FILE] FILE...\n",
          stderr);
    exit(2);
}

/* Splits a comma list into a NULL-terminated array (strings point into s). */
static const char **split(char *s, int *n)
{
    const char **list = xcalloc(strlen(s) + 2, sizeof *list);
    *n = 0;
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
        list[(*n)++] = tok;
    return list;
}

static unsigned parse_kinds(char *s)
{
    unsigned kinds = 0;
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
        for (int k = 0; k < PER_KINDS; k++)
            if (strcmp(tok, period_kind_name((PeriodKind)k)) == 0)
                kinds |= 1u << k;
    return kinds;
}

static int option(Args *a, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (strcmp(o, "--strict") == 0)
        a->opt.strict = 1;
    else if (strcmp(o, "--decimal-comma") == 0)
        a->opt.decimal_comma = 1;
    else if (strcmp(o, "--merge") == 0)
        a->merge = 1;
    else if (strcmp(o, "--careful") == 0)
        a->opt.careful = 1;
    else if (strcmp(o, "--peak-memory") == 0)
        a->peak = 1;
    else if (!v)
        usage();
    else if (strcmp(o, "--kinds") == 0)
        a->needs.kinds = parse_kinds(v);
    else if (strcmp(o, "--jobs") == 0)
        a->opt.jobs = atoi(v);
    else if (strcmp(o, "--fiscal-start") == 0)
        a->needs.cal.fiscal_start_month = atoi(v);
    else if (strcmp(o, "--need") == 0)
        a->need = v;
    else if (strcmp(o, "--activity-types") == 0)
        a->activity_types = v;
    else if (strcmp(o, "--measures") == 0)
        a->measures = v;
    else if (strcmp(o, "--rejects") == 0)
        a->rejects = v;
    else if (strcmp(o, "--delimiter") == 0)
        a->opt.delimiter = strcmp(v, "tab") == 0 ? '\t' : v[0];
    else if (strcmp(o, "--date-format") == 0)
        a->opt.date_order = v[0] == 'd' ? DATES_DMY : DATES_MDY;
    else if (strcmp(o, "--from") == 0 || strcmp(o, "--to") == 0) {
        if (!date_parse_iso(v, o[2] == 'f' ? &a->from : &a->to))
            usage();
    } else if (strcmp(o, "--map") == 0 && a->nmaps < 16 && strchr(v, '=')) {
        *strchr(v, '=') = '\0';
        a->maps[a->nmaps].field = v;
        a->maps[a->nmaps].header = v + strlen(v) + 1;
        a->nmaps++;
    } else
        usage();
    if (v && strcmp(o, "--strict") && strcmp(o, "--decimal-comma") && strcmp(o, "--merge") &&
        strcmp(o, "--peak-memory") && strcmp(o, "--careful"))
        (*i)++;
    return 0;
}

/* Which measures to keep: all, or the --need list. */
static void needs_from(Args *a, const char ***extra)
{
    *extra = NULL;
    a->needs.cal.fiscal_start_month += a->needs.cal.fiscal_start_month ? 0 : 1;
    if (!a->need) {
        a->needs.all = 1;
        return;
    }
    int n;
    if (a->activity_types)
        a->needs.activity_types = split((char *)a->activity_types, &a->needs.nactivity_types);
    const char **names = split((char *)a->need, &n);
    *extra = xcalloc((size_t)n + 1, sizeof **extra);
    for (int i = 0; i < n; i++) {
        int id = measure_lookup(names[i]);
        if (id >= 0)
            a->needs.builtin[id] = 1;
        else
            (*extra)[a->needs.nextra++] = names[i];
    }
    free(names);
    a->needs.extra = *extra;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void print_value(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.4f", v);
    char *e = buf + strlen(buf) - 1;
    while (*e == '0')
        *e-- = '\0';
    if (*e == '.')
        *e = '\0';
    fputs(strcmp(buf, "-0") == 0 ? "0" : buf, stdout);
}

static void print_rep(const Store *s, int rep)
{
    int first, left;
    char d[11];
    printf("rep %s:", store_rep_name(s, rep));
    if (store_rep_days(s, rep, &first, &left)) {
        date_format(first, d);
        printf(" first %s", d);
    }
    if (left >= 0) {
        date_format(left, d);
        printf(" left %s", d);
    }
    const char *names[64];
    int n = 0;
    for (int i = 0; store_field_name(s, i) && n < 64; i++)
        names[n++] = store_field_name(s, i);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    const char *sep = " |";
    for (int i = 0; i < n; i++) {
        const char *v = store_rep_field(s, rep, names[i]);
        if (v) {
            printf("%s %s=%s", sep, names[i], v);
            sep = ",";
        }
    }
    putchar('\n');
    const char *goal;
    int a, b;
    double value;
    for (int i = 0; store_target_row(s, rep, i, &goal, &a, &b, &value); i++) {
        char x[11], y[11];
        date_format(a, x);
        date_format(b, y);
        printf("target %s %s %s..%s ", store_rep_name(s, rep), goal, x, y);
        print_value(value);
        putchar('\n');
    }
}

/* One line per period with anything to show. */
static void print_periods(const Store *s, int rep, PeriodKind k, int from, int to,
                          const char **ms, int nms, int fixed)
{
    const Calendar *cal = store_calendar(s);
    for (int p = period_of(k, cal, from); p <= period_of(k, cal, to); p++) {
        char d[11];
        int shown = 0;
        for (int i = 0; i < nms; i++) {
            double v;
            int id = store_measure(s, ms[i]);
            int known = id >= 0 && store_get(s, rep, k, p, id, &v);
            if (!fixed && (!known || v == 0))
                continue;
            if (!shown) {
                date_format(period_first_day(k, cal, p), d);
                printf("%s %s %s:", period_kind_name(k), d, store_rep_name(s, rep));
                shown = 1;
            }
            printf(" %s=", ms[i]);
            if (known)
                print_value(v);
            else
                putchar('?');
        }
        if (shown)
            putchar('\n');
    }
}

/* The days to print: --from/--to, else the data's, else the targets'. */
static int dump_range(const Store *s, const Args *a, int *from, int *to)
{
    if (!store_data_days(s, from, to)) {
        *from = 1 << 30;
        *to = -(1 << 30);
        for (int r = 0; r < store_nreps(s); r++) {
            const char *g;
            int x, y;
            double v;
            for (int i = 0; store_target_row(s, r, i, &g, &x, &y, &v); i++) {
                *from = x < *from ? x : *from;
                *to = y > *to ? y : *to;
            }
        }
    }
    if (a->from)
        *from = a->from;
    if (a->to)
        *to = a->to;
    return *from <= *to;
}

static void dump(const Store *s, const Args *a)
{
    int nreps = store_nreps(s), nms = 0, fixed = a->measures != NULL;
    const char **reps = xcalloc((size_t)nreps + 1, sizeof *reps);
    for (int r = 0; r < nreps; r++)
        reps[r] = store_rep_name(s, r);
    qsort(reps, (size_t)nreps, sizeof *reps, cmp_str);
    const char **ms;
    if (fixed) {
        ms = split((char *)a->measures, &nms);
    } else {
        ms = xcalloc((size_t)store_nmeasures(s) + 1, sizeof *ms);
        for (int id = 0; id < store_nmeasures(s); id++)
            ms[nms++] = store_measure_name(s, id);
        qsort(ms, (size_t)nms, sizeof *ms, cmp_str);
    }
    for (int i = 0; i < nreps; i++)
        print_rep(s, store_find_rep(s, reps[i], strlen(reps[i])));
    int from, to;
    for (int k = 0; k < PER_KINDS && dump_range(s, a, &from, &to); k++)
        if (store_kinds(s) & (1u << k))
            for (int i = 0; i < nreps; i++)
                print_periods(s, store_find_rep(s, reps[i], strlen(reps[i])), (PeriodKind)k,
                              from, to, ms, nms, fixed);
    free(ms);
    free(reps);
}

/* Peak resident memory in KB (Linux: VmHWM), or -1. */
static long peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

int main(int argc, char **argv)
{
    Args a;
    memset(&a, 0, sizeof a);
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            option(&a, argc, argv, &i);
        } else {
            a.files = xrealloc(a.files, (size_t)(a.nfiles + 1) * sizeof *a.files);
            a.files[a.nfiles++] = argv[i];
        }
    }
    if (!a.nfiles)
        usage();
    a.opt.maps = a.maps;
    a.opt.nmaps = a.nmaps;
    if (a.opt.jobs < 1)
        a.opt.jobs = 1;
    const char **extra;
    needs_from(&a, &extra);
    FILE *rejects = NULL;
    if (a.rejects && !(rejects = fopen(a.rejects, "w"))) {
        perror(a.rejects);
        return 1;
    }
    a.opt.rejects = rejects;
    Diag d;
    diag_init(&d, stderr);
    CsvStats stats = {0};
    Store *store = store_new(&a.needs);
    int rc = 0;
    for (int i = 0; i < a.nfiles && !rc; i++) {
        Store *one = a.merge ? store_new(&a.needs) : store;
        rc = csvin_read(a.files[i], &a.opt, one, &stats, &d);
        if (a.merge) {
            store_merge(store, one);
            store_free(one);
        }
    }
    if (!rc && a.peak) {
        printf("%ld\n", peak_kb());
    } else if (!rc) {
        if (stats.rejected)
            diag_info(&d, "%ld of %ld rows could not be used%s", stats.rejected, stats.rows,
                      a.rejects ? "; see the rejects file" : " (use --rejects FILE to see them)");
        dump(store, &a);
        printf("rows %ld, accepted %ld, rejected %ld, skipped %ld\n", stats.rows, stats.accepted,
               stats.rejected, stats.skipped_footer);
    }
    if (rejects)
        fclose(rejects);
    store_free(store);
    free(extra);
    free(a.needs.activity_types);
    free(a.files);
    return rc;
}
