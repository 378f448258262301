/* parse.c — the front end's driver (see parse.h): loads rule files and
 * their includes, runs the reentrant lexer and parser over each, and
 * gives the grammar's actions their constructors (front.h).  Semantic
 * checks that need the whole program live in check.c; what is checked
 * here is local to a token or an item (a duration's unit, a coaching
 * topic, a metric defined twice). */
#include "parse.h"
#include "front.h"
#include "measure.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser.h"
#include "lexer.h"

/* ---------------------------------------------------------------- driver */

void front_init(Front *f, Program *prog, Diag *d)
{
    memset(f, 0, sizeof *f);
    f->prog = prog;
    f->d = d;
    f->metrics_cap = f->rules_cap = f->measures_cap = f->sources_cap = 0;
}

void front_done(Front *f)
{
    for (int i = 0; i < f->nseen; i++)
        free(f->seen[i]);
    free(f->seen);
    free(f->stack);
    free(f->items);
    free(f->comments);
}

/* The program owns every source it parsed (ast_free frees them). */
static void add_source(Front *f, Source *src)
{
    Program *p = f->prog;
    p->sources = xgrow(p->sources, &f->sources_cap, (size_t)p->nsources, sizeof *p->sources);
    p->sources[p->nsources++] = src;
}

/* Rule files are UTF-8 text: a NUL byte or a broken UTF-8 sequence means
 * the wrong file (a spreadsheet, a binary) — say so once, at the spot. */
static int check_text(Front *f, const Source *src)
{
    const unsigned char *t = (const unsigned char *)src->text;
    for (size_t i = 0; i < src->len;) {
        unsigned c = t[i];
        size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        int ok = c != 0 && n > 0 && i + n <= src->len;
        for (size_t k = 1; ok && k < n; k++)
            ok = (t[i + k] & 0xC0) == 0x80;
        if (!ok) {
            Span at = {src, (unsigned)i, (unsigned)i + 1};
            if (c == 0)
                diag_error(f->d, at, "this file holds a NUL byte: a rule file is plain text");
            else
                diag_error(f->d, at, "this file is not UTF-8 text (byte 0x%02X): save the rule file as UTF-8", c);
            return -1;
        }
        i += n;
    }
    return 0;
}

void front_parse(Front *f, const Source *src)
{
    if (check_text(f, src) != 0)
        return;
    PState ps = {.f = f, .src = src};
    yyscan_t scanner;
    if (yylex_init_extra(&ps, &scanner) != 0) {
        diag_fail(f->d, "cannot start the rule parser");
        return;
    }
    YY_BUFFER_STATE buf = yy_scan_bytes(src->text, (int)src->len, scanner);
    yyparse(scanner, &ps);
    yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
}

/* The canonical path of a file, for include cycles; NULL if none. */
static char *real_path(const char *path)
{
    char buf[PATH_MAX];
    if (!realpath(path, buf))
        return NULL;
    return xstrdup(buf);
}

static int seen_before(Front *f, const char *real)
{
    for (int i = 0; i < f->nseen; i++)
        if (strcmp(f->seen[i], real) == 0)
            return 1;
    return 0;
}

int front_bom(const Source *src)
{
    return src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void front_strip_bom(Source *src)
{
    size_t n = (size_t)front_bom(src);
    if (!n)
        return;
    memmove(src->text, src->text + n, src->len - n + 1);
    src->len -= n;
    for (size_t i = 1; i < src->nlines; i++)
        src->line_starts[i] -= n;
}

/* Parses a loaded file (the top level or an include) with its real path
 * on the include stack. */
static void parse_file(Front *f, Source *src, char *real)
{
    front_strip_bom(src);
    add_source(f, src);
    f->seen = xrealloc(f->seen, (size_t)(f->nseen + 1) * sizeof *f->seen);
    f->seen[f->nseen++] = real;
    f->stack = xrealloc(f->stack, (size_t)(f->depth + 1) * sizeof *f->stack);
    f->stack[f->depth++] = real;
    front_parse(f, src);
    f->depth--;
}

static void parse_prelude(Front *f)
{
    Source *src = source_from_text("<prelude>", prelude_text, strlen(prelude_text));
    add_source(f, src);
    f->in_prelude = 1;
    front_parse(f, src);
    f->in_prelude = 0;
}

Program *parse_files(const char *const *paths, int npaths, Diag *d)
{
    Program *prog = ast_new();
    Front f;
    front_init(&f, prog, d);
    parse_prelude(&f);
    for (int i = 0; i < npaths; i++) {
        char *real = real_path(paths[i]);
        if (real && seen_before(&f, real)) {
            free(real);
            continue;
        }
        Source *src = source_load(paths[i], d);
        if (!src) {
            free(real);
            continue;
        }
        parse_file(&f, src, real ? real : xstrdup(paths[i]));
    }
    front_done(&f);
    return prog;
}

Program *parse_text(const char *name, const char *text, size_t len, Diag *d)
{
    Program *prog = ast_new();
    Front f;
    front_init(&f, prog, d);
    parse_prelude(&f);
    parse_file(&f, source_from_text(name, text, len), xstrdup(name));
    front_done(&f);
    return prog;
}

/* ----------------------------------------------------------- the lexer's */

const char *front_intern(PState *ps, const char *s, size_t len)
{
    return ast_strndup(ps->f->prog, s, len);
}

void front_comment(PState *ps, Span at)
{
    Front *f = ps->f;
    if (!f->fmt_mode)
        return;
    f->comments = xgrow(f->comments, &f->comments_cap, (size_t)f->ncomments, sizeof *f->comments);
    f->comments[f->ncomments++] = at;
}

/* ----------------------------------------------------------- expressions */

/* Trees deeper than FRONT_MAX_DEPTH are refused here, once per file, so
 * the checker and the evaluator can recurse without fear. */
static Expr *sized(PState *ps, Expr *e)
{
    int h = 0;
    if (e->lhs && e->lhs->depth > h)
        h = e->lhs->depth;
    if (e->rhs && e->rhs->depth > h)
        h = e->rhs->depth;
    for (int i = 0; i < e->nargs; i++)
        if (e->args[i]->depth > h)
            h = e->args[i]->depth;
    e->depth = h + 1;
    if (e->depth > FRONT_MAX_DEPTH && !ps->too_deep) {
        ps->too_deep = 1;
        diag_error(ps->f->d, e->span, "this expression is nested too deeply (more than %d levels)",
                   FRONT_MAX_DEPTH);
    }
    return e;
}

Expr *front_num(PState *ps, NumLit n, Span at)
{
    Expr *e = ast_expr(ps->f->prog, EX_NUM, at);
    e->num = n.value;
    e->unit = n.unit;
    e->scale = n.scale;
    e->text = n.text;
    e->depth = 1;
    return e;
}

Expr *front_name(PState *ps, const char *name, Span at)
{
    Expr *e = ast_expr(ps->f->prog, EX_NAME, at);
    e->name = name;
    e->depth = 1;
    return e;
}

Expr *front_unary(PState *ps, ExprKind k, Expr *x, Span at)
{
    Expr *e = ast_expr(ps->f->prog, k, at);
    e->lhs = x;
    return sized(ps, e);
}

Expr *front_binary(PState *ps, ExprKind k, Expr *l, Expr *r, Span at)
{
    Expr *e = ast_expr(ps->f->prog, k, at);
    e->lhs = l;
    e->rhs = r;
    return sized(ps, e);
}

/* COND for N PERIODS */
Expr *front_for(PState *ps, Expr *x, Duration w, Span at)
{
    Expr *e = front_unary(ps, EX_FOR, x, at);
    e->window = w;
    e->has_window = 1;
    return e;
}

/* M drops|rises by AMOUNT [over N PERIODS] */
Expr *front_change(PState *ps, ChangeDir dir, Expr *x, Expr *amount, const Duration *over, Span at)
{
    Expr *e = front_binary(ps, EX_CHANGE, x, amount, at);
    e->dir = dir;
    if (over) {
        e->window = *over;
        e->has_window = 1;
    }
    return e;
}

Expr *front_call(PState *ps, const char *name, Span name_at, ExprList *args, Span at)
{
    (void)name_at;
    Expr *e = ast_expr(ps->f->prog, EX_CALL, at);
    e->name = name;
    e->args = args->v;
    e->nargs = args->n;
    e->window = args->window;
    e->has_window = args->has_window;
    return sized(ps, e);
}

/* activity_count("linkedin") */
Expr *front_call_text(PState *ps, const char *name, Span name_at, const char *text, Span at)
{
    (void)name_at;
    Expr *e = ast_expr(ps->f->prog, EX_CALL, at);
    e->name = name;
    e->text = text;
    e->depth = 1;
    return e;
}

/* by +10% / by -5 : the sign belongs to the literal */
Expr *front_signed(PState *ps, Expr *num, int sign, Span at)
{
    size_t len = strlen(num->text);
    char *t = ast_alloc(ps->f->prog, len + 2);
    t[0] = (char)sign;
    memcpy(t + 1, num->text, len + 1);
    num->text = t;
    if (sign == '-')
        num->num = -num->num;
    num->span = at;
    return num;
}

/* Room for one more element in an arena array holding n of *cap: the
 * arena cannot reallocate, so a full array is copied into one twice its
 * size (the old one goes with the arena). */
static void *arena_grow(PState *ps, void *v, int n, int *cap, size_t elem)
{
    if (n < *cap)
        return v;
    int ncap = *cap ? *cap * 2 : 4;
    void *nv = ast_alloc(ps->f->prog, (size_t)ncap * elem);
    if (n)
        memcpy(nv, v, (size_t)n * elem);
    *cap = ncap;
    return nv;
}

/* args -> expr {, expr} */
ExprList *front_args(PState *ps, ExprList *list, Expr *e)
{
    if (!list)
        list = ast_alloc(ps->f->prog, sizeof *list);
    list->v = arena_grow(ps, list->v, list->n, &list->cap, sizeof *list->v);
    list->v[list->n++] = e;
    return list;
}

/* N day(s)|week(s)|month(s)|quarter(s), or the unit alone (N = 1).  A
 * duration is a whole count of at least 1 and at most FRONT_MAX_DURATION;
 * any other number is reported here, where it was written. */
Duration front_window(PState *ps, const NumLit *n, int has_unit, DurUnit unit, Span at)
{
    Duration w = {.n = 1, .unit = unit, .span = at};
    Diag *d = ps->f->d;
    if (!n) {
        w.bare = 1;
        return w;
    }
    if (!has_unit) {
        if (n->unit == UNIT_PERCENT || n->unit == UNIT_X)
            diag_error(d, at, "'%s' is not a duration: write a number of days, weeks, months or quarters, as in '2 weeks'",
                       n->text);
        else
            diag_error(d, at, "a duration needs its unit: write '%s weeks' (or days, months, quarters)", n->text);
        return w;
    }
    if (n->unit != UNIT_NONE || n->scale != SCALE_NONE) {
        diag_error(d, at, "a duration is a plain count: write '%.0f %s', not '%s %s'",
                   n->unit == UNIT_PERCENT ? n->value * 100 : n->value,
                   ast_dur_unit_name(unit, 2), n->text, ast_dur_unit_name(unit, 2));
        return w;
    }
    if (n->value != (double)(long)n->value) {
        diag_error(d, at, "a duration is a whole number of %s; '%s' is not",
                   ast_dur_unit_name(unit, 2), n->text);
        return w;
    }
    if (n->value < 1) {
        diag_error(d, at, "a duration must be at least 1 %s", ast_dur_unit_name(unit, 1));
        return w;
    }
    if (n->value > FRONT_MAX_DURATION) {
        diag_error(d, at, "this duration is too long (at most %d %s)", FRONT_MAX_DURATION,
                   ast_dur_unit_name(unit, 2));
        return w;
    }
    w.n = (long)n->value;
    return w;
}

/* drops by 3 weeks: a duration where the amount of change belongs. */
Expr *front_bad_amount(PState *ps, NumLit n, Span at)
{
    diag_error(ps->f->d, at,
               "a change is measured in points (15 points), in %% (20%%) or as a plain number, "
               "not in days, weeks or months; the window goes after 'over', as in 'over 4 weeks'");
    return front_num(ps, n, at);
}

/* ------------------------------------------------------------------ items */

static void add_item(PState *ps, ItemKind kind, int index, Span span, const char *text)
{
    Front *f = ps->f;
    if (!f->fmt_mode)
        return;
    f->items = xgrow(f->items, &f->items_cap, (size_t)f->nitems, sizeof *f->items);
    f->items[f->nitems++] = (Item){kind, index, 1, span, text};
}

/* period week|month|quarter */
void front_set_period(PState *ps, DurUnit unit, Span at, Span item)
{
    Program *p = ps->f->prog;
    add_item(ps, ITEM_PERIOD, (int)unit, item, NULL);
    if (unit == DUR_DAY) {
        diag_error(ps->f->d, at, "a rule file's period is week, month or quarter");
        p->period_broken = 1;
        return;
    }
    PeriodKind k = unit == DUR_WEEK ? PER_WEEK : unit == DUR_MONTH ? PER_MONTH : PER_QUARTER;
    if (p->period_set && p->period != k && !ps->f->fmt_mode) {
        diag_error(ps->f->d, at, "the period is set twice, to %s and to %s",
                   period_kind_name(p->period), period_kind_name(k));
        diag_note(ps->f->d, p->period_span, "the period was first set here");
        return;
    }
    p->period = k;
    p->period_set = 1;
    p->period_span = at;
}

/* period <syntax error> */
void front_period_broken(PState *ps)
{
    ps->f->prog->period_broken = 1;
}

/* April, apr, 4 */
static int month_number(const char *s)
{
    static const char *const names[12] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december",
    };
    char *end;
    long n = strtol(s, &end, 10);
    if (end != s && !*end)
        return n >= 1 && n <= 12 ? (int)n : 0;
    size_t len = strlen(s);
    for (int i = 0; i < 12; i++)
        if (len >= 3 && strncasecmp(s, names[i], len) == 0)
            return i + 1;
    return 0;
}

/* fiscal year starts MONTH */
void front_set_fiscal(PState *ps, const char *month, Span at, Span item)
{
    add_item(ps, ITEM_FISCAL, 0, item, month);
    int m = month_number(month);
    if (!m) {
        diag_error(ps->f->d, at, "'%s' is not a month: write a month's name, as in 'fiscal year starts April'",
                   month);
        return;
    }
    ps->f->prog->fiscal_start_month = m;
}

static int find_metric(const Program *p, const char *name)
{
    for (int i = 0; i < p->nmetrics; i++)
        if (strcmp(p->metrics[i].name, name) == 0)
            return i;
    return -1;
}

/* Did the current item report an error?  Then it is broken: kept out of
 * the checker, which would only repeat the mistake in other words. */
static int item_broken(const PState *ps)
{
    return ps->f->d->errors > ps->item_errors;
}

void front_item_start(PState *ps)
{
    ps->item_errors = ps->f->d->errors;
}

/* The first user definition of a prelude KPI replaces it in place; any
 * other second definition is kept after the first, for the checker to
 * report with the rest. */
static void add_metric(PState *ps, Metric m, Span item)
{
    Front *f = ps->f;
    Program *p = f->prog;
    if (!f->fmt_mode && !f->in_prelude) {
        int i = find_metric(p, m.name);
        if (i >= 0 && p->metrics[i].from_prelude) {
            m.overridden = 1;
            p->metrics[i] = m;
            return;
        }
    }
    p->metrics = xgrow(p->metrics, &f->metrics_cap, (size_t)p->nmetrics, sizeof *p->metrics);
    p->metrics[p->nmetrics++] = m;
    if (!m.broken)
        add_item(ps, ITEM_METRIC, p->nmetrics - 1, item, NULL);
}

/* metric NAME = EXPR [when COND] */
void front_add_metric(PState *ps, const char *name, Span at, Expr *e, Expr *floor, Span item)
{
    Metric m = {.name = name, .span = at, .expr = e, .floor = floor,
                .from_prelude = ps->f->in_prelude, .src = ps->src, .broken = item_broken(ps)};
    add_metric(ps, m, item);
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* `metric meeting rate = ...`: the name the author meant, meeting_rate
 * (the words before '=' joined with _), or NULL when that is not it. */
static const char *joined_name(PState *ps, Span at)
{
    const char *t = ps->src->text;
    char buf[FRONT_MAX_NAME + 1];
    size_t n = 0;
    unsigned i = at.start;
    while (i < ps->src->len && n < FRONT_MAX_NAME) {
        if (name_char(t[i])) {
            buf[n++] = t[i++];
        } else if (t[i] == ' ' || t[i] == '\t') {
            while (t[i] == ' ' || t[i] == '\t')
                i++;
            if (t[i] == '=')
                return n > at.end - at.start ? front_intern(ps, buf, n) : NULL;
            if (!name_char(t[i]))
                return NULL;
            buf[n++] = '_';
        } else {
            return NULL;
        }
    }
    return NULL;
}

/* metric NAME <syntax error>: the name stays known (the joined name for
 * `metric meeting rate = ...`), so the rules that use it are checked
 * without an "unknown name" for each. */
void front_broken_metric(PState *ps, const char *name, Span at)
{
    const char *joined = joined_name(ps, at);
    Metric m = {.name = joined ? joined : name, .span = at, .from_prelude = ps->f->in_prelude,
                .src = ps->src, .broken = 1};
    add_metric(ps, m, at);
}

/* measure NAME, ... : one item for the list */
void front_add_measure(PState *ps, const char *name, Span at, Span item)
{
    Front *f = ps->f;
    Program *p = f->prog;
    if (!f->fmt_mode) {
        if (measure_lookup(name) >= 0) {
            diag_warning(f->d, at, "'%s' is a built-in measure; it needs no declaration", name);
            return;
        }
        for (int i = 0; i < p->nmeasures; i++)
            if (strcmp(p->measures[i].name, name) == 0)
                return;
    }
    p->measures = xgrow(p->measures, &f->measures_cap, (size_t)p->nmeasures, sizeof *p->measures);
    p->measures[p->nmeasures++] = (MeasureDecl){name, at};
    Item *last = f->nitems ? &f->items[f->nitems - 1] : NULL;
    if (f->fmt_mode && last && last->kind == ITEM_MEASURE && last->span.start == item.start) {
        last->count++;
        last->span = item;
        return;
    }
    add_item(ps, ITEM_MEASURE, p->nmeasures - 1, item, NULL);
}

/* The included file's path: relative to the including file's folder. */
static char *include_path(const Source *from, const char *path)
{
    const char *slash = strrchr(from->name, '/');
    if (path[0] == '/' || !slash)
        return xstrdup(path);
    size_t dir = (size_t)(slash - from->name) + 1;
    size_t len = strlen(path);
    char *full = xmalloc(dir + len + 1);
    memcpy(full, from->name, dir);
    memcpy(full + dir, path, len + 1);
    return full;
}

/* "a.pace -> b.pace -> a.pace" from the include stack. */
static void report_cycle(PState *ps, const char *real, Span at)
{
    Front *f = ps->f;
    char chain[1024] = "";
    size_t n = 0;
    int from = 0;
    while (from < f->depth && strcmp(f->stack[from], real) != 0)
        from++;
    for (int i = from; i < f->depth && n < sizeof chain - 1; i++) {
        const char *base = strrchr(f->stack[i], '/');
        n += (size_t)snprintf(chain + n, sizeof chain - n, "%s -> ", base ? base + 1 : f->stack[i]);
    }
    if (n >= sizeof chain)
        n = sizeof chain - 1;
    const char *last = strrchr(real, '/');
    snprintf(chain + n, sizeof chain - n, "%s", last ? last + 1 : real);
    diag_error(f->d, at, "include cycle: %s", chain);
}

/* include "file": parsed in place, once; missing files and cycles are errors. */
void front_include(PState *ps, const char *path, Span at, Span item)
{
    Front *f = ps->f;
    add_item(ps, ITEM_INCLUDE, 0, item, path);
    if (f->fmt_mode)
        return;
    if (f->depth >= FRONT_MAX_INCLUDE) {
        diag_error(f->d, at, "includes are nested more than %d deep", FRONT_MAX_INCLUDE);
        return;
    }
    char *full = include_path(ps->src, path);
    struct stat st = {0};
    char *real = real_path(full);
    if (!real) {
        diag_error(f->d, at, "cannot include \"%s\": there is no file %s", path, full);
        f->prog->include_failed = 1;
    } else if (stat(real, &st) != 0 || !S_ISREG(st.st_mode) || access(real, R_OK) != 0) {
        diag_error(f->d, at, "cannot include \"%s\": %s %s", path, full,
                   S_ISDIR(st.st_mode) ? "is a folder" : "is not a readable file");
        f->prog->include_failed = 1;
    } else if (seen_before(f, real)) {
        int cycle = 0;
        for (int i = 0; i < f->depth; i++)
            cycle |= strcmp(f->stack[i], real) == 0;
        if (cycle)
            report_cycle(ps, real, at);
    } else {
        Source *src = source_load(full, f->d);
        if (src) {
            parse_file(f, src, real);
            real = NULL;
        } else {
            f->prog->include_failed = 1;
        }
    }
    free(real);
    free(full);
}

/* ------------------------------------------------------------------ rules */

RuleHead *front_head_new(PState *ps)
{
    return ast_alloc(ps->f->prog, sizeof(RuleHead));
}

/* per team | per rep */
void front_head_scope(PState *ps, RuleHead *h, ScopeKind s, Span at)
{
    if (h->has_scope) {
        diag_error(ps->f->d, at, "the rule's scope is given twice");
        return;
    }
    h->scope = s;
    h->scope_span = at;
    h->has_scope = 1;
}

/* for team|manager|rep "X" | where FIELD = "value" */
void front_head_filter(PState *ps, RuleHead *h, FilterKind k, const char *field,
                       const char *value, Span at)
{
    h->filters = arena_grow(ps, h->filters, h->nfilters, &h->cap, sizeof *h->filters);
    h->filters[h->nfilters++] = (Filter){k, field, value, at};
}

/* actions -> action+ */
ActList *front_acts(PState *ps, ActList *list, Action *a)
{
    if (!list)
        list = ast_alloc(ps->f->prog, sizeof *list);
    list->v = arena_grow(ps, list->v, list->n, &list->cap, sizeof *list->v);
    list->v[list->n++] = a;
    return list;
}

Action *front_action(PState *ps, ActionKind k, Span at)
{
    Action *a = ast_alloc(ps->f->prog, sizeof *a);
    a->kind = k;
    a->span = at;
    return a;
}

/* ------------------------------------------------ text for messages */

void front_span_text(Span at, char *buf, size_t size)
{
    size_t len = at.end > at.start ? at.end - at.start : 0;
    if (len >= size)
        len = size - 1;
    memcpy(buf, at.src->text + at.start, len);
    buf[len] = '\0';
}

int front_adjacent(Span a, Span b)
{
    if (a.src != b.src || a.end > b.start)
        return 0;
    for (unsigned i = a.end; i < b.start; i++)
        if (a.src->text[i] != ' ' && a.src->text[i] != '\t')
            return 0;
    return 1;
}

/* Keywords that end a run of plain words (a rule's name, a topic). */
static int ends_words(const char *w, size_t len)
{
    static const char *const stops[] = {
        "for", "per", "where", "when", "then", "priority", "due", "owner", "expect",
        "until", "repeat", "assign", "adjust", "notify", "schedule", "flag", "and", "or",
    };
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        if (strlen(stops[i]) == len && strncasecmp(w, stops[i], len) == 0)
            return 1;
    return 0;
}

static int word_char(char c)
{
    return c && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#' && c != '"';
}

Span front_words(const Source *src, unsigned from, int max)
{
    const char *t = src->text;
    Span words = {src, from, from};
    unsigned i = from;
    for (int n = 0; max == 0 || n < max; n++) {
        while (i < src->len && (t[i] == ' ' || t[i] == '\t'))
            i++;
        unsigned w = i;
        while (i < src->len && word_char(t[i]))
            i++;
        if (i == w || ends_words(t + w, i - w))
            break;
        if (n == 0)
            words.start = w;
        words.end = i;
    }
    return words;
}

void front_topic_words(PState *ps, Span first)
{
    Span words = front_words(ps->src, first.start, 0);
    char text[128];
    front_span_text(words, text, sizeof text);
    diag_error(ps->f->d, words, "a coaching topic of several words goes in quotes: "
               "assign coaching \"%s\"", text);
    ps->quiet_to = words.end;
}

/* ------------------------------------------------------------- actions */

/* assign coaching MEDDIC | assign coaching "Needs analysis" */
Action *front_coaching(PState *ps, const char *topic, int quoted, Span topic_at, Span at)
{
    static const char *const frameworks[] = {"MEDDIC", "SPIN", "Challenger", "NEAT", "OKR"};
    Action *a = front_action(ps, ACT_COACHING, at);
    a->text = topic;
    a->topic_quoted = quoted;
    if (quoted) {
        if (!topic[0])
            diag_error(ps->f->d, topic_at, "the coaching topic is empty");
        return a;
    }
    for (size_t i = 0; i < sizeof frameworks / sizeof frameworks[0]; i++)
        if (strcasecmp(topic, frameworks[i]) == 0)
            return a;
    if (front_words(ps->src, topic_at.start, 0).end > topic_at.end) {
        front_topic_words(ps, topic_at);
        return a;
    }
    diag_error(ps->f->d, topic_at,
               "'%s' is not a coaching framework (MEDDIC, SPIN, Challenger, NEAT, OKR); "
               "write any other topic in quotes, as in \"%s\"", topic, topic);
    return a;
}

/* expect COND within DURATION: a follow-up of the action before it */
void front_modifier_expect(PState *ps, Action *a, Expr *cond, Duration within, Span at)
{
    if (a->expect) {
        diag_error(ps->f->d, at, "this action already has an 'expect'; give each follow-up its own action");
        return;
    }
    a->expect = cond;
    a->within = within;
    a->expect_text = ast_expr_text(ps->f->prog, cond);
}

RuleTail *front_tail_new(PState *ps)
{
    return ast_alloc(ps->f->prog, sizeof(RuleTail));
}

void front_tail_until(PState *ps, RuleTail *t, Expr *cond, Span at)
{
    if (t->until) {
        diag_error(ps->f->d, at, "the rule has two 'until' conditions; join them with 'and' or 'or'");
        return;
    }
    t->until = cond;
}

void front_tail_repeat(PState *ps, RuleTail *t, Duration every, Span at)
{
    if (t->has_repeat) {
        diag_error(ps->f->d, at, "the rule says 'repeat every' twice");
        return;
    }
    t->repeat = every;
    t->has_repeat = 1;
}

/* "rules.pace:12" for an unnamed rule */
static const char *line_name(PState *ps, Span at)
{
    int line, col;
    source_line_col(ps->src, at.start, &line, &col);
    size_t len = strlen(ps->src->name) + 16;
    char *s = ast_alloc(ps->f->prog, len);
    snprintf(s, len, "%s:%d", ps->src->name, line);
    return s;
}

static Action *copy_actions(PState *ps, const ActList *acts)
{
    Action *v = ast_alloc(ps->f->prog, (size_t)acts->n * sizeof *v);
    for (int i = 0; i < acts->n; i++)
        v[i] = *acts->v[i];
    return v;
}

void front_add_rule(PState *ps, const char *name, Span name_at, Span first,
                    RuleHead *head, Expr *cond, ActList *acts, RuleTail *tail, Span item)
{
    Front *f = ps->f;
    Program *p = f->prog;
    if (item_broken(ps))
        return;
    Rule r = {.name = name, .named = name != NULL, .span = first, .cond = cond,
              .src = ps->src, .period = p->period};
    if (name && !name[0])
        diag_error(f->d, name_at, "a rule's name cannot be empty; leave out 'rule \"\"' for an unnamed rule");
    if (!name)
        r.name = line_name(ps, first);
    if (head) {
        r.scope = head->scope;
        r.scope_span = head->scope_span;
        r.filters = head->filters;
        r.nfilters = head->nfilters;
    }
    r.actions = copy_actions(ps, acts);
    r.nactions = acts->n;
    r.until = tail->until;
    r.repeat = tail->repeat;
    r.has_repeat = tail->has_repeat;
    p->rules = xgrow(p->rules, &f->rules_cap, (size_t)p->nrules, sizeof *p->rules);
    p->rules[p->nrules++] = r;
    add_item(ps, ITEM_RULE, p->nrules - 1, item, NULL);
}
