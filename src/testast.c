/* testast.c — building and checking a parsed test file (see testast.h). */
#include "testast.h"
#include "suggest.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "period.h"

TestFile *tast_new(Source *src)
{
    TestFile *tf = xcalloc(1, sizeof *tf);
    tf->src = src;
    return tf;
}

void tast_free(TestFile *tf)
{
    if (!tf)
        return;
    source_free(tf->src);
    arena_free(&tf->arena);
    free(tf);
}

static void *tast_alloc(TestFile *tf, size_t size)
{
    return arena_alloc(&tf->arena, size);
}

static int line_of(Span s)
{
    int line = 0, col = 0;
    if (s.src)
        source_line_col(s.src, s.start, &line, &col);
    return line;
}

/* "..." as in rule files: \" and \\ are the only escapes. */
const char *tast_strndup(TestFile *tf, const char *s, size_t len)
{
    char *out = tast_alloc(tf, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        out[n++] = s[i];
    }
    out[n] = '\0';
    return out;
}

/* test STRING (the string as the lexer unescaped it) */
void tast_test(TestFile *tf, const char *name, size_t len, Span span)
{
    TestCase *t = tast_alloc(tf, sizeof *t);
    t->name = arena_strndup(&tf->arena, name, len);
    t->span = span;
    t->line = line_of(span);
    t->as_of = t->from = t->to = -1;
    if (tf->tests_last)
        tf->tests_last->next = t;
    else
        tf->tests = t;
    tf->tests_last = t;
    tf->ntests++;
    tf->cur = t;
    tf->cur_table = NULL;
    tf->cur_row = NULL;
}

static TestPath *new_path(TestFile *tf, const char *path, size_t len, Span span)
{
    TestPath *p = tast_alloc(tf, sizeof *p);
    p->path = arena_strndup(&tf->arena, path, len);
    p->span = span;
    return p;
}

static void append_path(TestPath **head, TestPath **last, TestPath *p)
{
    if (*last)
        (*last)->next = p;
    else
        *head = p;
    *last = p;
}

/* rules STRING — before the first test it is every test's default. */
void tast_rules(TestFile *tf, const char *path, size_t len, Span span)
{
    TestPath *p = new_path(tf, path, len, span);
    if (tf->cur)
        append_path(&tf->cur->rules, &tf->cur->rules_last, p);
    else
        append_path(&tf->rules, &tf->rules_last, p);
    tf->cur_table = NULL;
}

/* data STRING — an input CSV file beside the test. */
void tast_data(TestFile *tf, const char *path, size_t len, Span span)
{
    if (!tf->cur)
        return;    /* the grammar allows data only inside a test */
    append_path(&tf->cur->data, &tf->cur->data_last, new_path(tf, path, len, span));
    tf->cur_table = NULL;
}

/* A date as written in `as of`, `from`, `to`; -1 after reporting. */
static int span_date(Span s, Diag *d)
{
    char buf[32];
    size_t len = s.end - s.start;
    int day;
    if (len < sizeof buf) {
        memcpy(buf, s.src->text + s.start, len);
        buf[len] = '\0';
        if (date_parse_iso(buf, &day))
            return day;
    }
    diag_error(d, s, "this is not a date; write dates as YYYY-MM-DD, as in 2026-01-05");
    return -1;
}

static void note_range(TestFile *tf, TestRange range, Span span)
{
    TestCase *t = tf->cur;
    t->nranges++;
    if (t->nranges == 1) {
        t->range = range;
        t->range_span = span;
    } else if (t->nranges == 2) {
        t->extra_range_span = span;
    }
    tf->cur_table = NULL;
}

/* as of DATE — the date is read by tast_check, so that one run reports
 * a bad date with every other mistake of the file. */
void tast_as_of(TestFile *tf, Span date)
{
    if (!tf->cur)
        return;
    if (tf->cur->nranges == 0)
        tf->cur->date_span[0] = date;
    note_range(tf, RANGE_AS_OF, date);
}

/* from DATE [to DATE] */
void tast_from(TestFile *tf, Span from, const Span *to)
{
    if (!tf->cur)
        return;
    if (tf->cur->nranges == 0) {
        tf->cur->date_span[0] = from;
        if (to) {
            tf->cur->date_span[1] = *to;
            tf->cur->has_to = 1;
        }
    }
    note_range(tf, RANGE_FROM, from);
}

/* TABLE_KEYWORD — rows follow; the first is the header. */
void tast_table(TestFile *tf, TableKind kind, Span span)
{
    if (!tf->cur)
        return;
    TestTable *tb = tast_alloc(tf, sizeof *tb);
    tb->kind = kind;
    tb->span = span;
    TestCase *t = tf->cur;
    if (kind == TABLE_EXPECT) {
        if (t->nexpects++ == 0) {
            t->expect = tb;
            t->expect_span = span;
        } else if (t->nexpects == 2) {
            t->extra_expect_span = span;
        }
    } else {
        if (t->tables_last)
            t->tables_last->next = tb;
        else
            t->tables = tb;
        t->tables_last = tb;
    }
    tf->cur_table = tb;
    tf->cur_row = NULL;
}

/* expect nothing */
void tast_expect_nothing(TestFile *tf, Span span)
{
    if (!tf->cur)
        return;
    TestCase *t = tf->cur;
    if (t->nexpects++ == 0)
        t->expect_span = span;
    else if (t->nexpects == 2)
        t->extra_expect_span = span;
    t->expect_nothing = 1;
    tf->cur_table = NULL;
}

/* and nothing else */
void tast_nothing_else(TestFile *tf, Span span)
{
    (void)span;
    if (tf->cur)
        tf->cur->nothing_else = 1;
    tf->cur_table = NULL;
}

/* row -> '|' cells: the first row of a table is its header. */
void tast_row(TestFile *tf, Span bar)
{
    TestTable *tb = tf->cur_table;
    if (!tb)
        return;
    TestRow *r = tast_alloc(tf, sizeof *r);
    r->span = bar;
    r->line = line_of(bar);
    if (!tb->header) {
        tb->header = r;
    } else {
        if (tb->last)
            tb->last->next = r;
        else
            tb->rows = r;
        tb->last = r;
        tb->nrows++;
    }
    tf->cur_row = r;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* A cell's raw text between bars: blanks around it are not part of it; a
 * cell in double quotes keeps its blanks (and may hold a `|`). */
void tast_cell(TestFile *tf, Span raw)
{
    TestRow *r = tf->cur_row;
    if (!r)
        return;
    const char *text = raw.src->text;
    unsigned s = raw.start, e = raw.end;
    while (s < e && is_blank(text[s]))
        s++;
    while (e > s && is_blank(text[e - 1]))
        e--;
    TestCell *c = tast_alloc(tf, sizeof *c);
    c->span = (Span){raw.src, s, e > s ? e : s + 1};
    if (e - s >= 2 && text[s] == '"' && text[e - 1] == '"')
        c->text = tast_strndup(tf, text + s + 1, e - s - 2);
    else
        c->text = arena_strndup(&tf->arena, text + s, e - s);
    if (r->last)
        r->last->next = c;
    else
        r->cells = c;
    r->last = c;
    r->ncells++;
}

static const char *const table_names[] = {
    [TABLE_ACTIVITIES] = "activities",
    [TABLE_OPPORTUNITIES] = "opportunities",
    [TABLE_METRICS] = "metrics",
    [TABLE_TARGETS] = "targets",
    [TABLE_ROSTER] = "roster",
    [TABLE_EXPECT] = "expect",
};

const char *tast_table_name(TableKind kind)
{
    return kind <= TABLE_EXPECT ? table_names[kind] : "?";
}

int tast_table_kind(const char *word, size_t len)
{
    for (int k = 0; k <= TABLE_EXPECT; k++)
        if (strlen(table_names[k]) == len && strncasecmp(table_names[k], word, len) == 0)
            return k;
    /* "deals" is what HubSpot calls opportunities */
    if (len == 5 && strncasecmp(word, "deals", 5) == 0)
        return TABLE_OPPORTUNITIES;
    return -1;
}

/* --- checking --- */

/* The columns an expect table may name: the action list's (data.md 3),
 * and the rep's manager, which the reports group by. */
static const char *const expect_columns[] = {
    "period", "rep", "team", "rule", "action", "target", "value",
    "previous", "priority", "due", "reason", "manager",
};
enum { NEXPECT_COLUMNS = sizeof expect_columns / sizeof expect_columns[0] };

int tast_expect_column(const char *name)
{
    for (int i = 0; i < NEXPECT_COLUMNS; i++)
        if (strcasecmp(expect_columns[i], name) == 0)
            return i;
    return -1;
}

static void check_expect_header(const TestRow *h, Diag *d)
{
    for (const TestCell *c = h->cells; c; c = c->next) {
        if (tast_expect_column(c->text) >= 0)
            continue;
        const char *best = suggest_closest(c->text, expect_columns, NEXPECT_COLUMNS);
        if (best)
            diag_error(d, c->span, "unknown column '%s' in expect; did you mean '%s'?", c->text, best);
        else
            diag_error(d, c->span, "unknown column '%s' in expect; the columns are period, rep, team, "
                       "rule, action, target, value, previous, priority, due, reason", c->text);
    }
}

/* Names in a header row: present, and each once. */
static void check_header(const TestTable *tb, Diag *d)
{
    for (const TestCell *c = tb->header->cells; c; c = c->next) {
        if (!c->text[0]) {
            diag_error(d, c->span, "a column of the %s table has no name; the first row names the columns",
                       tast_table_name(tb->kind));
            continue;
        }
        for (const TestCell *o = tb->header->cells; o != c; o = o->next)
            if (strcasecmp(o->text, c->text) == 0)
                diag_error(d, c->span, "column '%s' appears twice in this header", c->text);
    }
    if (tb->kind == TABLE_EXPECT)
        check_expect_header(tb->header, d);
}

/* Where a row of the wrong length goes wrong: its first cell too many,
 * or its last cell when it has too few. */
static Span odd_cell(const TestRow *r, int want)
{
    const TestCell *c = r->cells;
    for (int i = 0; c && c->next && i < want; i++)
        c = c->next;
    return c ? c->span : r->span;
}

static void check_table(const TestTable *tb, Diag *d)
{
    if (!tb->header) {
        diag_error(d, tb->span, "the %s table has no rows; put its rows under it, each between bars, "
                   "as in | rep | team |, the first row naming the columns", tast_table_name(tb->kind));
        return;
    }
    check_header(tb, d);
    if (tb->kind == TABLE_EXPECT && tb->nrows == 0)
        diag_error(d, tb->span, "this expect table has only a header; to say that no action may "
                   "be issued, write: expect nothing");
    for (const TestRow *r = tb->rows; r; r = r->next)
        if (r->ncells != tb->header->ncells)
            diag_error(d, odd_cell(r, tb->header->ncells),
                       "this row has %d cell%s, but the header names %d column%s",
                       r->ncells, r->ncells == 1 ? "" : "s",
                       tb->header->ncells, tb->header->ncells == 1 ? "" : "s");
}

/* The dates of `as of` and `from ... to`, read now. */
static void check_dates(TestCase *t, Diag *d)
{
    if (t->range == RANGE_AS_OF) {
        t->as_of = span_date(t->date_span[0], d);
    } else if (t->range == RANGE_FROM) {
        t->from = span_date(t->date_span[0], d);
        t->to = t->has_to ? span_date(t->date_span[1], d) : -1;
        if (t->from >= 0 && t->to >= 0 && t->to < t->from)
            diag_error(d, t->date_span[1], "the end date is before the start date");
    }
}

/* The test's own mistakes, then its tables', in the order they stand. */
static void check_test(const TestFile *tf, TestCase *t, Diag *d)
{
    if (!t->rules && !tf->rules)
        diag_error(d, t->span, "this test names no rule file; add a line like: rules \"win-rate.pace\"");
    if (!t->tables && !t->data)
        diag_error(d, t->span, "this test has no input data; add a table (activities, opportunities, "
                   "metrics, targets or roster) or a line like: data \"export.csv\"");
    if (t->nexpects == 0)
        diag_error(d, t->span, "this test expects nothing yet; add an expect table, or write "
                   "'expect nothing' if no action may be issued");
    for (const TestTable *tb = t->tables; tb; tb = tb->next)
        check_table(tb, d);
    check_dates(t, d);
    if (t->nranges > 1)
        diag_error(d, t->extra_range_span, "a test takes one 'as of' or one 'from ... to ...' line; "
                   "this is one more");
    if (t->nexpects > 1)
        diag_error(d, t->extra_expect_span, "a test takes one expect table (or 'expect nothing'); "
                   "this is one more");
    if (t->expect)
        check_table(t->expect, d);
}

int tast_check(TestFile *tf, Diag *d)
{
    int before = d->errors;
    if (!tf->tests) {
        Span start = {tf->src, 0, tf->src->len ? 1 : 0};
        diag_error(d, start, "no tests in this file; a test starts with a line like: test \"Low win rate\"");
    }
    for (TestCase *t = tf->tests; t; t = t->next)
        check_test(tf, t, d);
    return d->errors - before;
}
