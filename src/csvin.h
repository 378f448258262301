/* csvin.h — the importer: CRM exports (CSV, read with libcsv, streamed)
 * into the store.  data.md section 2 is its specification.
 *
 * Each file's shape (activities, opportunities, metrics, targets, roster)
 * is recognised from its header row.  Bad rows are never dropped
 * silently: they are counted, written to the rejects file when one is
 * given, and summarised on stderr; in strict mode the first one stops the
 * run with file:line: error: ... */
#ifndef PACE_CSVIN_H
#define PACE_CSVIN_H

#include <stdio.h>

#include "diag.h"
#include "store.h"

typedef enum CsvShape {
    SHAPE_UNKNOWN,       /* not recognised */
    SHAPE_ACTIVITIES,    /* one logged activity per row */
    SHAPE_OPPORTUNITIES, /* one deal per row */
    SHAPE_METRICS,       /* one rep's figures for one period */
    SHAPE_TARGETS,       /* one rep's targets for one period */
    SHAPE_ROSTER,        /* one rep per row */
} CsvShape;

/* --map FIELD=HEADER */
typedef struct CsvMapping {
    const char *field;
    const char *header;
} CsvMapping;

typedef enum DateOrder {
    DATES_AUTO,        /* ISO, dd.mm.yyyy; slash dates only when unambiguous */
    DATES_DMY,         /* --date-format dd/mm/yyyy */
    DATES_MDY,         /* --date-format mm/dd/yyyy */
} DateOrder;

typedef struct CsvOptions {
    const CsvMapping *maps;
    int nmaps;
    char delimiter;           /* 0: detect (',' ';' or tab) */
    int decimal_comma;        /* --decimal-comma */
    DateOrder date_order;
    int strict;               /* --strict: first bad row stops the run */
    FILE *rejects;            /* --rejects FILE, or NULL */
    int jobs;                 /* threads for large files (issue 7); 1 = one */
    int careful;              /* every line the careful way, none in the lane
                                 (csvin.c): tests compare the two */
} CsvOptions;

/* Totals over every file read, for the stderr summary and for tests. */
typedef struct CsvStats {
    long rows;                /* data rows seen (not the header) */
    long accepted;
    long rejected;
    long skipped_footer;      /* Salesforce report footer lines and
                                 blank rows (all cells empty) */
} CsvStats;

/* Reads one file ("-" is standard input) into the store.  Returns 0 on
 * success; 1 when the file cannot be used at all or, in strict mode, at
 * its first bad row — having reported why through d.  Bad rows go to
 * opt->rejects as CSV (file,line,reason,row), after a header line when
 * the rejects file is still empty; notes (skipped footers, unknown deal
 * stages, a header naming a column twice) go to d. */
int csvin_read(const char *path, const CsvOptions *opt, Store *store,
               CsvStats *stats, Diag *d);

const char *csvin_shape_name(CsvShape shape);

#endif
