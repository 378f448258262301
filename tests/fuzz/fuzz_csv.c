/* fuzz_csv.c — libFuzzer harness for the data front door: the CSV importer
 * (every shape, every option) into a store that aggregates every measure,
 * then every read of the store the evaluator makes.
 *
 * Input layout: two option bytes, then the file's bytes.
 *   byte 0  bits 0-1  delimiter: detect, ',', ';', tab
 *           bit  2    --decimal-comma
 *           bit  3    --strict
 *           bits 4-5  --date-format: auto, dd/mm/yyyy, mm/dd/yyyy, auto
 *           bit  6    --rejects (to /dev/null)
 *           bit  7    --map rep="Owner Name" --map date=When
 *   byte 1  bits 0-3  fiscal year start month (n % 12 + 1)
 *           bit  4    two reader threads instead of one
 * The file goes to a memfd read through /proc/self/fd/N, as the importer
 * takes a path. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csvin.h"
#include "diag.h"
#include "measure.h"
#include "store.h"

#include "fuzz_util.h"

/* Periods read at each end of the data's span: enough to touch every
 * code path, bounded for a file spanning 0001-01-01 .. 9999-12-31. */
enum { EDGE_PERIODS = 40 };

static int memfd = -1;
static char memfd_path[64];

/* Measures beyond the built-in ones: a metrics column, an activity type. */
static const char *const extra_names[] = {"nps", "linkedin", "score", "calls_goal"};

static const CsvMapping maps[] = {
    {"rep", "Owner Name"},
    {"date", "When"},
};

static void write_file(const uint8_t *data, size_t size)
{
    if (ftruncate(memfd, 0) != 0 || pwrite(memfd, data, size, 0) != (ssize_t)size)
        fuzz_fail("memfd write");
}

static void set_options(uint8_t b0, CsvOptions *opt)
{
    static const char delims[] = {0, ',', ';', '\t'};
    static const DateOrder orders[] = {DATES_AUTO, DATES_DMY, DATES_MDY, DATES_AUTO};
    memset(opt, 0, sizeof *opt);
    opt->delimiter = delims[b0 & 3];
    opt->decimal_comma = (b0 >> 2) & 1;
    opt->strict = (b0 >> 3) & 1;
    opt->date_order = orders[(b0 >> 4) & 3];
    opt->rejects = (b0 & 0x40) ? fuzz_sink() : NULL;
    if (b0 & 0x80) {
        opt->maps = maps;
        opt->nmaps = 2;
    }
    opt->jobs = 1;
}

static void set_needs(uint8_t b1, StoreNeeds *needs)
{
    memset(needs, 0, sizeof *needs);
    needs->kinds = (1u << PER_WEEK) | (1u << PER_MONTH) | (1u << PER_QUARTER);
    needs->cal.fiscal_start_month = (b1 & 15) % 12 + 1;
    memset(needs->builtin, 1, sizeof needs->builtin);
    needs->extra = (const char **)extra_names;
    needs->nextra = (int)(sizeof extra_names / sizeof extra_names[0]);
}

/* Every value of one rep in periods [lo, hi] of kind. */
static void read_periods(const Store *s, int rep, PeriodKind kind, int lo, int hi, const int *ids, int nids)
{
    double v;
    for (int p = lo; p <= hi; p++)
        for (int i = 0; i < nids; i++)
            if (store_get(s, rep, kind, p, ids[i], &v) && v != v)
                fuzz_fail("store_get gave NaN for a known value");
}

/* What the evaluator asks of the store, over the edges of the data. */
static void read_store(const Store *s, const Calendar *cal)
{
    int ids[M_BUILTIN + 8], nids = 0;
    for (int m = 0; m < M_BUILTIN; m++)
        ids[nids++] = store_measure(s, measure_name(m));
    for (size_t i = 0; i < sizeof extra_names / sizeof extra_names[0]; i++)
        ids[nids++] = store_measure(s, extra_names[i]);
    int first, last;
    if (!store_data_days(s, &first, &last))
        return;
    if (first > last)
        fuzz_fail("store_data_days: first day after last");
    for (int rep = 0; rep < store_nreps(s); rep++) {
        if (!store_rep_name(s, rep))
            fuzz_fail("rep without a name");
        (void)store_rep_field(s, rep, "team");
        (void)store_rep_field(s, rep, "manager");
        int rf, rl;
        (void)store_rep_days(s, rep, &rf, &rl);
        double q;
        (void)store_target(s, rep, "quota", last, &q);
        for (int k = 0; k < PER_KINDS; k++) {
            int lo = period_of((PeriodKind)k, cal, first);
            int hi = period_of((PeriodKind)k, cal, last);
            if (hi - lo >= 2 * EDGE_PERIODS) {
                read_periods(s, rep, (PeriodKind)k, lo, lo + EDGE_PERIODS - 1, ids, nids);
                lo = hi - EDGE_PERIODS + 1;
            }
            read_periods(s, rep, (PeriodKind)k, lo, hi, ids, nids);
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_sink();
    memfd = memfd_create("fuzz.csv", 0);
    if (memfd < 0)
        fuzz_fail("memfd_create");
    snprintf(memfd_path, sizeof memfd_path, "/proc/self/fd/%d", memfd);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 256 * 1024)
        return 0;
    CsvOptions opt;
    set_options(data[0], &opt);
    opt.jobs = (data[1] & 0x10) ? 2 : 1;
    StoreNeeds needs;
    set_needs(data[1], &needs);
    write_file(data + 2, size - 2);
    Store *s = store_new(&needs);
    CsvStats stats = {0};
    Diag d;
    diag_init(&d, fuzz_sink());
    int rc = csvin_read(memfd_path, &opt, s, &stats, &d);
    if (rc != 0 && d.errors == 0)
        fuzz_fail("csvin_read failed without saying why");
    if (stats.accepted + stats.rejected > stats.rows)
        fuzz_fail("more rows accepted and rejected than read");
    /* Never lose a row: each data row is used, rejected or a footer. */
    long used = stats.accepted + stats.rejected;
    if (rc == 0 && !opt.strict && used != stats.rows && used + stats.skipped_footer != stats.rows)
        fuzz_fail("a row was neither accepted nor rejected");
    if (rc == 0)
        read_store(s, &needs.cal);
    store_free(s);
    return 0;
}
