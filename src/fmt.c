/* fmt.c — pace fmt (see fmt.h).  The file is parsed by the real front end
 * (no prelude, includes not followed) and printed back from its tree, so
 * the output reads back as the same program.  The canonical layout:
 *
 *     rule "Name" for team "X"          filters on the name's line
 *       per team
 *       when COND
 *       then ACTION priority P due in D owner O
 *            ACTION
 *            expect COND within D
 *       until COND
 *       repeat every D
 *
 * An unnamed rule is named by the line it starts on (file:line), so it
 * keeps its lines: its parts (when, then, each action, expect, until,
 * repeat) take the layout above without indentation, but a part the
 * source wrote on the line before stays there (a one-line rule stays one
 * line); and when the lines above it got fewer, blank lines are added
 * before it (when they grew, a blank line before it is left out) so it
 * starts on its source line again.  Keywords are lower-case,
 * operators have one space on each side, parentheses are kept where the
 * author wrote them.  Comments stay where they were: a comment after code
 * stays at the end of that line, a comment on its own line stays before
 * the line that followed it.  Blank lines between top-level items are
 * kept (several become one); blank lines inside a rule are dropped. */
#include "fmt.h"
#include "front.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One output line: its indentation, its text, where it came from. */
typedef struct Line {
    int indent;
    const char *text;
    unsigned start;      /* source offset of its first token */
    int top;             /* first line of a top-level item */
    int ncomments;       /* comments printed before it */
    int *before;         /* indexes into the comment list */
    int nafter;
    int *after;          /* comments printed at its end */
    size_t cap_before, cap_after;
    int join;            /* goes on the line before, after a space */
    int target;          /* an unnamed rule's first line: its source line */
} Line;

typedef struct Layout {
    Program *p;
    const Source *src;
    Line *v;
    int n;
    size_t cap;
    int keep_breaks;     /* laying out an unnamed rule (add_part) */
    unsigned part_end;   /* where the rule's last part ends in the source */
} Layout;

/* Formats into the program's arena. */
static const char *cat(Program *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *cat(Program *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = ast_alloc(p, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static void add_line(Layout *l, int indent, const char *text, unsigned start, int top)
{
    l->v = xgrow(l->v, &l->cap, (size_t)l->n, sizeof *l->v);
    l->v[l->n++] = (Line){.indent = indent, .text = text, .start = start, .top = top};
}

/* ------------------------------------------------------------ the items */

static const char *filter_text(Program *p, const Filter *f)
{
    static const char *const kinds[] = {"team", "manager", "rep"};
    if (f->kind == FILTER_FIELD)
        return cat(p, "where %s = %s", f->field, ast_quoted_text(p, f->value));
    return cat(p, "for %s %s", kinds[f->kind], ast_quoted_text(p, f->value));
}

static const char *person_name(Person x)
{
    return x == PERSON_MANAGER ? "manager" : "rep";
}

/* The action and its modifiers (priority, due, owner) on one line. */
static const char *action_text(Program *p, const Action *a)
{
    const char *t = "";
    switch (a->kind) {
    case ACT_COACHING:
        t = cat(p, "assign coaching %s", a->topic_quoted ? ast_quoted_text(p, a->text) : a->text);
        break;
    case ACT_ADJUST:
        t = cat(p, "adjust %s%s %s %s", a->adjust_goal ? "goal " : "", a->text,
                a->adjust_to ? "to" : "by", ast_expr_text(p, a->amount));
        break;
    case ACT_NOTIFY:
        t = cat(p, "notify %s %s", person_name(a->person), ast_quoted_text(p, a->text));
        break;
    case ACT_REVIEW:
        t = cat(p, "schedule review %s", ast_quoted_text(p, a->text));
        break;
    case ACT_FLAG:
        t = cat(p, "flag %s", ast_quoted_text(p, a->text));
        break;
    }
    if (a->priority != PRIO_NONE)
        t = cat(p, "%s priority %s", t, ast_priority_name(a->priority));
    if (a->has_due)
        t = cat(p, "%s due in %s", t, ast_duration_text(p, &a->due));
    if (a->owner != PERSON_NONE)
        t = cat(p, "%s owner %s", t, person_name(a->owner));
    return t;
}

/* Is there a line break in the source between two offsets? */
static int has_newline(const Source *src, unsigned from, unsigned to)
{
    return from < to && memchr(src->text + from, '\n', to - from) != NULL;
}

/* One part of a rule (then ACTION, an action, expect, until, repeat) on
 * a line of its own, or, in an unnamed rule, after the part before it
 * when the source had no line break between them: an unnamed rule is
 * named by the line it starts on, so its line count stays as written. */
static void add_part(Layout *l, int indent, const char *text, unsigned start, unsigned end)
{
    int join = l->keep_breaks && !has_newline(l->src, l->part_end, start);
    add_line(l, indent, text, start, 0);
    l->v[l->n - 1].join = join;
    if (end > l->part_end)
        l->part_end = end;
}

/* then ACTION / ACTION / expect ... */
static void layout_actions(Layout *l, const Rule *r, int indent)
{
    Program *p = l->p;
    for (int i = 0; i < r->nactions; i++) {
        const Action *a = &r->actions[i];
        const char *t = action_text(p, a);
        add_part(l, i ? indent + 5 : indent, i ? t : cat(p, "then %s", t), a->span.start, a->span.end);
        if (a->expect)
            add_part(l, indent + 5, cat(p, "expect %s within %s", a->expect_text,
                                        ast_duration_text(p, &a->within)),
                     a->expect->span.start, a->within.span.end);
    }
}

/* An unnamed rule's parts keep the source's line breaks (add_part), and
 * its first line keeps its line number where it can (emit). */
static void layout_rule(Layout *l, const Rule *r, const Item *it)
{
    Program *p = l->p;
    const char *cond = ast_expr_text(p, r->cond);
    int indent = 0;
    if (r->named) {
        const char *head = cat(p, "rule %s", ast_quoted_text(p, r->name));
        for (int i = 0; i < r->nfilters; i++)
            head = cat(p, "%s %s", head, filter_text(p, &r->filters[i]));
        add_line(l, 0, head, it->span.start, 1);
        indent = 2;
        if (r->scope == SCOPE_TEAM)
            add_line(l, indent, "per team", r->scope_span.start, 0);
        add_line(l, indent, cat(p, "when %s", cond), r->cond->span.start, 0);
    } else {
        add_line(l, 0, cat(p, "when %s", cond), it->span.start, 1);
        int col;
        source_line_col(l->src, it->span.start, &l->v[l->n - 1].target, &col);
    }
    l->keep_breaks = !r->named;
    l->part_end = r->cond->span.end;
    layout_actions(l, r, indent);
    if (r->until)
        add_part(l, indent, cat(p, "until %s", ast_expr_text(p, r->until)), r->until->span.start,
                 r->until->span.end);
    if (r->has_repeat)
        add_part(l, indent, cat(p, "repeat every %s", ast_duration_text(p, &r->repeat)),
                 r->repeat.span.start, r->repeat.span.end);
    l->keep_breaks = 0;
}

static void layout_item(Layout *l, const Item *it)
{
    Program *p = l->p;
    static const char *const periods[] = {"day", "week", "month", "quarter"};
    const char *t = NULL;
    switch (it->kind) {
    case ITEM_PERIOD:
        t = cat(p, "period %s", periods[it->index]);
        break;
    case ITEM_FISCAL:
        t = cat(p, "fiscal year starts %s", it->text);
        break;
    case ITEM_METRIC: {
        const Metric *m = &p->metrics[it->index];
        t = cat(p, "metric %s = %s", m->name, ast_expr_text(p, m->expr));
        if (m->floor)
            t = cat(p, "%s when %s", t, ast_expr_text(p, m->floor));
        break;
    }
    case ITEM_MEASURE:
        t = cat(p, "measure %s", p->measures[it->index].name);
        for (int i = 1; i < it->count; i++)
            t = cat(p, "%s, %s", t, p->measures[it->index + i].name);
        break;
    case ITEM_INCLUDE:
        t = cat(p, "include %s", ast_quoted_text(p, it->text));
        break;
    case ITEM_RULE:
        layout_rule(l, &p->rules[it->index], it);
        return;
    }
    add_line(l, 0, t, it->span.start, 1);
}

/* ------------------------------------------------------------- comments */

/* A comment after code on its line stays there; else it leads the next line. */
static int is_trailing(const Source *src, unsigned at)
{
    while (at > 0 && src->text[at - 1] != '\n') {
        at--;
        if (src->text[at] != ' ' && src->text[at] != '\t' && src->text[at] != '\r')
            return 1;
    }
    return 0;
}

static void attach(int **v, int *n, size_t *cap, int comment)
{
    *v = xgrow(*v, cap, (size_t)*n, sizeof **v);
    (*v)[(*n)++] = comment;
}

/* Comments after the last line go on a line of their own (index n). */
static void attach_comments(Layout *l, const Front *f)
{
    for (int c = 0; c < f->ncomments; c++) {
        unsigned at = f->comments[c].start;
        if (is_trailing(l->src, at)) {
            int best = -1;
            for (int i = 0; i < l->n; i++)
                if (l->v[i].start <= at && (best < 0 || l->v[i].start >= l->v[best].start))
                    best = i;
            if (best >= 0) {
                Line *x = &l->v[best];
                attach(&x->after, &x->nafter, &x->cap_after, c);
                continue;
            }
        }
        int next = l->n;
        for (int i = 0; i < l->n; i++)
            if (l->v[i].start > at && (next == l->n || l->v[i].start < l->v[next].start))
                next = i;
        Line *x = &l->v[next];
        attach(&x->before, &x->ncomments, &x->cap_before, c);
    }
}

/* Is the source line before the one holding `at` blank? */
static int blank_before(const Source *src, unsigned at)
{
    int line, col;
    source_line_col(src, at, &line, &col);
    if (line < 2)
        return 0;
    size_t s = src->line_starts[line - 2], e = src->line_starts[line - 1];
    for (size_t i = s; i < e; i++)
        if (src->text[i] != ' ' && src->text[i] != '\t' && src->text[i] != '\r' && src->text[i] != '\n')
            return 0;
    return 1;
}

static void put_comment(StrBuf *o, const Source *src, Span c)
{
    unsigned end = c.end;
    while (end > c.start && (src->text[end - 1] == ' ' || src->text[end - 1] == '\t' ||
                             src->text[end - 1] == '\r'))
        end--;
    sb_put(o, src->text + c.start, end - c.start);
}

static void put_indent(StrBuf *o, int n)
{
    for (int i = 0; i < n; i++)
        sb_put(o, " ", 1);
}

/* Writing the lines out: how many are finished, and the one being
 * written (its trailing comments go at its end). */
typedef struct Emit {
    StrBuf *o;
    const Source *src;
    const Front *f;
    int lines;
    const Line *open;
} Emit;

static void end_line(Emit *e)
{
    if (!e->open)
        return;
    for (int k = 0; k < e->open->nafter; k++) {
        sb_puts(e->o, k ? " " : "  ");
        put_comment(e->o, e->src, e->f->comments[e->open->after[k]]);
    }
    sb_put(e->o, "\n", 1);
    e->lines++;
    e->open = NULL;
}

static void newline(Emit *e)
{
    sb_put(e->o, "\n", 1);
    e->lines++;
}

/* Where x's k-th comment starts; k == ncomments: x itself. */
static unsigned place(const Emit *e, const Line *x, int k)
{
    return k < x->ncomments ? e->f->comments[x->before[k]].start : x->start;
}

/* One blank line where the source had one or more, between top-level
 * things only; never at the top of the file. */
static int wants_blank(const Emit *e, const Line *x, int k, int at_top)
{
    return x->top && !(k == 0 && at_top) && blank_before(e->src, place(e, x, k));
}

/* How many blank lines to add (> 0) or leave out (< 0) before x so that an
 * unnamed rule's first line stays on its source line; 0 for other lines. */
static int keep_line(const Emit *e, const Line *x, int at_top)
{
    if (!x->target)
        return 0;
    int natural = e->lines + 1 + x->ncomments;
    for (int k = 0; k <= x->ncomments; k++)
        natural += wants_blank(e, x, k, at_top);
    return x->target - natural;
}

/* x's comments, blank lines and text; `last` is the spare line after the
 * last item, which holds only comments. */
static void emit_line(Emit *e, const Line *x, int last)
{
    if (!last && x->join && x->ncomments == 0 && e->open && e->open->nafter == 0) {
        sb_put(e->o, " ", 1);
        sb_puts(e->o, x->text);
        e->open = x;
        return;
    }
    end_line(e);
    int at_top = e->o->n == 0;
    int shift = keep_line(e, x, at_top);
    for (; shift > 0; shift--)
        newline(e);
    for (int k = 0; k < x->ncomments + !last; k++) {
        if (wants_blank(e, x, k, at_top)) {
            if (shift < 0)
                shift++;
            else
                newline(e);
        }
        put_indent(e->o, x->indent);
        if (k < x->ncomments) {
            put_comment(e->o, e->src, e->f->comments[x->before[k]]);
            newline(e);
        } else {
            sb_puts(e->o, x->text);
            e->open = x;
        }
    }
}

static void emit(Layout *l, const Front *f, StrBuf *o)
{
    Emit e = {.o = o, .src = l->src, .f = f};
    l->v[l->n].top = 1;     /* the spare line: comments after the last item */
    for (int i = 0; i <= l->n; i++)
        emit_line(&e, &l->v[i], i == l->n);
    end_line(&e);
}

static void layout_free(Layout *l)
{
    for (int i = 0; i <= l->n && l->v; i++) {
        free(l->v[i].before);
        free(l->v[i].after);
    }
    free(l->v);
}

/* The canonical text of src into o; 1 after reporting a syntax error. */
static int format(const Source *src, StrBuf *o, Diag *d)
{
    /* the canonical file has no byte order mark */
    Source *own = front_bom(src) ? source_from_text(src->name, src->text + 3, src->len - 3) : NULL;
    if (own)
        src = own;
    Program *p = ast_new();
    Front f;
    front_init(&f, p, d);
    f.fmt_mode = 1;
    int before = d->errors;
    front_parse(&f, src);
    int rc = d->errors > before;
    if (!rc) {
        Layout l = {.p = p, .src = src};
        for (int i = 0; i < f.nitems; i++)
            layout_item(&l, &f.items[i]);
        /* one spare line holds the comments after the last item */
        l.v = xgrow(l.v, &l.cap, (size_t)l.n, sizeof *l.v);
        memset(&l.v[l.n], 0, sizeof l.v[l.n]);
        attach_comments(&l, &f);
        emit(&l, &f, o);
        layout_free(&l);
    }
    front_done(&f);
    ast_free(p);
    source_free(own);
    return rc;
}

int fmt_source(const Source *src, FILE *out, Diag *d)
{
    StrBuf o = {0};
    int rc = format(src, &o, d);
    if (!rc && o.n && fwrite(o.s, 1, o.n, out) != o.n)
        rc = 1;
    sb_free(&o);
    return rc;
}

/* Writes text next to path, then renames it into place: a failed write
 * never leaves a half-written rule file. */
static int write_atomic(const char *path, const StrBuf *o, Diag *d)
{
    size_t len = strlen(path);
    char *tmp = xmalloc(len + 16);
    snprintf(tmp, len + 16, "%s.fmt-XXXXXX", path);
    int fd = mkstemp(tmp);
    int ok = fd >= 0;
    struct stat st;
    if (ok && stat(path, &st) == 0)
        fchmod(fd, st.st_mode & 07777);
    ok = ok && (o->n == 0 || write(fd, o->s, o->n) == (ssize_t)o->n);
    ok = (fd >= 0 && close(fd) == 0) && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        diag_fail(d, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : 1;
}

int fmt_file(const char *path, int write, int check_only, Diag *d)
{
    Source *src = source_load(path, d);
    if (!src)
        return 1;
    StrBuf o = {0};
    int rc = format(src, &o, d);
    int same = !rc && o.n == src->len && (o.n == 0 || memcmp(o.s, src->text, o.n) == 0);
    if (rc) {
        /* reported already */
    } else if (check_only) {
        if (!same) {
            printf("%s\n", path);
            rc = 1;
        }
    } else if (write) {
        if (!same)
            rc = write_atomic(path, &o, d);
    } else if (o.n && fwrite(o.s, 1, o.n, stdout) != o.n) {
        diag_fail(d, "cannot write to standard output");
        rc = 1;
    }
    sb_free(&o);
    source_free(src);
    return rc;
}
