/* main.c — the command line (data.md section 1): pace check | run | fmt |
 * explain | test, --help, --version.  Parses options, then drives the
 * stages: parse -> check -> import -> evaluate -> write. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "check.h"
#include "csvin.h"
#include "diag.h"
#include "eval.h"
#include "fmt.h"
#include "mem.h"
#include "output.h"
#include "parse.h"
#include "period.h"
#include "store.h"
#include "testfile.h"

#ifndef PACE_VERSION
#define PACE_VERSION "0.1.0"
#endif

/* Exit statuses: data.md section 1. */
enum {
    EXIT_OK = 0,      /* success */
    EXIT_FAIL = 1,    /* rule errors, data errors, unreadable or unwritable files */
    EXIT_USAGE = 2,   /* wrong usage: unknown option, missing argument */
};

static const char usage_text[] =
    "Usage:\n"
    "  pace check RULES...                   check rule files; problems go to stderr\n"
    "  pace run RULES... --data FILE...      evaluate; the action list goes to stdout or -o\n"
    "  pace fmt [-w | --check] RULES...      print (or rewrite) in canonical layout\n"
    "  pace explain RULES... --data FILE... --rep NAME [--period DATE]\n"
    "                                        every rule's values for one rep or team\n"
    "  pace test [--coverage] TESTFILES...   run rule unit tests (folders are searched)\n"
    "  pace --help | --version\n"
    "\n"
    "Options for run and explain:\n"
    "  --data FILE          a CSV export (repeatable; - is standard input)\n"
    "  --map FIELD=HEADER   read FIELD from the column named HEADER (repeatable)\n"
    "  --as-of DATE         evaluate up to the period holding DATE; report only it\n"
    "  --from DATE          report every period from the one holding DATE ...\n"
    "  --to DATE            ... to the one holding DATE (default: the data's last)\n"
    "  --format FORMAT      csv (default), json, md or html\n"
    "  -o FILE              write the action list to FILE (atomically)\n"
    "  --rejects FILE       write rows that could not be used to FILE\n"
    "  --strict             stop at the first row that cannot be used\n"
    "  --date-format FMT    how to read slash dates: dd/mm/yyyy or mm/dd/yyyy\n"
    "  --delimiter C        the CSV delimiter (default: detected: , ; or tab)\n"
    "  --decimal-comma      numbers are written 1.234,56\n"
    "  --fiscal-year-start MONTH  first month of the fiscal year (e.g. April)\n"
    "  --jobs N             threads for reading large files (default: cores)\n"
    "\n"
    "Dates are written YYYY-MM-DD.  Exit status: 0 success, 1 errors in rules,\n"
    "data or files, 2 wrong usage.\n";

/* Everything the command line says, for every command. */
typedef struct Cli {
    const char *command;
    const char **files;        /* rule files (or test files) */
    int nfiles;
    const char **data;         /* --data */
    int ndata;
    CsvMapping *maps;          /* --map */
    int nmaps;
    const char *as_of, *from, *to;
    const char *format;
    const char *output;        /* -o */
    const char *rejects;
    const char *date_format;
    const char *delimiter;
    const char *fiscal_start;
    const char *rep;           /* explain --rep */
    const char *period;        /* explain --period */
    int jobs;
    int strict, decimal_comma;
    int write, check_only;     /* fmt -w, fmt --check */
    int coverage;              /* test --coverage */
} Cli;

static void cli_free(Cli *cli)
{
    free(cli->files);
    free(cli->data);
    for (int i = 0; i < cli->nmaps; i++)
        free((char *)cli->maps[i].field);
    free(cli->maps);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("pace: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'pace --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static const char **push_arg(const char **list, int *n, const char *arg)
{
    list = xrealloc(list, (size_t)(*n + 1) * sizeof *list);
    list[(*n)++] = arg;
    return list;
}

static int parse_map(Cli *cli, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return usage_error("--map wants FIELD=HEADER, as in --map rep=\"Account Owner\"; got '%s'", arg);
    cli->maps = xrealloc(cli->maps, (size_t)(cli->nmaps + 1) * sizeof *cli->maps);
    cli->maps[cli->nmaps].field = xstrndup(arg, (size_t)(eq - arg));
    cli->maps[cli->nmaps].header = eq + 1;
    cli->nmaps++;
    return EXIT_OK;
}

/* Options that take a value: the name, and where the value goes. */
static const char **value_slot(Cli *cli, const char *name)
{
    static const struct { const char *name; size_t offset; } slots[] = {
        {"--as-of", offsetof(Cli, as_of)},
        {"--from", offsetof(Cli, from)},
        {"--to", offsetof(Cli, to)},
        {"--format", offsetof(Cli, format)},
        {"-o", offsetof(Cli, output)},
        {"--output", offsetof(Cli, output)},
        {"--rejects", offsetof(Cli, rejects)},
        {"--date-format", offsetof(Cli, date_format)},
        {"--delimiter", offsetof(Cli, delimiter)},
        {"--fiscal-year-start", offsetof(Cli, fiscal_start)},
        {"--rep", offsetof(Cli, rep)},
        {"--team", offsetof(Cli, rep)},
        {"--period", offsetof(Cli, period)},
    };
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
        if (strcmp(slots[i].name, name) == 0)
            return (const char **)((char *)cli + slots[i].offset);
    return NULL;
}

static int parse_flag(Cli *cli, const char *arg)
{
    if (strcmp(arg, "--strict") == 0)
        cli->strict = 1;
    else if (strcmp(arg, "--decimal-comma") == 0)
        cli->decimal_comma = 1;
    else if (strcmp(arg, "-w") == 0 || strcmp(arg, "--write") == 0)
        cli->write = 1;
    else if (strcmp(arg, "--check") == 0)
        cli->check_only = 1;
    else if (strcmp(arg, "--coverage") == 0)
        cli->coverage = 1;
    else
        return 0;
    return 1;
}

static int parse_jobs(Cli *cli, const char *value)
{
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (errno || *end || n < 1 || n > 64)
        return usage_error("--jobs wants a number of threads from 1 to 64; got '%s'", value);
    cli->jobs = (int)n;
    return EXIT_OK;
}

/* Options may come anywhere after the command; `--` ends them. */
static int parse_args(Cli *cli, int argc, char **argv)
{
    int options_done = 0;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            cli->files = push_arg(cli->files, &cli->nfiles, arg);
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (parse_flag(cli, arg))
            continue;
        /* --name=value is accepted as well as --name value. */
        char name[64];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        if (eq && arg[1] == '-' && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = '\0';
            value = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        int takes_value = value_slot(cli, name) || strcmp(name, "--data") == 0 ||
                          strcmp(name, "--map") == 0 || strcmp(name, "--jobs") == 0;
        if (!takes_value)
            return usage_error("unknown option '%s'", arg);
        if (!value) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", arg);
            value = argv[++i];
        }
        int rc = EXIT_OK;
        if (strcmp(name, "--data") == 0)
            cli->data = push_arg(cli->data, &cli->ndata, value);
        else if (strcmp(name, "--map") == 0)
            rc = parse_map(cli, value);
        else if (strcmp(name, "--jobs") == 0)
            rc = parse_jobs(cli, value);
        else
            *value_slot(cli, name) = value;
        if (rc != EXIT_OK)
            return rc;
    }
    return EXIT_OK;
}

/* Parses and checks the rule files; NULL when they have errors. */
static Program *load_rules(const Cli *cli, Diag *d)
{
    /* The checker runs even after syntax errors: the parser leaves broken
     * items out (or marks them), so one run reports every mistake. */
    Program *prog = parse_files(cli->files, cli->nfiles, d);
    chk_program(prog, d);
    if (d->errors) {
        diag_summary(d);
        ast_free(prog);
        return NULL;
    }
    return prog;
}

static int cmd_check(Cli *cli)
{
    Diag d;
    diag_init(&d, stderr);
    if (cli->nfiles == 0)
        return usage_error("%s", "check needs at least one rule file");
    Program *prog = load_rules(cli, &d);
    if (!prog)
        return EXIT_FAIL;
    diag_summary(&d);
    ast_free(prog);
    return EXIT_OK;
}

static int parse_date_opt(const char *name, const char *value, int *day)
{
    *day = -1;
    if (!value)
        return EXIT_OK;
    if (!date_parse_iso(value, day)) {
        fprintf(stderr, "pace: %s wants a date written YYYY-MM-DD, as in 2026-02-02; got '%s'\n"
                        "Try 'pace --help' for more information.\n", name, value);
        return EXIT_USAGE;
    }
    /* EvalOptions says "not given" with a negative day, so a date before
     * 1970 would silently mean "no date". */
    if (*day < 0) {
        fprintf(stderr, "pace: %s wants a date from 1970-01-01 on; got '%s'\n"
                        "Try 'pace --help' for more information.\n", name, value);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
};

/* --fiscal-year-start April | 4 */
static int parse_month(const char *value)
{
    char *end;
    long n = strtol(value, &end, 10);
    if (!*end && n >= 1 && n <= 12)
        return (int)n;
    for (int i = 0; i < 12; i++)
        if (strncasecmp(value, month_names[i], 3) == 0 && strlen(value) >= 3 &&
            strncasecmp(value, month_names[i], strlen(value)) == 0)
            return i + 1;
    return 0;
}

static int csv_options(const Cli *cli, CsvOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->maps = cli->maps;
    opt->nmaps = cli->nmaps;
    opt->decimal_comma = cli->decimal_comma;
    opt->strict = cli->strict;
    opt->jobs = cli->jobs;
    if (cli->delimiter) {
        const char *dl = cli->delimiter;
        if (strcmp(dl, "\\t") == 0 || strcmp(dl, "tab") == 0)
            opt->delimiter = '\t';
        else if (strlen(dl) == 1)
            opt->delimiter = dl[0];
        else
            return usage_error("--delimiter wants one character, as in --delimiter ';'; got '%s'", dl);
    }
    if (cli->date_format) {
        const char *f = cli->date_format;
        if (strcasecmp(f, "dd/mm/yyyy") == 0 || strcasecmp(f, "dmy") == 0)
            opt->date_order = DATES_DMY;
        else if (strcasecmp(f, "mm/dd/yyyy") == 0 || strcasecmp(f, "mdy") == 0)
            opt->date_order = DATES_MDY;
        else
            return usage_error("--date-format wants dd/mm/yyyy or mm/dd/yyyy; got '%s'", f);
    }
    return EXIT_OK;
}

/* Reads every --data file into a store built for what the program needs. */
static Store *load_data(const Cli *cli, const Program *prog, FILE *rejects, Diag *d)
{
    CsvOptions opt;
    if (csv_options(cli, &opt) != EXIT_OK)
        return NULL;
    opt.rejects = rejects;
    StoreNeeds needs;
    ev_needs(prog, &needs);
    Store *store = store_new(&needs);
    free(needs.extra);
    free(needs.activity_types);
    CsvStats stats = {0};
    for (int i = 0; i < cli->ndata; i++) {
        if (csvin_read(cli->data[i], &opt, store, &stats, d) != 0) {
            store_free(store);
            return NULL;
        }
    }
    if (stats.rejected)
        diag_info(d, "%ld of %ld rows could not be used%s",
                  stats.rejected, stats.rows,
                  cli->rejects ? "; see the rejects file" : " (use --rejects FILE to see them)");
    return store;
}

/* The shared front half of run and explain: options, rules, data. */
typedef struct RunSetup {
    Program *prog;
    Store *store;
    EvalOptions eval;
    OutFile rejects;
} RunSetup;

static int setup_run(Cli *cli, RunSetup *rs, Diag *d)
{
    memset(rs, 0, sizeof *rs);
    if (cli->nfiles == 0)
        return usage_error("%s needs at least one rule file", cli->command);
    if (cli->ndata == 0)
        return usage_error("%s needs at least one --data FILE (a CSV export; - reads standard input)",
                           cli->command);
    int rc;
    if ((rc = parse_date_opt("--as-of", cli->as_of, &rs->eval.as_of)) ||
        (rc = parse_date_opt("--from", cli->from, &rs->eval.from)) ||
        (rc = parse_date_opt("--to", cli->to, &rs->eval.to)))
        return rc;
    if (cli->to && !cli->from)
        return usage_error("%s", "--to needs --from (the first period to report)");
    if (cli->as_of && cli->from)
        return usage_error("%s", "--as-of and --from cannot be used together");
    if (rs->eval.from >= 0 && rs->eval.to >= 0 && rs->eval.to < rs->eval.from)
        return usage_error("--to %s is before --from", cli->to);
    if (cli->fiscal_start && !parse_month(cli->fiscal_start))
        return usage_error("--fiscal-year-start wants a month, as in April or 4; got '%s'", cli->fiscal_start);
    if (cli->format && out_format_parse(cli->format) < 0)
        return usage_error("--format wants csv, json, md or html; got '%s'", cli->format);
    if (cli->jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        cli->jobs = cores > 0 ? (int)(cores > 64 ? 64 : cores) : 1;
    }
    rs->prog = load_rules(cli, d);
    if (!rs->prog)
        return EXIT_FAIL;
    if (cli->fiscal_start)
        rs->prog->fiscal_start_month = parse_month(cli->fiscal_start);
    if (cli->rejects && outfile_open(&rs->rejects, cli->rejects, d) != 0)
        return EXIT_FAIL;
    rs->store = load_data(cli, rs->prog, rs->rejects.f, d);
    if (!rs->store)
        return d->errors ? EXIT_FAIL : EXIT_USAGE;
    if (rs->rejects.f && outfile_commit(&rs->rejects, d) != 0)
        return EXIT_FAIL;
    return EXIT_OK;
}

static void teardown_run(RunSetup *rs)
{
    if (rs->rejects.f)
        outfile_abort(&rs->rejects);
    store_free(rs->store);
    ast_free(rs->prog);
}

/* ev_stream's sink: each step's rows straight to the output, the CSV
 * header before the first (so a run that fails before making any rows
 * writes nothing, as one holding the list would). */
typedef struct RowSink {
    FILE *f;
    OutFormat format;
    int begun;
} RowSink;

static int sink_begin(RowSink *k)
{
    if (k->begun)
        return 0;
    k->begun = 1;
    return out_begin(k->f, k->format);
}

static int sink_rows(void *ctx, const ActionList *rows)
{
    RowSink *k = ctx;
    return sink_begin(k) != 0 || out_rows(k->f, k->format, rows) != 0 ? -1 : 0;
}

/* CSV and JSON lines are written as the evaluator makes the rows (the
 * list is never held: memory follows reps x periods); the Markdown and
 * HTML reports group the whole list, so it is held and written at the
 * end.  Either way a failed run leaves -o's file untouched. */
static int evaluate_and_write(Cli *cli, RunSetup *rs, Diag *d)
{
    OutFormat format = cli->format ? (OutFormat)out_format_parse(cli->format) : FORMAT_CSV;
    /* Only the HTML report draws charts; the other formats skip them. */
    rs->eval.charts = format == FORMAT_HTML;
    OutFile out;
    if (outfile_open(&out, cli->output, d) != 0)
        return EXIT_FAIL;
    ActionList *list;
    int write_failed;
    if (out_streams(format)) {
        RowSink sink = {out.f, format, 0};
        list = ev_stream(rs->prog, rs->store, &rs->eval, d, sink_rows, &sink);
        write_failed = ferror(out.f) || (list && (sink_begin(&sink) != 0 || out_end(out.f) != 0));
    } else {
        list = ev_run(rs->prog, rs->store, &rs->eval, d);
        write_failed = list && out_write(out.f, format, list) != 0;
    }
    int rc = EXIT_OK;
    if (write_failed) {
        diag_fail(d, "cannot write %s: %s", cli->output ? cli->output : "standard output",
                  strerror(errno));
        rc = EXIT_FAIL;
    } else if (!list) {
        rc = EXIT_FAIL;                     /* the evaluator said why */
    }
    if (rc != EXIT_OK)
        outfile_abort(&out);
    else if (outfile_commit(&out, d) != 0)
        rc = EXIT_FAIL;
    actions_free(list);
    return rc;
}

static int cmd_run(Cli *cli)
{
    Diag d;
    diag_init(&d, stderr);
    RunSetup rs;
    int rc = setup_run(cli, &rs, &d);
    if (rc == EXIT_OK)
        rc = evaluate_and_write(cli, &rs, &d);
    teardown_run(&rs);
    return rc;
}

static int cmd_explain(Cli *cli)
{
    Diag d;
    diag_init(&d, stderr);
    if (!cli->rep)
        return usage_error("%s", "explain needs --rep NAME (or --team NAME)");
    if (cli->period) {
        cli->as_of = cli->period;
    }
    RunSetup rs;
    int rc = setup_run(cli, &rs, &d);
    if (rc == EXIT_OK && ev_explain(rs.prog, rs.store, &rs.eval, cli->rep, stdout, &d) != 0)
        rc = EXIT_FAIL;
    if (rc == EXIT_OK && fflush(stdout) != 0)
        rc = EXIT_FAIL;
    teardown_run(&rs);
    return rc;
}

static int cmd_fmt(Cli *cli)
{
    Diag d;
    diag_init(&d, stderr);
    if (cli->nfiles == 0)
        return usage_error("%s", "fmt needs at least one rule file");
    int rc = EXIT_OK;
    for (int i = 0; i < cli->nfiles; i++) {
        int r = fmt_file(cli->files[i], cli->write, cli->check_only, &d);
        if (r > rc)
            rc = r;
    }
    return rc;
}

static int cmd_test(Cli *cli)
{
    Diag d;
    diag_init(&d, stderr);
    if (cli->nfiles == 0)
        return usage_error("%s", "test needs test files or folders (for example: pace test rules/)");
    return tf_run_files(cli->files, cli->nfiles, cli->coverage, stdout, &d);
}

int main(int argc, char **argv)
{
    /* A reader that goes away (pace run ... | head) makes writes fail with
     * EPIPE, reported as an error, instead of killing Pace by a signal. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return usage_error("%s", "no command given; the commands are check, run, fmt, explain and test");
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 || strcmp(command, "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "--version") == 0) {
        printf("pace %s\n", PACE_VERSION);
        return EXIT_OK;
    }
    static const struct { const char *name; int (*run)(Cli *); } commands[] = {
        {"check", cmd_check},
        {"run", cmd_run},
        {"fmt", cmd_fmt},
        {"explain", cmd_explain},
        {"test", cmd_test},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(command, commands[i].name) != 0)
            continue;
        Cli cli = {0};
        cli.command = command;
        int rc = parse_args(&cli, argc, argv);
        if (rc == EXIT_OK)
            rc = commands[i].run(&cli);
        cli_free(&cli);
        return rc;
    }
    return usage_error("unknown command '%s'; the commands are check, run, fmt, explain and test", command);
}
