/* output.h — writing the action list: one file per format (out_csv.c,
 * out_json.c, out_md.c, out_html.c) behind this one interface, and the
 * atomic file writer that -o uses. */
#ifndef PACE_OUTPUT_H
#define PACE_OUTPUT_H

#include <stdio.h>

#include "actions.h"
#include "diag.h"

typedef enum OutFormat {
    FORMAT_CSV,    /* data.md section 3: the contract */
    FORMAT_JSON,   /* one JSON object per line, same fields */
    FORMAT_MD,     /* Markdown, grouped by manager, then rep */
    FORMAT_HTML,   /* one self-contained HTML file with charts */
} OutFormat;

/* "csv" -> FORMAT_CSV ...; returns -1 for an unknown name. */
int out_format_parse(const char *name);

/* Each returns 0, or -1 when writing failed (errno set). */
int out_csv(FILE *f, const ActionList *list);
int out_json(FILE *f, const ActionList *list);
int out_md(FILE *f, const ActionList *list);
int out_html(FILE *f, const ActionList *list);
int out_write(FILE *f, OutFormat format, const ActionList *list);

/* A list written as it is made (eval.h ev_stream), for the formats that
 * write row by row (out_streams: CSV and JSON lines; the reports group
 * the whole list).  out_begin writes what comes before the rows (the CSV
 * header), out_rows the rows made so far, out_end flushes.  The bytes are
 * those out_write writes for the whole list.  Each returns 0, or -1 when
 * writing failed (errno set). */
int out_streams(OutFormat format);
int out_begin(FILE *f, OutFormat format);
int out_rows(FILE *f, OutFormat format, const ActionList *list);
int out_end(FILE *f);

/* An output file written atomically: a temp file in the same folder,
 * fsynced and renamed over `path` on commit; on abort (or any failure)
 * the temp file is removed and `path` is untouched.  path "-" or NULL
 * writes to stdout. */
typedef struct OutFile {
    FILE *f;
    char *path;
    char *tmp;
} OutFile;

int outfile_open(OutFile *o, const char *path, Diag *d);
int outfile_commit(OutFile *o, Diag *d);
void outfile_abort(OutFile *o);

#endif
