/* testast.h — a parsed test file (*.test, tests.md): what the front end
 * builds from a test file and testfile.c runs.
 *
 * Ownership: a TestFile owns everything reachable from it — its Source
 * and, in one arena, every test, table, row and cell.  tast_free frees it
 * all.
 *
 * The parser (grammar/pace.y, started with the TEST_FILE token) builds a
 * TestFile through the tast_ builder calls below, which keep a "current"
 * test, table and row, so the grammar's actions stay one line each.  The
 * builder only records; tast_check then reports every mistake a sales-ops
 * writer can make (a row with too few cells, an unknown expect column, a
 * test with no rule file) at its line and column.
 *
 *     rules "win-rate.pace"                       <- default for every test
 *     test "Low win rate fires after two weeks"
 *       rules "win-rate.pace"                     <- or per test
 *       data "data/export.csv"                    <- an input CSV file
 *       activities                                <- an inline input table
 *         | date       | rep     | activity |
 *         | 2026-01-05 | Ann Lee | won      |
 *       from 2026-01-05 to 2026-02-02             <- or: as of 2026-02-02
 *       expect
 *         | period     | rep     | action   |
 *         | 2026-01-12 | Ann Lee | coaching |
 *       and nothing else                          <- or: expect nothing
 */
#ifndef PACE_TESTAST_H
#define PACE_TESTAST_H

#include "diag.h"
#include "mem.h"

/* One cell of a table row: its text as written (trimmed; a quoted cell
 * unquoted) and where it stands. */
typedef struct TestCell {
    const char *text;
    Span span;
    struct TestCell *next;
} TestCell;

typedef struct TestRow {
    TestCell *cells;            /* in order */
    TestCell *last;
    int ncells;
    Span span;                  /* the row's first `|` */
    int line;                   /* 1-based line in the test file */
    struct TestRow *next;
} TestRow;

/* The kinds of table a test holds. */
typedef enum TableKind {
    TABLE_ACTIVITIES,     /* activities: input, an activities export */
    TABLE_OPPORTUNITIES,  /* opportunities (deals): input */
    TABLE_METRICS,        /* metrics: input, figures per rep and period */
    TABLE_TARGETS,        /* targets: input, quota and goals */
    TABLE_ROSTER,         /* roster: input, one row per rep */
    TABLE_EXPECT,         /* expect: the actions the test expects */
} TableKind;

typedef struct TestTable {
    TableKind kind;
    Span span;                  /* the keyword */
    TestRow *header;            /* the first row: column names */
    TestRow *rows;              /* the data rows, in order */
    TestRow *last;
    int nrows;
    struct TestTable *next;
} TestTable;

/* A file named in a test: `rules "x.pace"` or `data "x.csv"`. */
typedef struct TestPath {
    const char *path;           /* as written, relative to the test file */
    Span span;
    struct TestPath *next;
} TestPath;

/* Which periods the test reports (like pace run's options). */
typedef enum TestRange {
    RANGE_ALL,     /* not given: every period of the test's data */
    RANGE_AS_OF,   /* as of DATE */
    RANGE_FROM,    /* from DATE [to DATE] */
} TestRange;

typedef struct TestCase {
    const char *name;
    Span span;                  /* the `test` keyword */
    int line;
    TestPath *rules, *rules_last;
    TestPath *data, *data_last;
    TestTable *tables, *tables_last;   /* input tables, in order */
    TestRange range;
    Span range_span;
    Span extra_range_span;      /* a second range line (an error) */
    int nranges;                /* more than one is an error */
    Span date_span[2];          /* the dates as written (tast_check reads them) */
    int has_to;
    int as_of, from, to;        /* day numbers, -1 when not given */
    TestTable *expect;          /* the expect table, or NULL */
    int nexpects;               /* more than one is an error */
    Span expect_span;
    Span extra_expect_span;     /* a second expect (an error) */
    int expect_nothing;         /* `expect nothing` */
    int nothing_else;           /* `and nothing else` */
    struct TestCase *next;
} TestCase;

typedef struct TestFile {
    Arena arena;
    Source *src;                /* owned */
    TestPath *rules, *rules_last;   /* file-level `rules`: every test's default */
    TestCase *tests, *tests_last;
    int ntests;
    /* builder state */
    TestCase *cur;
    TestTable *cur_table;
    TestRow *cur_row;
} TestFile;

/* Reads and parses a test file; reports syntax errors through d.  Returns
 * NULL when the file cannot be read, else a (possibly partial) TestFile;
 * d->errors tells whether it may be run. */
TestFile *tast_parse_file(const char *path, Diag *d);

/* --- builder (the parser's actions) --- */

TestFile *tast_new(Source *src);            /* takes ownership of src */
void tast_free(TestFile *tf);
/* test "NAME" — starts a new current test.  Names and paths come
 * unescaped (the lexer's strings); table cells come raw (tast_cell). */
void tast_test(TestFile *tf, const char *name, size_t len, Span span);
/* rules "PATH" / data "PATH" — to the current test, or before any test
 * (rules only) as every test's default. */
void tast_rules(TestFile *tf, const char *path, size_t len, Span span);
void tast_data(TestFile *tf, const char *path, size_t len, Span span);
/* as of DATE / from DATE [to DATE]: the dates as written (tast_check
 * reads them). */
void tast_as_of(TestFile *tf, Span date);
void tast_from(TestFile *tf, Span from, const Span *to);
/* A table keyword (activities, ..., expect) starts a table; rows follow. */
void tast_table(TestFile *tf, TableKind kind, Span span);
/* expect nothing / and nothing else */
void tast_expect_nothing(TestFile *tf, Span span);
void tast_nothing_else(TestFile *tf, Span span);
/* A row: `|` starts it, each cell's raw text between bars follows. */
void tast_row(TestFile *tf, Span bar);
void tast_cell(TestFile *tf, Span raw);
/* A quoted cell is unescaped like a rule string (\" and \\). */
const char *tast_strndup(TestFile *tf, const char *s, size_t len);

/* Reports every semantic mistake of the file; returns how many. */
int tast_check(TestFile *tf, Diag *d);

/* The index of an expect column (period, rep, team, rule, action, target,
 * value, previous, priority, due, reason, manager), or -1. */
int tast_expect_column(const char *name);

/* The names for messages: "activities", ..., "expect". */
const char *tast_table_name(TableKind kind);
/* The keyword's table kind, or -1. */
int tast_table_kind(const char *word, size_t len);

#endif
