/* fuzz_eval.c — libFuzzer harness for the evaluator: a fuzzed rule file
 * over a fixed small dataset (written once to a temp folder), through
 * every output format and pace explain.
 *
 * Properties: no crash, leak, sanitizer report or timeout; a run that
 * fails says why; the same program over the same data gives byte-identical
 * output twice (language.md section 5), and for CSV and JSON lines the
 * second run is streamed (ev_stream): its bytes must be the held list's;
 * and the held list is already in the documented order (actions_sort
 * leaves it as it is). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "check.h"
#include "csvin.h"
#include "diag.h"
#include "eval.h"
#include "output.h"
#include "parse.h"
#include "period.h"
#include "store.h"

#include "fuzz_util.h"

/* Rule files larger than this only make each run slower. */
enum { MAX_RULES_BYTES = 4096 };

static const struct { const char *name, *text; } dataset[] = {
    {"activities.csv",
     "date,rep,team,manager,activity,amount\n"
     "2026-01-05,ana,EMEA SMB,Maria,call,\n"
     "2026-01-06,ana,EMEA SMB,Maria,demo,\n"
     "2026-01-07,ana,EMEA SMB,Maria,meeting,\n"
     "2026-01-13,ana,EMEA SMB,Maria,call,\n"
     "2026-01-14,ana,EMEA SMB,Maria,linkedin,\n"
     "2026-01-20,ana,EMEA SMB,Maria,email,\n"
     "2026-01-21,ana,EMEA SMB,Maria,opportunity,5000\n"
     "2026-02-03,ana,EMEA SMB,Maria,won,5000\n"
     "2026-01-05,ben,EMEA SMB,Maria,call,\n"
     "2026-01-12,ben,EMEA SMB,Maria,demo,\n"
     "2026-01-19,ben,EMEA SMB,Maria,lost,1200\n"
     "2026-02-09,ben,EMEA SMB,Maria,call,\n"
     "2026-01-06,cleo,US MM,Omar,call,\n"
     "2026-01-27,cleo,US MM,Omar,meeting,\n"
     "2026-02-17,cleo,US MM,Omar,demo,\n"
     "2026-03-02,cleo,US MM,Omar,call,\n"},
    {"opportunities.csv",
     "id,rep,team,created,closed,stage,amount\n"
     "o1,ana,EMEA SMB,2026-01-02,2026-01-16,Closed Won,10000\n"
     "o2,ana,EMEA SMB,2026-01-09,2026-02-06,Closed Lost,4000\n"
     "o3,ben,EMEA SMB,2026-01-05,,Negotiation,25000\n"
     "o4,ben,EMEA SMB,2026-01-12,2026-01-30,Closed Lost,3000\n"
     "o5,cleo,US MM,2026-01-06,2026-02-20,Closed Won,50000\n"
     "o6,cleo,US MM,2026-02-02,,Discovery,8000\n"},
    {"targets.csv",
     "rep,period,quota,calls\n"
     "ana,2026-01-01,20000,40\n"
     "ana,2026-02-01,22000,40\n"
     "ben,2026-01-01,15000,30\n"
     "cleo,2026-01-01,60000,20\n"},
    {"metrics.csv",
     "rep,week,forecast,nps\n"
     "ana,2026-01-05,12000,40\n"
     "ben,2026-01-05,9000,12\n"
     "cleo,2026-01-12,30000,55\n"},
    {"roster.csv",
     "rep,team,manager,role,region,left\n"
     "ana,EMEA SMB,Maria,AE,EMEA,\n"
     "ben,EMEA SMB,Maria,SDR,EMEA,2026-02-20\n"
     "cleo,US MM,Omar,AE,US,\n"},
};
enum { NFILES = sizeof dataset / sizeof dataset[0] };

static char dir[64];
static char paths[NFILES][128];
static char rules_name[128];

static void remove_dataset(void)
{
    for (int i = 0; i < NFILES; i++)
        unlink(paths[i]);
    rmdir(dir);
}

static void write_dataset(void)
{
    snprintf(dir, sizeof dir, "/tmp/pace-fuzz-eval-XXXXXX");
    if (!mkdtemp(dir))
        fuzz_fail("mkdtemp");
    for (int i = 0; i < NFILES; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, dataset[i].name);
        FILE *f = fopen(paths[i], "w");
        if (!f || fputs(dataset[i].text, f) == EOF || fclose(f) != 0)
            fuzz_fail("cannot write the dataset");
    }
    snprintf(rules_name, sizeof rules_name, "%s/fuzz.pace", dir);
    atexit(remove_dataset);
}

/* The reporting window, chosen by the input's size so every kind of run
 * is exercised without spending input bytes on it. */
static void eval_options(size_t size, EvalOptions *eo)
{
    eo->as_of = eo->from = eo->to = -1;
    switch (size % 4) {
    case 1: eo->as_of = date_from_ymd(2026, 2, 11); break;
    case 2: eo->from = date_from_ymd(2026, 1, 12); break;
    case 3:
        eo->from = date_from_ymd(2026, 1, 12);
        eo->to = date_from_ymd(2026, 2, 9);
        break;
    default: break;
    }
}

static Store *load(const Program *prog, Diag *d)
{
    StoreNeeds needs;
    ev_needs(prog, &needs);
    Store *s = store_new(&needs);
    free(needs.extra);
    free(needs.activity_types);
    CsvOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.jobs = 1;
    CsvStats stats = {0};
    for (int i = 0; i < NFILES; i++)
        if (csvin_read(paths[i], &opt, s, &stats, d) != 0)
            fuzz_fail("the fixed dataset does not load");
    return s;
}

/* A list written as `format` into a fresh buffer. */
static char *write_list(const ActionList *list, OutFormat format, size_t *len)
{
    char *buf = NULL;
    FILE *m = open_memstream(&buf, len);
    if (!m)
        fuzz_fail("open_memstream");
    if (out_write(m, format, list) != 0)
        fuzz_fail("out_write into memory failed");
    if (fclose(m) != 0)
        fuzz_fail("memstream close");
    return buf;
}

/* One evaluation, written as `format` into a fresh buffer (NULL when the
 * run stopped, having said why). */
static char *run_once(const Program *prog, const Store *s, const EvalOptions *eo,
                      OutFormat format, size_t *len)
{
    Diag d;
    diag_init(&d, fuzz_sink());
    ActionList *list = ev_run(prog, s, eo, &d);
    if (!list) {
        if (d.errors == 0)
            fuzz_fail("ev_run failed without saying why");
        return NULL;
    }
    char *buf = write_list(list, format, len);
    /* The evaluator makes rows in the documented order (eval.c's steps);
     * actions_sort is that order's definition: sorting changes nothing. */
    actions_sort(list);
    size_t sorted_len = 0;
    char *sorted = write_list(list, format, &sorted_len);
    if (sorted_len != *len || memcmp(sorted, buf, sorted_len) != 0)
        fuzz_fail("the evaluator's rows are not in the documented order");
    free(sorted);
    actions_free(list);
    return buf;
}

/* The sink of a streamed run, as pace run's: the CSV header before the
 * first rows, then each step's rows. */
typedef struct Stream {
    FILE *f;
    OutFormat format;
    int begun;
} Stream;

static int stream_rows(void *ctx, const ActionList *rows)
{
    Stream *st = ctx;
    if (!st->begun && out_begin(st->f, st->format) != 0)
        fuzz_fail("out_begin into memory failed");
    st->begun = 1;
    if (out_rows(st->f, st->format, rows) != 0)
        fuzz_fail("out_rows into memory failed");
    return 0;
}

/* The same evaluation streamed (ev_stream), for the formats that stream:
 * its bytes must be those of the held list. */
static char *run_streamed(const Program *prog, const Store *s, const EvalOptions *eo,
                          OutFormat format, size_t *len)
{
    Diag d;
    diag_init(&d, fuzz_sink());
    char *buf = NULL;
    FILE *m = open_memstream(&buf, len);
    if (!m)
        fuzz_fail("open_memstream");
    Stream st = {m, format, 0};
    ActionList *list = ev_stream(prog, s, eo, &d, stream_rows, &st);
    if (list && !st.begun && out_begin(m, format) != 0)
        fuzz_fail("out_begin into memory failed");
    if (list && list->n != 0)
        fuzz_fail("a streamed run held rows");
    if (!list && st.begun)
        fuzz_fail("a run that failed wrote rows");
    if (fclose(m) != 0)
        fuzz_fail("memstream close");
    actions_free(list);
    if (!list) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void evaluate(const Program *prog, size_t size)
{
    Diag d;
    diag_init(&d, fuzz_sink());
    Store *s = load(prog, &d);
    EvalOptions eo;
    eval_options(size, &eo);
    OutFormat format = (OutFormat)((size / 4) % 4);
    size_t n1 = 0, n2 = 0;
    char *o1 = run_once(prog, s, &eo, format, &n1);
    int streams = out_streams(format);
    char *o2 = streams ? run_streamed(prog, s, &eo, format, &n2) : run_once(prog, s, &eo, format, &n2);
    if (!o1 != !o2 || (o1 && (n1 != n2 || memcmp(o1, o2, n1) != 0)))
        fuzz_fail(streams ? "the streamed run and the held list differ"
                          : "two runs over the same data differ");
    free(o1);
    free(o2);
    if (size % 3 == 0) {
        const char *who = (size % 2) ? "EMEA SMB" : "ana";
        (void)ev_explain(prog, s, &eo, who, fuzz_sink(), &d);
    }
    store_free(s);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_sink();
    write_dataset();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_RULES_BYTES)
        return 0;
    Diag d;
    diag_init(&d, fuzz_sink());
    Program *prog = parse_text(rules_name, (const char *)data, size, &d);
    if (d.errors == 0)
        chk_program(prog, &d);
    if (d.errors == 0)
        evaluate(prog, size);
    ast_free(prog);
    return 0;
}
