/* testfile.c — pace test: runs rule unit tests (tests.md).
 *
 * For each test of each test file: parse and check the rule files it
 * names (relative to the test file's folder), import its inline tables
 * through the real importer (each table written to a temporary CSV file,
 * so a test exercises exactly what `pace run` would), evaluate, and match
 * the expected rows against the action list.  Output: one line per test,
 * a side-by-side table for a failure, optionally the coverage, and the
 * closing "N passed, M failed". */
#include "testfile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "ast.h"
#include "check.h"
#include "csvhead.h"
#include "csvin.h"
#include "eval.h"
#include "mem.h"
#include "parse.h"
#include "period.h"
#include "store.h"
#include "testast.h"

/* ------------------------------------------------------------------ */
/* Small helpers: owned string lists and a growable text buffer.       */

typedef struct StrList {
    char **v;
    size_t n, cap;
} StrList;

static void strlist_add(StrList *l, char *s)
{
    l->v = xgrow(l->v, &l->cap, l->n, sizeof *l->v);
    l->v[l->n++] = s;
}

static void strlist_free(StrList *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static int strlist_has(const StrList *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void buf_pad(StrBuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sb_put(b, " ", 1);
}

/* Columns line up on screen: count UTF-8 characters, not bytes. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* A failed test's table shows at most this many characters of a cell, so
 * a long message or reason does not push the actual rows off screen. */
enum { CELL_SHOWN = 40 };

static size_t shown_width(const char *s)
{
    size_t w = text_width(s);
    return w > CELL_SHOWN ? CELL_SHOWN : w;
}

/* The cell as shown: cut to CELL_SHOWN characters, ending in "...". */
static void add_shown(StrBuf *b, const char *s)
{
    if (text_width(s) <= CELL_SHOWN) {
        sb_puts(b, s);
        return;
    }
    size_t chars = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == CELL_SHOWN - 3)
            break;
    }
    sb_put(b, s, i);
    sb_puts(b, "...");
}

/* dir + "/" + name, unless name is absolute or dir is empty. */
static char *path_join(const char *dir, const char *name)
{
    if (name[0] == '/' || !dir[0])
        return xstrdup(name);
    size_t dl = strlen(dir);
    int slash = dir[dl - 1] != '/';
    char *p = xmalloc(dl + slash + strlen(name) + 1);
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    strcpy(p + dl + slash, name);
    return p;
}

/* The folder part of a path ("" for a bare name). */
static char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup("");
    return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* A file's identity for coverage: its real path, or the path as given. */
static char *real_path(const char *path)
{
    char *r = realpath(path, NULL);
    if (!r)
        return xstrdup(path);
    char *copy = xstrdup(r);
    free(r);    /* realpath allocates with malloc */
    return copy;
}

/* ------------------------------------------------------------------ */
/* Coverage: every rule and action any test loaded, and whether a test  */
/* made it fire.                                                        */

typedef struct CoverItem {
    char *what;       /* "coaching MEDDIC never fired", ... */
    int fired;
} CoverItem;

typedef struct CoverRule {
    char *file;       /* as a test named it */
    char *key;        /* real path:line */
    int line;
    char *name;       /* NULL for an unnamed rule */
    int fired;
    CoverItem *items; /* per action, then its follow-up when it has one */
    size_t nitems;
} CoverRule;

typedef struct Coverage {
    CoverRule *rules;
    size_t n, cap;
    StrList loaded;   /* real paths of every rule source a test loaded */
} Coverage;

static int rule_line(const Rule *r)
{
    int line = 0, col = 0;
    if (r->span.src)
        source_line_col(r->span.src, r->span.start, &line, &col);
    return line;
}

static char *rule_key(const Rule *r)
{
    char *real = real_path(r->src ? r->src->name : "?");
    size_t len = strlen(real) + 16;
    char *key = xmalloc(len);
    snprintf(key, len, "%s:%d", real, rule_line(r));
    free(real);
    return key;
}

static char *action_what(const Action *a)
{
    StrBuf b = {0};
    switch (a->kind) {
    case ACT_COACHING:
        sb_puts(&b, "coaching ");
        if (a->topic_quoted)
            sb_puts(&b, "\"");
        sb_puts(&b, a->text ? a->text : "");
        if (a->topic_quoted)
            sb_puts(&b, "\"");
        break;
    case ACT_ADJUST:
        sb_puts(&b, a->adjust_goal ? "adjust goal " : "adjust ");
        sb_puts(&b, a->text ? a->text : "quota");
        break;
    case ACT_NOTIFY:
        sb_puts(&b, a->person == PERSON_REP ? "notify rep" : "notify manager");
        break;
    case ACT_REVIEW:
    case ACT_FLAG:
        sb_puts(&b, a->kind == ACT_REVIEW ? "review \"" : "flag \"");
        sb_puts(&b, a->text ? a->text : "");
        sb_puts(&b, "\"");
        break;
    }
    sb_puts(&b, " never fired");
    return b.s;
}

static char *followup_what(const Action *a)
{
    StrBuf b = {0};
    sb_puts(&b, "its follow-up (expect ");
    sb_puts(&b, a->expect_text ? a->expect_text : "");
    sb_puts(&b, ") never reported met, missed or pending");
    return b.s;
}

static CoverRule *cover_find(Coverage *cv, const char *key)
{
    for (size_t i = 0; i < cv->n; i++)
        if (strcmp(cv->rules[i].key, key) == 0)
            return &cv->rules[i];
    return NULL;
}

static void cover_add_rule(Coverage *cv, const Rule *r, char *key)
{
    cv->rules = xgrow(cv->rules, &cv->cap, cv->n, sizeof *cv->rules);
    CoverRule *cr = &cv->rules[cv->n++];
    memset(cr, 0, sizeof *cr);
    cr->file = xstrdup(r->src ? r->src->name : "?");
    cr->key = key;
    cr->line = rule_line(r);
    cr->name = r->named ? xstrdup(r->name) : NULL;
    size_t n = 0;
    for (int k = 0; k < r->nactions; k++)
        n += 1 + (r->actions[k].expect != NULL);
    cr->items = xcalloc(n, sizeof *cr->items);
    for (int k = 0; k < r->nactions; k++) {
        cr->items[cr->nitems++].what = action_what(&r->actions[k]);
        if (r->actions[k].expect)
            cr->items[cr->nitems++].what = followup_what(&r->actions[k]);
    }
}

/* Records every rule and source of a program that a test loaded. */
static void cover_register(Coverage *cv, const Program *prog)
{
    for (int i = 0; i < prog->nsources; i++) {
        char *real = real_path(prog->sources[i]->name);
        if (strlist_has(&cv->loaded, real))
            free(real);
        else
            strlist_add(&cv->loaded, real);
    }
    for (int i = 0; i < prog->nrules; i++) {
        char *key = rule_key(&prog->rules[i]);
        if (cover_find(cv, key))
            free(key);
        else
            cover_add_rule(cv, &prog->rules[i], key);
    }
}

static void cover_free(Coverage *cv)
{
    for (size_t i = 0; i < cv->n; i++) {
        CoverRule *cr = &cv->rules[i];
        for (size_t k = 0; k < cr->nitems; k++)
            free(cr->items[k].what);
        free(cr->items);
        free(cr->file);
        free(cr->key);
        free(cr->name);
    }
    free(cv->rules);
    strlist_free(&cv->loaded);
}

/* The rule that issued a row: by its index, checked by name. */
static const Rule *row_rule(const Program *prog, const ActionRow *row)
{
    int i = row->rule_index;
    if (i >= 0 && i < prog->nrules && strcmp(prog->rules[i].name, row->rule) == 0)
        return &prog->rules[i];
    for (i = 0; i < prog->nrules; i++)
        if (strcmp(prog->rules[i].name, row->rule) == 0)
            return &prog->rules[i];
    return NULL;
}

static int same_kind(const Action *a, ActionType t)
{
    switch (a->kind) {
    case ACT_COACHING: return t == AT_COACHING;
    case ACT_ADJUST: return t == AT_ADJUST;
    case ACT_NOTIFY: return t == AT_NOTIFY;
    case ACT_REVIEW: return t == AT_REVIEW;
    case ACT_FLAG: return t == AT_FLAG;
    }
    return 0;
}

/* Whether the row's target names this very action (two notifies of one
 * rule differ by their person; two coachings by their topic). */
static int same_target(const Action *a, const ActionRow *row)
{
    const char *target = row->target ? row->target : "";
    if (a->kind == ACT_NOTIFY) {
        /* "manager", or "manager (Mia Chen)" when the roster names one */
        const char *who = a->person == PERSON_REP ? "rep" : "manager";
        size_t n = strlen(who);
        return strncmp(target, who, n) == 0 &&
               (target[n] == '\0' || target[n] == ' ' || target[n] == ':');
    }
    return a->text && strcmp(a->text, target) == 0;
}

/* Marks what the row shows fired: the exact action when the target tells
 * it, else every action of the row's kind in that rule. */
static void cover_row(Coverage *cv, const Program *prog, const ActionRow *row)
{
    const Rule *r = row_rule(prog, row);
    if (!r)
        return;
    char *key = rule_key(r);
    CoverRule *cr = cover_find(cv, key);
    free(key);
    if (!cr)
        return;
    cr->fired = 1;
    int any = 0;
    for (int loose = 0; loose < 2 && !any; loose++) {
        size_t item = 0;
        for (int k = 0; k < r->nactions && item < cr->nitems; k++) {
            const Action *a = &r->actions[k];
            if (row->type == AT_EXPECT) {
                if (a->expect && item + 1 < cr->nitems &&
                    (loose || (a->expect_text && row->target && strcmp(a->expect_text, row->target) == 0))) {
                    cr->items[item + 1].fired = 1;
                    any = 1;
                }
            } else if (same_kind(a, row->type) && (loose || same_target(a, row))) {
                cr->items[item].fired = 1;
                any = 1;
            }
            item += 1 + (a->expect != NULL);
        }
    }
}

static void print_rule_ref(FILE *out, const CoverRule *cr)
{
    fprintf(out, "  %s:%d", cr->file, cr->line);
    if (cr->name)
        fprintf(out, " \"%s\"", cr->name);
    else
        fprintf(out, " (a rule without a name)");
}

/* Rule files in the searched folders that no test loads: their rules
 * count as never fired. */
static void cover_untested_files(Coverage *cv, const StrList *paces)
{
    for (size_t i = 0; i < paces->n; i++) {
        char *real = real_path(paces->v[i]);
        int loaded = strlist_has(&cv->loaded, real);
        free(real);
        if (loaded)
            continue;
        Diag quiet;
        FILE *devnull = fopen("/dev/null", "w");
        if (!devnull)
            continue;
        diag_init(&quiet, devnull);
        const char *one[1] = {paces->v[i]};
        Program *prog = parse_files(one, 1, &quiet);
        if (!quiet.errors)
            cover_register(cv, prog);
        ast_free(prog);
        fclose(devnull);
    }
}

static void cover_report(const Coverage *cv, FILE *out)
{
    size_t uncovered = 0;
    for (size_t i = 0; i < cv->n; i++) {
        const CoverRule *cr = &cv->rules[i];
        int all = cr->fired;
        for (size_t k = 0; k < cr->nitems; k++)
            all = all && cr->items[k].fired;
        if (all)
            continue;
        if (uncovered++ == 0)
            fprintf(out, "coverage: what no test made fire:\n");
        if (!cr->fired) {
            print_rule_ref(out, cr);
            fprintf(out, ": the rule never fired\n");
            continue;
        }
        for (size_t k = 0; k < cr->nitems; k++) {
            if (cr->items[k].fired)
                continue;
            print_rule_ref(out, cr);
            fprintf(out, ": %s\n", cr->items[k].what);
        }
    }
    if (uncovered)
        fprintf(out, "coverage: %zu of %zu rule%s not fully covered\n", uncovered, cv->n,
                cv->n == 1 ? "" : "s");
    else
        fprintf(out, "coverage: all %zu rule%s covered\n", cv->n, cv->n == 1 ? "" : "s");
}

/* ------------------------------------------------------------------ */
/* Inputs: inline tables become CSV files the real importer reads.      */

/* A CSV field, quoted when it must be (RFC 4180). */
static void csv_field(FILE *f, const char *s)
{
    size_t len = strlen(s);
    int quote = strpbrk(s, ",\"\r\n") != NULL ||
                (len && (s[0] == ' ' || s[len - 1] == ' '));
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_row(FILE *f, const TestRow *r)
{
    for (const TestCell *c = r->cells; c; c = c->next) {
        csv_field(f, c->text);
        if (c->next)
            fputc(',', f);
    }
    fputc('\n', f);
}

/* The test-file line of the CSV's line n (1 = the header). */
static long table_line(const TestTable *tb, long n)
{
    if (n <= 1)
        return tb->header->line;
    const TestRow *r = tb->rows;
    for (long i = 2; r && i < n; i++)
        r = r->next;
    return r ? r->line : tb->header->line;
}

/* Passes the importer's messages on, naming the test file and its line
 * instead of the temporary file. */
static void relay(FILE *out, const char *text, size_t len, const char *tmp,
                  const char *test_path, const TestTable *tb)
{
    size_t tl = strlen(tmp);
    size_t i = 0;
    while (i < len) {
        if (len - i >= tl && memcmp(text + i, tmp, tl) == 0) {
            i += tl;
            long n = 0;
            size_t j = i;
            if (j < len && text[j] == ':') {
                j++;
                while (j < len && text[j] >= '0' && text[j] <= '9')
                    n = n * 10 + (text[j++] - '0');
            }
            if (n > 0 && j > i + 1) {
                fprintf(out, "%s:%ld", test_path, table_line(tb, n));
                i = j;
            } else {
                fprintf(out, "%s:%d", test_path, tb->header->line);
            }
            continue;
        }
        fputc(text[i++], out);
    }
}

typedef struct Inputs {
    Diag *d;
    Store *store;
    CsvStats stats;
    CsvOptions opt;
    const char *test_path;
} Inputs;

static const char *const shape_needs[] = {
    [TABLE_ACTIVITIES] = "date, rep and activity columns",
    [TABLE_OPPORTUNITIES] = "rep, created and stage columns",
    [TABLE_METRICS] = "a rep column, a period column (period, week, month or date) and figures",
    [TABLE_TARGETS] = ("a rep column, a period column (period, week, month or date) and a quota "
                       "column or goals named like \"calls goal\""),
    [TABLE_ROSTER] = "a rep column and no dates or figures",
};

static const char *an(const char *word)
{
    return strchr("aeiou", word[0]) ? "n" : "";
}

static CsvShape table_shape(TableKind k)
{
    switch (k) {
    case TABLE_ACTIVITIES: return SHAPE_ACTIVITIES;
    case TABLE_OPPORTUNITIES: return SHAPE_OPPORTUNITIES;
    case TABLE_METRICS: return SHAPE_METRICS;
    case TABLE_TARGETS: return SHAPE_TARGETS;
    case TABLE_ROSTER: return SHAPE_ROSTER;
    case TABLE_EXPECT: break;
    }
    return SHAPE_UNKNOWN;
}

/* The importer tells a file's kind from its header; a test names it.  When
 * the two disagree the test would quietly test something else, so say so
 * (a header the importer cannot place at all it explains itself). */
static int check_shape(Inputs *in, const TestTable *tb)
{
    char **headers = xcalloc((size_t)tb->header->ncells + 1, sizeof *headers);
    int n = 0;
    for (const TestCell *c = tb->header->cells; c; c = c->next)
        headers[n++] = (char *)c->text;
    CsvLayout lay;
    memset(&lay, 0, sizeof lay);
    int known = csvhead_layout(&lay, headers, n, &in->opt);
    CsvShape got = lay.shape;
    csvhead_free(&lay);
    free(headers);
    if (!known || got == table_shape(tb->kind))
        return 0;
    diag_error(in->d, tb->span, "the columns of this table make it a%s %s table, not a%s %s table; "
               "a%s %s table needs %s", an(csvin_shape_name(got)), csvin_shape_name(got),
               an(tast_table_name(tb->kind)), tast_table_name(tb->kind),
               an(tast_table_name(tb->kind)), tast_table_name(tb->kind), shape_needs[tb->kind]);
    return 1;
}

/* Writes a table as CSV to a new temporary file, named into tmp.  0 when
 * fine; 1 after reporting (no file is left behind). */
static int write_table(Inputs *in, const TestTable *tb, char *tmp, size_t size)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    snprintf(tmp, size, "%s/pace-test-XXXXXX", tmpdir);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        diag_fail(in->d, "cannot make a temporary file in %s: %s", tmpdir, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return 1;
    }
    csv_row(f, tb->header);
    for (const TestRow *r = tb->rows; r; r = r->next)
        csv_row(f, r);
    if (fclose(f) != 0) {
        diag_fail(in->d, "cannot write a temporary file in %s: %s", tmpdir, strerror(errno));
        unlink(tmp);
        return 1;
    }
    return 0;
}

/* Imports one table through the importer, its messages caught and passed
 * on with the test file's lines.  0 when fine. */
static int import_table(Inputs *in, const TestTable *tb)
{
    char tmp[PATH_MAX];
    if (check_shape(in, tb) || write_table(in, tb, tmp, sizeof tmp))
        return 1;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        unlink(tmp);
        diag_fail(in->d, "out of memory");
        return 1;
    }
    Diag cap;
    diag_init(&cap, mem);
    CsvOptions opt = in->opt;
    opt.delimiter = ',';
    int rc = csvin_read(tmp, &opt, in->store, &in->stats, &cap);
    fclose(mem);
    unlink(tmp);
    relay(in->d->out, text, len, tmp, in->test_path, tb);
    free(text);    /* open_memstream's buffer comes from malloc */
    in->d->errors += cap.errors;
    in->d->warnings += cap.warnings;
    return rc != 0 || cap.errors > 0;
}

/* Reads a test's data files and tables into a new store; NULL (after
 * reporting) when any of them cannot be used. */
static Store *load_inputs(Diag *d, const Program *prog, const TestCase *t,
                          const char *dir, const char *test_path)
{
    StoreNeeds needs;
    ev_needs(prog, &needs);
    Inputs in = {0};
    in.d = d;
    in.store = store_new(&needs);
    free(needs.extra);
    free(needs.activity_types);
    in.opt.strict = 1;     /* a bad row in a test's input is a mistake in the test */
    in.opt.jobs = 1;
    in.test_path = test_path;
    int bad = 0;
    for (const TestPath *p = t->data; p && !bad; p = p->next) {
        char *path = path_join(dir, p->path);
        bad = csvin_read(path, &in.opt, in.store, &in.stats, d) != 0;
        free(path);
    }
    for (const TestTable *tb = t->tables; tb && !bad; tb = tb->next)
        bad = import_table(&in, tb);
    if (bad) {
        store_free(in.store);
        return NULL;
    }
    return in.store;
}

/* ------------------------------------------------------------------ */
/* Matching expected rows against the action list.                     */

enum { COL_PERIOD, COL_REP, COL_TEAM, COL_RULE, COL_ACTION, COL_TARGET, COL_VALUE,
       COL_PREVIOUS, COL_PRIORITY, COL_DUE, COL_REASON, COL_MANAGER };

static const char *const column_names[] = {
    "period", "rep", "team", "rule", "action", "target", "value",
    "previous", "priority", "due", "reason", "manager",
};

/* An action row's cell as the CSV shows it; buf holds formatted ones. */
static const char *actual_text(const ActionRow *r, int col, char *buf, size_t size)
{
    switch (col) {
    case COL_PERIOD: date_format(r->period, buf); return buf;
    case COL_REP: return r->rep ? r->rep : "";
    case COL_TEAM: return r->team ? r->team : "";
    case COL_RULE: return r->rule ? r->rule : "";
    case COL_ACTION: return actions_type_name(r->type);
    case COL_TARGET: return r->target ? r->target : "";
    case COL_VALUE: actions_format_cell(&r->value, buf, size); return buf;
    case COL_PREVIOUS: actions_format_cell(&r->previous, buf, size); return buf;
    case COL_PRIORITY: return r->priority ? r->priority : "";
    case COL_DUE:
        if (r->due < 0)
            return "";
        date_format(r->due, buf);
        return buf;
    case COL_REASON: return r->reason ? r->reason : "";
    case COL_MANAGER: return r->manager ? r->manager : "";
    }
    return "";
}

/* `*` in an expected cell stands for any text. */
static int glob(const char *pat, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*pat == '*') {
            star = pat++;
            resume = s;
        } else if (*pat == *s) {
            pat++;
            s++;
        } else if (star) {
            pat = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*pat == '*')
        pat++;
    return *pat == '\0';
}

/* A number as a cell shows it: 11000, 11000.00, 12.5%, 3.0x. */
static int cell_number(const char *s, double *v, char *unit)
{
    if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.'))
        return 0;
    char *end;
    *v = strtod(s, &end);
    if (end == s)
        return 0;
    *unit = 0;
    if (*end == '%' || *end == 'x')
        *unit = *end++;
    return *end == '\0';
}

/* Expected text against actual text: equal, equal as numbers (11000 is
 * 11000.00), or matching a pattern with `*`; action and priority words
 * in any case. */
static int cell_matches(int col, const char *want, const char *got)
{
    if (strcmp(want, got) == 0)
        return 1;
    if (strchr(want, '*'))
        return glob(want, got);
    if ((col == COL_ACTION || col == COL_PRIORITY) && strcasecmp(want, got) == 0)
        return 1;
    double a, b;
    char ua, ub;
    if (cell_number(want, &a, &ua) && cell_number(got, &b, &ub) && ua == ub) {
        double scale = a < 0 ? -a : a;
        return (a - b < 0 ? b - a : a - b) <= 1e-9 * (scale > 1 ? scale : 1);
    }
    return 0;
}

typedef struct Match {
    int ne, na;
    const TestRow **exp;       /* expected rows */
    const ActionRow *act;      /* actual rows */
    const int *cols;           /* the expect header's columns */
    int ncols;
    unsigned char *ok;         /* ne x na: row e fits row a */
    int *owner;                /* actual -> expected, -1 */
    int *match;                /* expected -> actual, -1 */
} Match;

static int row_fits(const Match *m, int e, int a)
{
    char buf[64];
    const TestCell *c = m->exp[e]->cells;
    for (int k = 0; k < m->ncols && c; k++, c = c->next)
        if (!cell_matches(m->cols[k], c->text,
                          actual_text(&m->act[a], m->cols[k], buf, sizeof buf)))
            return 0;
    return 1;
}

/* Kuhn's augmenting path: expected row e takes the earliest actual row
 * that fits, unless an earlier expected row needs it and can move. */
static int augment(Match *m, int e, unsigned char *seen)
{
    for (int a = 0; a < m->na; a++) {
        if (seen[a] || !m->ok[(size_t)e * (size_t)m->na + (size_t)a])
            continue;
        seen[a] = 1;
        if (m->owner[a] < 0 || augment(m, m->owner[a], seen)) {
            m->owner[a] = e;
            m->match[e] = a;
            return 1;
        }
    }
    return 0;
}

static void match_rows(Match *m)
{
    m->ok = xcalloc((size_t)m->ne * (size_t)m->na + 1, 1);
    m->owner = xmalloc(((size_t)m->na + 1) * sizeof *m->owner);
    m->match = xmalloc(((size_t)m->ne + 1) * sizeof *m->match);
    for (int a = 0; a < m->na; a++)
        m->owner[a] = -1;
    for (int e = 0; e < m->ne; e++) {
        m->match[e] = -1;
        for (int a = 0; a < m->na; a++)
            m->ok[(size_t)e * (size_t)m->na + (size_t)a] = (unsigned char)row_fits(m, e, a);
    }
    unsigned char *seen = xmalloc((size_t)m->na + 1);
    for (int e = 0; e < m->ne; e++) {
        memset(seen, 0, (size_t)m->na + 1);
        augment(m, e, seen);
    }
    free(seen);
}

static void match_free(Match *m)
{
    free(m->exp);
    free(m->ok);
    free(m->owner);
    free(m->match);
}

/* ------------------------------------------------------------------ */
/* The side-by-side table of a failed test.                            */

enum { MARK_WIDTH = 12 };

typedef struct Side {
    size_t *width;     /* per column */
} Side;

static const char *expected_text(const Match *m, int e, int k)
{
    const TestCell *c = m->exp[e]->cells;
    for (int i = 0; i < k && c; i++)
        c = c->next;
    return c ? c->text : "";
}

static void measure_sides(const Match *m, size_t *lw, size_t *rw)
{
    char buf[64];
    for (int k = 0; k < m->ncols; k++) {
        lw[k] = rw[k] = shown_width(column_names[m->cols[k]]);
        for (int e = 0; e < m->ne; e++) {
            size_t w = shown_width(expected_text(m, e, k));
            if (w > lw[k])
                lw[k] = w;
        }
        for (int a = 0; a < m->na; a++) {
            size_t w = shown_width(actual_text(&m->act[a], m->cols[k], buf, sizeof buf));
            if (w > rw[k])
                rw[k] = w;
        }
    }
}

/* Appends cells padded to their columns' widths. */
static void add_cells(StrBuf *b, const char *const *cells, const size_t *width, int n)
{
    for (int k = 0; k < n; k++) {
        if (k)
            sb_puts(b, "  ");
        add_shown(b, cells[k]);
        buf_pad(b, width[k] - shown_width(cells[k]));
    }
}

static size_t block_width(const size_t *width, int n)
{
    size_t w = 0;
    for (int k = 0; k < n; k++)
        w += width[k] + (k ? 2 : 0);
    return w;
}

static void put_line(FILE *out, StrBuf *b)
{
    while (b->n && b->s[b->n - 1] == ' ')
        b->s[--b->n] = '\0';
    fprintf(out, "%s\n", b->n ? b->s : "");
    b->n = 0;
    if (b->s)
        b->s[0] = '\0';
}

typedef struct Layout {
    const Match *m;
    size_t *lw, *rw;
    const char **cells;   /* scratch, ncols */
    FILE *out;
    StrBuf line;
} Layout;

/* One line: a mark, the expected row e (or blank), the actual row a. */
static void print_pair(Layout *L, const char *mark, int e, int a)
{
    const Match *m = L->m;
    char bufs[16][64];
    sb_puts(&L->line, "    ");
    sb_puts(&L->line, mark);
    buf_pad(&L->line, MARK_WIDTH - strlen(mark));
    for (int k = 0; k < m->ncols; k++)
        L->cells[k] = e >= 0 ? expected_text(m, e, k) : "";
    add_cells(&L->line, L->cells, L->lw, m->ncols);
    sb_puts(&L->line, " | ");
    for (int k = 0; k < m->ncols; k++)
        L->cells[k] = a >= 0 ? actual_text(&m->act[a], m->cols[k], bufs[k % 16], sizeof bufs[0]) : "";
    add_cells(&L->line, L->cells, L->rw, m->ncols);
    put_line(L->out, &L->line);
}

static void print_heads(Layout *L)
{
    const Match *m = L->m;
    buf_pad(&L->line, 4 + MARK_WIDTH);
    sb_puts(&L->line, "expected");
    size_t lw = block_width(L->lw, m->ncols);
    buf_pad(&L->line, lw > 8 ? lw - 8 : 0);
    sb_puts(&L->line, " | actual");
    put_line(L->out, &L->line);
    buf_pad(&L->line, 4 + MARK_WIDTH);
    for (int k = 0; k < m->ncols; k++)
        L->cells[k] = column_names[m->cols[k]];
    add_cells(&L->line, L->cells, L->lw, m->ncols);
    sb_puts(&L->line, " | ");
    add_cells(&L->line, L->cells, L->rw, m->ncols);
    put_line(L->out, &L->line);
}

/* Whether missing expected row x belongs before actual row a: it comes
 * before the row that matched a later expected row, and before an action
 * of a later period (when the test names the period). */
static int goes_before(const Match *m, int x, int a)
{
    int e = m->owner[a];
    if (e >= 0 && x < e)
        return 1;
    for (int k = 0; k < m->ncols; k++) {
        if (m->cols[k] != COL_PERIOD)
            continue;
        char buf[16];
        int day;
        const char *want = expected_text(m, x, k);
        return date_parse_iso(want, &day) &&
               strcmp(want, actual_text(&m->act[a], COL_PERIOD, buf, sizeof buf)) < 0;
    }
    return 0;
}

/* Rows in the action list's order; a missing expected row comes where it
 * would have stood (see goes_before). */
static void print_diff(FILE *out, const Match *m, int nothing_else)
{
    Layout L = {0};
    L.m = m;
    L.out = out;
    L.lw = xcalloc((size_t)m->ncols + 1, sizeof *L.lw);
    L.rw = xcalloc((size_t)m->ncols + 1, sizeof *L.rw);
    L.cells = xcalloc((size_t)m->ncols + 1, sizeof *L.cells);
    measure_sides(m, L.lw, L.rw);
    print_heads(&L);
    unsigned char *shown = xcalloc((size_t)m->ne + 1, 1);
    for (int a = 0; a < m->na; a++) {
        int e = m->owner[a];
        for (int x = 0; x < m->ne; x++)
            if (m->match[x] < 0 && !shown[x] && goes_before(m, x, a)) {
                shown[x] = 1;
                print_pair(&L, "missing", x, -1);
            }
        if (e >= 0) {
            shown[e] = 1;
            print_pair(&L, "", e, a);
        } else {
            print_pair(&L, nothing_else ? "unexpected" : "extra", -1, a);
        }
    }
    for (int e = 0; e < m->ne; e++)
        if (!shown[e])
            print_pair(&L, "missing", e, -1);
    free(shown);
    free(L.lw);
    free(L.rw);
    free(L.cells);
    free(L.line.s);
}

/* `and nothing else` or `expect nothing`: every action must be expected. */
static int closed_list(const TestCase *t)
{
    return t->nothing_else || t->expect_nothing;
}

/* The columns a test compares: its expect header's, or for `expect
 * nothing` the ones that say what fired. */
static int expect_cols(const TestCase *t, int *cols)
{
    static const int shown[] = {COL_PERIOD, COL_REP, COL_TEAM, COL_RULE, COL_ACTION, COL_TARGET};
    int n = 0;
    if (t->expect && t->expect->header) {
        for (const TestCell *c = t->expect->header->cells; c && n < 16; c = c->next)
            cols[n++] = tast_expect_column(c->text);
        return n;
    }
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        cols[n++] = shown[i];
    return n;
}

/* Matches the expected rows against the action list; returns 1 when the
 * test passes.  m holds the match for print_diff; match_free releases it. */
static int compare(const TestCase *t, const ActionList *list, int *cols, Match *m)
{
    memset(m, 0, sizeof *m);
    m->ncols = expect_cols(t, cols);
    m->cols = cols;
    m->act = list->rows;
    m->na = (int)list->n;
    m->ne = t->expect ? t->expect->nrows : 0;
    m->exp = xcalloc((size_t)m->ne + 1, sizeof *m->exp);
    int e = 0;
    for (const TestRow *r = t->expect ? t->expect->rows : NULL; r; r = r->next)
        m->exp[e++] = r;
    match_rows(m);
    int pass = 1;
    for (e = 0; e < m->ne; e++)
        pass = pass && m->match[e] >= 0;
    for (int a = 0; a < m->na; a++)
        pass = pass && (!closed_list(t) || m->owner[a] >= 0);
    return pass;
}

/* ------------------------------------------------------------------ */
/* Running tests.                                                      */

/* One rule-file set, parsed and checked once per test file. */
typedef struct RuleSet {
    char *key;          /* the resolved paths, one per line */
    Program *prog;
    int ok;
} RuleSet;

typedef struct Runner {
    FILE *out;
    Diag *d;
    int passed, failed;
    Coverage cov;
    RuleSet *sets;      /* of the current test file */
    size_t nsets, capsets;
} Runner;

static void free_sets(Runner *rn)
{
    for (size_t i = 0; i < rn->nsets; i++) {
        free(rn->sets[i].key);
        ast_free(rn->sets[i].prog);
    }
    free(rn->sets);
    rn->sets = NULL;
    rn->nsets = rn->capsets = 0;
}

/* The checked program of a test's rule files, or NULL after reporting. */
static const Program *rules_of(Runner *rn, const TestFile *tf, const TestCase *t, const char *dir)
{
    const TestPath *list = t->rules ? t->rules : tf->rules;
    StrList paths = {0};
    StrBuf key = {0};
    for (const TestPath *p = list; p; p = p->next) {
        strlist_add(&paths, path_join(dir, p->path));
        sb_puts(&key, paths.v[paths.n - 1]);
        sb_puts(&key, "\n");
    }
    for (size_t i = 0; i < rn->nsets; i++)
        if (strcmp(rn->sets[i].key, key.s ? key.s : "") == 0) {
            strlist_free(&paths);
            free(key.s);
            return rn->sets[i].ok ? rn->sets[i].prog : NULL;
        }
    int before = rn->d->errors;
    Program *prog = parse_files((const char *const *)paths.v, (int)paths.n, rn->d);
    if (rn->d->errors == before)
        chk_program(prog, rn->d);
    rn->sets = xgrow(rn->sets, &rn->capsets, rn->nsets, sizeof *rn->sets);
    RuleSet *rs = &rn->sets[rn->nsets++];
    rs->key = key.s ? key.s : xstrdup("");
    rs->prog = prog;
    rs->ok = rn->d->errors == before;
    if (rs->ok)
        cover_register(&rn->cov, prog);
    strlist_free(&paths);
    return rs->ok ? prog : NULL;
}

static void report(Runner *rn, const char *test_path, const TestCase *t, int pass)
{
    fprintf(rn->out, "%s %s:%d %s\n", pass ? "ok  " : "FAIL", test_path, t->line, t->name);
    if (pass)
        rn->passed++;
    else
        rn->failed++;
}

static void fail_because(Runner *rn, const char *test_path, const TestCase *t, const char *why)
{
    report(rn, test_path, t, 0);
    fprintf(rn->out, "    %s\n", why);
}

/* The periods a test reports: as given, or every period of its data. */
static EvalOptions eval_options(const TestCase *t, const Store *store)
{
    EvalOptions o = {t->as_of, t->from, t->to, 0};
    if (t->range == RANGE_ALL) {
        int first, last;
        o.as_of = o.to = -1;
        o.from = store_data_days(store, &first, &last) ? first : -1;
    }
    return o;
}

static void run_test(Runner *rn, const TestFile *tf, const TestCase *t, const char *dir,
                     const char *test_path)
{
    const Program *prog = rules_of(rn, tf, t, dir);
    if (!prog) {
        fail_because(rn, test_path, t, "the rule files have errors (see the messages above)");
        return;
    }
    Store *store = load_inputs(rn->d, prog, t, dir, test_path);
    if (!store) {
        fail_because(rn, test_path, t, "the test's input data has errors (see the messages above)");
        return;
    }
    EvalOptions opt = eval_options(t, store);
    ActionList *list = ev_run(prog, store, &opt, rn->d);
    if (!list) {
        fail_because(rn, test_path, t, "the rules could not be run (see the messages above)");
        store_free(store);
        return;
    }
    for (size_t i = 0; i < list->n; i++)
        cover_row(&rn->cov, prog, &list->rows[i]);
    int cols[16];
    Match m;
    int pass = compare(t, list, cols, &m);
    report(rn, test_path, t, pass);
    if (!pass)
        print_diff(rn->out, &m, closed_list(t));
    match_free(&m);
    actions_free(list);
    store_free(store);
}

static int has_suffix(const char *s, const char *suffix);

static void run_file(Runner *rn, const char *path)
{
    int before = rn->d->errors;
    if (has_suffix(path, ".pace")) {
        diag_fail(rn->d, "%s is a rule file; pace test runs test files (name.test) that name "
                  "the rule files they test", path);
        fprintf(rn->out, "FAIL %s (not a test file)\n", path);
        rn->failed++;
        return;
    }
    TestFile *tf = tast_parse_file(path, rn->d);
    if (tf && rn->d->errors == before)
        tast_check(tf, rn->d);
    if (!tf || rn->d->errors != before) {
        fprintf(rn->out, "FAIL %s (%s)\n", path,
                tf ? "the test file has errors; see the messages above" : "cannot read it");
        rn->failed++;
        tast_free(tf);
        return;
    }
    char *dir = path_dir(path);
    for (const TestCase *t = tf->tests; t; t = t->next)
        run_test(rn, tf, t, dir, path);
    free(dir);
    free_sets(rn);
    tast_free(tf);
}

/* ------------------------------------------------------------------ */
/* Finding test files.                                                 */

static int has_suffix(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls > lx && strcmp(s + ls - lx, suffix) == 0;
}

/* Every *.test (and, for coverage, *.pace) file under a folder. */
static void walk(const char *dir, StrList *tests, StrList *paces, int depth)
{
    DIR *dp = opendir(dir);
    if (!dp || depth > 32) {
        if (dp)
            closedir(dp);
        return;
    }
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *child = path_join(dir, de->d_name);
        struct stat st;
        if (stat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(child, tests, paces, depth + 1);
            free(child);
        } else if (has_suffix(de->d_name, ".test")) {
            strlist_add(tests, child);
        } else if (has_suffix(de->d_name, ".pace")) {
            strlist_add(paces, child);
        } else {
            free(child);
        }
    }
    closedir(dp);
}

/* Adds the files a command-line argument stands for; 1 on a problem. */
static int collect(const char *arg, StrList *tests, StrList *paces, Diag *d)
{
    struct stat st;
    if (stat(arg, &st) != 0) {
        diag_fail(d, "cannot read %s: %s", arg, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        strlist_add(tests, xstrdup(arg));
        return 0;
    }
    size_t first = tests->n, pfirst = paces->n;
    walk(arg, tests, paces, 0);
    if (tests->n > first)
        qsort(tests->v + first, tests->n - first, sizeof *tests->v, cmp_str);
    if (paces->n > pfirst)
        qsort(paces->v + pfirst, paces->n - pfirst, sizeof *paces->v, cmp_str);
    if (tests->n == first) {
        diag_fail(d, "no test files (*.test) in %s", arg);
        return 1;
    }
    return 0;
}

int tf_run_files(const char *const *paths, int npaths, int coverage, FILE *out, Diag *d)
{
    StrList tests = {0}, paces = {0};
    int problems = 0;
    for (int i = 0; i < npaths; i++)
        problems += collect(paths[i], &tests, &paces, d);
    Runner rn = {0};
    rn.out = out;
    rn.d = d;
    for (size_t i = 0; i < tests.n; i++) {
        run_file(&rn, tests.v[i]);
        fflush(out);
    }
    if (coverage) {
        cover_untested_files(&rn.cov, &paces);
        cover_report(&rn.cov, out);
    }
    fprintf(out, "%d passed, %d failed\n", rn.passed, rn.failed);
    cover_free(&rn.cov);
    strlist_free(&tests);
    strlist_free(&paces);
    if (fflush(out) != 0)
        problems++;
    return rn.failed || problems ? 1 : 0;
}
