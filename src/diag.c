/* diag.c — sources and compiler-style diagnostics (see diag.h). */
#include "diag.h"
#include "mem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A rule file larger than this is certainly not a rule file; refusing it
 * keeps a mistaken `pace check data.csv` from reading gigabytes. */
enum { SOURCE_MAX_BYTES = 16 * 1024 * 1024 };

static void index_lines(Source *s)
{
    size_t cap = 0;
    s->nlines = 0;
    s->line_starts = xgrow(NULL, &cap, 0, sizeof *s->line_starts);
    s->line_starts[s->nlines++] = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->text[i] == '\n') {
            s->line_starts = xgrow(s->line_starts, &cap, s->nlines, sizeof *s->line_starts);
            s->line_starts[s->nlines++] = i + 1;
        }
    }
}

Source *source_from_text(const char *name, const char *text, size_t len)
{
    Source *s = xcalloc(1, sizeof *s);
    s->name = xstrdup(name);
    s->text = xstrndup(text, len);
    s->len = len;
    index_lines(s);
    return s;
}

Source *source_load(const char *path, Diag *d)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_fail(d, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_fail(d, "cannot read %s: it is a folder, not a file", path);
        fclose(f);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        buf = xgrow(buf, &cap, len + 65536, 1);
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len > SOURCE_MAX_BYTES) {
            diag_fail(d, "cannot read %s: larger than %d MB, too large for a rule file",
                      path, SOURCE_MAX_BYTES / (1024 * 1024));
            free(buf);
            fclose(f);
            return NULL;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        diag_fail(d, "cannot read %s: %s", path, strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    Source *s = xcalloc(1, sizeof *s);
    s->name = xstrdup(path);
    buf[len] = '\0';
    s->text = buf;
    s->len = len;
    index_lines(s);
    return s;
}

void source_free(Source *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->text);
    free(s->line_starts);
    free(s);
}

/* Binary search for the line holding offset. */
static size_t line_index(const Source *s, size_t offset)
{
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void source_line_col(const Source *s, size_t offset, int *line, int *col)
{
    if (offset > s->len)
        offset = s->len;
    size_t li = line_index(s, offset);
    *line = (int)li + 1;
    *col = (int)(offset - s->line_starts[li]) + 1;
}

void diag_init(Diag *d, FILE *out)
{
    d->out = out;
    d->errors = 0;
    d->warnings = 0;
}

/* Lines longer than this are shown cut, so a 10 MB line does not flood
 * the terminal; the caret still points into what is shown when it can. */
enum { SHOW_MAX = 200 };

/* Prints the source line and a caret (or ^~~~) under the span.  Tabs are
 * kept in the caret line so the caret lines up under tabbed text. */
static void show_span(FILE *out, Span at)
{
    const Source *s = at.src;
    if (at.start > s->len)
        at.start = (unsigned)s->len;
    size_t li = line_index(s, at.start);
    size_t ls = s->line_starts[li];
    size_t le = ls;
    /* Lines end at \n only (line_starts says so): a lone \r inside a
     * line is shown as a space, a CRLF's \r is not shown. */
    while (le < s->len && s->text[le] != '\n')
        le++;
    if (le > ls && s->text[le - 1] == '\r' && at.start < le - 1)
        le--;
    size_t shown_from = ls;
    if (at.start - ls > SHOW_MAX - 40)
        shown_from = at.start - 40;
    size_t shown_to = le;
    if (shown_to - shown_from > SHOW_MAX)
        shown_to = shown_from + SHOW_MAX;
    fputs("    ", out);
    if (shown_from > ls)
        fputs("...", out);
    for (size_t i = shown_from; i < shown_to; i++) {
        unsigned char c = (unsigned char)s->text[i];
        fputc(c == '\0' || c == '\r' ? ' ' : c, out);
    }
    if (shown_to < le)
        fputs("...", out);
    fputc('\n', out);
    fputs("    ", out);
    if (shown_from > ls)
        fputs("   ", out);
    for (size_t i = shown_from; i < at.start && i < shown_to; i++)
        fputc(s->text[i] == '\t' ? '\t' : ' ', out);
    fputc('^', out);
    size_t end = at.end < shown_to ? at.end : shown_to;
    for (size_t i = at.start + 1; i < end; i++)
        fputc('~', out);
    fputc('\n', out);
}

static void vreport(Diag *d, const char *kind, Span at, const char *fmt, va_list ap)
{
    if (at.src) {
        int line, col;
        source_line_col(at.src, at.start, &line, &col);
        fprintf(d->out, "%s:%d:%d: %s: ", at.src->name, line, col, kind);
    } else {
        fprintf(d->out, "pace: %s: ", kind);
    }
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    if (at.src)
        show_span(d->out, at);
}

void diag_error(Diag *d, Span at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d, "error", at, fmt, ap);
    va_end(ap);
    d->errors++;
}

void diag_warning(Diag *d, Span at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d, "warning", at, fmt, ap);
    va_end(ap);
    d->warnings++;
}

void diag_note(Diag *d, Span at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d, "note", at, fmt, ap);
    va_end(ap);
}

static void vline(Diag *d, const char *kind, const char *file, long line,
                  const char *fmt, va_list ap)
{
    if (line > 0)
        fprintf(d->out, "%s:%ld: %s: ", file, line, kind);
    else
        fprintf(d->out, "%s: %s: ", file, kind);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
}

void diag_line_error(Diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(d, "error", file, line, fmt, ap);
    va_end(ap);
    d->errors++;
}

void diag_line_warning(Diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(d, "warning", file, line, fmt, ap);
    va_end(ap);
    d->warnings++;
}

void diag_fail(Diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pace: ", d->out);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    va_end(ap);
    d->errors++;
}

void diag_info(Diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pace: ", d->out);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    va_end(ap);
}

void diag_summary(Diag *d)
{
    if (!d->errors && !d->warnings)
        return;
    if (d->errors)
        fprintf(d->out, "%d error%s", d->errors, d->errors == 1 ? "" : "s");
    if (d->errors && d->warnings)
        fputs(" and ", d->out);
    if (d->warnings)
        fprintf(d->out, "%d warning%s", d->warnings, d->warnings == 1 ? "" : "s");
    fputs(" generated.\n", d->out);
}
