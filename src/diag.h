/* diag.h — sources and diagnostics, shared by every stage.
 *
 * A Source owns a file's name, its text and the offsets where its lines
 * start.  Locations (Span) are byte offsets into a Source; line and column
 * are computed only when a message is printed (the idea of jq's locfile).
 *
 * Messages have the shape users know from compilers:
 *     rules.pace:3:12: error: unknown name 'win_rat'; did you mean 'win_rate'?
 *         when win_rat < 20% for 2 weeks
 *              ^~~~~~~
 * Data files get  file:line: error: ...  and the program itself  pace: ...
 * A Diag counts what it printed, so callers decide the exit status. */
#ifndef PACE_DIAG_H
#define PACE_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct Source {
    char *name;           /* the path as the user wrote it */
    char *text;           /* the whole file, NUL-terminated */
    size_t len;           /* bytes in text, not counting the final NUL */
    size_t *line_starts;  /* offset of the first byte of each line */
    size_t nlines;
} Source;

/* A region of a source: [start, end) in bytes.  src may be NULL for
 * things that come from no file (the command line). */
typedef struct Span {
    const Source *src;
    unsigned start, end;
} Span;

typedef struct Diag {
    FILE *out;            /* where messages go: stderr, or a test's buffer */
    int errors;
    int warnings;
} Diag;

/* Reads a whole file.  On failure reports "pace: cannot read FILE: reason"
 * through d and returns NULL. "-" is not special here. */
Source *source_load(const char *path, Diag *d);
/* Makes a source from memory (the built-in prelude, test inputs). */
Source *source_from_text(const char *name, const char *text, size_t len);
void source_free(Source *s);
/* 1-based line and column (column counts bytes) of a byte offset. */
void source_line_col(const Source *s, size_t offset, int *line, int *col);

void diag_init(Diag *d, FILE *out);

/* file:line:col: error: message, then the line and a caret under the span. */
void diag_error(Diag *d, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *d, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* file:line:col: note: ... — extra context for the message before it;
 * not counted. */
void diag_note(Diag *d, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* file:line: error: message — for data files, where only the line matters. */
void diag_line_error(Diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_line_warning(Diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* pace: message — for problems with no file position. Counts as an error. */
void diag_fail(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* pace: message — informational (summaries); not counted. */
void diag_info(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "2 errors and 1 warning generated." when anything was counted. */
void diag_summary(Diag *d);

#endif
