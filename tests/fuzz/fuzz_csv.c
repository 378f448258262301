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
 * takes a path.
 *
 * Each input is read twice: in the lane and all the careful way
 * (CsvOptions.careful, csvin.c).  The two must agree on everything: exit,
 * counts, messages, rejects and every value in the store. */
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

/* FNV-1a over bytes: a digest of what a read gave. */
static uint64_t digest(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

/* Every value of one rep in periods [lo, hi] of kind. */
static uint64_t read_periods(const Store *s, int rep, PeriodKind kind, int lo, int hi, const int *ids,
                             int nids, uint64_t h)
{
    double v;
    for (int p = lo; p <= hi; p++)
        for (int i = 0; i < nids; i++) {
            int known = store_get(s, rep, kind, p, ids[i], &v);
            if (known && v != v)
                fuzz_fail("store_get gave NaN for a known value");
            h = digest(h, &known, sizeof known);
            if (known)
                h = digest(h, &v, sizeof v);
        }
    return h;
}

/* What the evaluator asks of the store, over the edges of the data;
 * returns a digest of every answer. */
static uint64_t read_store(const Store *s, const Calendar *cal)
{
    uint64_t h = 0xcbf29ce484222325ull;
    int ids[M_BUILTIN + 8], nids = 0;
    for (int m = 0; m < M_BUILTIN; m++)
        ids[nids++] = store_measure(s, measure_name(m));
    for (size_t i = 0; i < sizeof extra_names / sizeof extra_names[0]; i++)
        ids[nids++] = store_measure(s, extra_names[i]);
    int first, last;
    if (!store_data_days(s, &first, &last))
        return h;
    if (first > last)
        fuzz_fail("store_data_days: first day after last");
    for (int rep = 0; rep < store_nreps(s); rep++) {
        const char *name = store_rep_name(s, rep);
        if (!name)
            fuzz_fail("rep without a name");
        h = digest(h, name, strlen(name) + 1);
        for (int f = 0; f < 2; f++) {
            const char *v = store_rep_field(s, rep, f ? "manager" : "team");
            h = digest(h, v ? v : "\1", v ? strlen(v) + 1 : 1);
        }
        int days[3] = {0, 0, 0};
        days[2] = store_rep_days(s, rep, &days[0], &days[1]);
        h = digest(h, days, sizeof days);
        double q;
        int has_q = store_target(s, rep, "quota", last, &q);
        h = digest(h, &has_q, sizeof has_q);
        if (has_q)
            h = digest(h, &q, sizeof q);
        for (int k = 0; k < PER_KINDS; k++) {
            int lo = period_of((PeriodKind)k, cal, first);
            int hi = period_of((PeriodKind)k, cal, last);
            if (hi - lo >= 2 * EDGE_PERIODS) {
                h = read_periods(s, rep, (PeriodKind)k, lo, lo + EDGE_PERIODS - 1, ids, nids, h);
                lo = hi - EDGE_PERIODS + 1;
            }
            h = read_periods(s, rep, (PeriodKind)k, lo, hi, ids, nids, h);
        }
    }
    return h;
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

/* One read of the file: what came out of it. */
typedef struct Outcome {
    int rc;
    CsvStats stats;
    char *said, *rejected;      /* messages, rejects file */
    size_t said_n, rejected_n;
    uint64_t store;
} Outcome;

static void read_once(const uint8_t *data, int careful, Outcome *o)
{
    CsvOptions opt;
    set_options(data[0], &opt);
    opt.jobs = (data[1] & 0x10) ? 2 : 1;
    opt.careful = careful;
    StoreNeeds needs;
    set_needs(data[1], &needs);
    FILE *said = open_memstream(&o->said, &o->said_n);
    FILE *rejected = open_memstream(&o->rejected, &o->rejected_n);
    if (!said || !rejected)
        fuzz_fail("open_memstream");
    if (opt.rejects)
        opt.rejects = rejected;
    Store *s = store_new(&needs);
    memset(&o->stats, 0, sizeof o->stats);
    Diag d;
    diag_init(&d, said);
    o->rc = csvin_read(memfd_path, &opt, s, &o->stats, &d);
    if (o->rc != 0 && d.errors == 0)
        fuzz_fail("csvin_read failed without saying why");
    if (o->stats.accepted + o->stats.rejected > o->stats.rows)
        fuzz_fail("more rows accepted and rejected than read");
    /* Never lose a row: each data row is used, rejected or a footer. */
    long used = o->stats.accepted + o->stats.rejected;
    if (o->rc == 0 && !opt.strict && used != o->stats.rows && used + o->stats.skipped_footer != o->stats.rows)
        fuzz_fail("a row was neither accepted nor rejected");
    o->store = o->rc == 0 ? read_store(s, &needs.cal) : 0;
    store_free(s);
    fclose(said);
    fclose(rejected);
}

static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 256 * 1024)
        return 0;
    write_file(data + 2, size - 2);
    Outcome lane, careful;
    read_once(data, 0, &lane);
    read_once(data, 1, &careful);
    if (lane.rc != careful.rc || memcmp(&lane.stats, &careful.stats, sizeof lane.stats) != 0)
        fuzz_fail("the lane and the careful way read different rows");
    if (!same_text(lane.said, lane.said_n, careful.said, careful.said_n))
        fuzz_fail("the lane and the careful way say different things");
    if (!same_text(lane.rejected, lane.rejected_n, careful.rejected, careful.rejected_n))
        fuzz_fail("the lane and the careful way reject differently");
    if (lane.store != careful.store)
        fuzz_fail("the lane and the careful way fill the store differently");
    free(lane.said);
    free(lane.rejected);
    free(careful.said);
    free(careful.rejected);
    return 0;
}
