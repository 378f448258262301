/* csvhead.h — what a CSV export holds, from its header row: the shape
 * (activities, opportunities, metrics, targets, roster) and which column
 * holds which field.  Header names are matched with case, spaces,
 * dashes, underscores and punctuation folded away, against the names
 * Salesforce and HubSpot exports use in English and German (the tables
 * in csvhead.c; docs/data.md lists them).  --map FIELD=HEADER overrides. */
#ifndef PACE_CSVHEAD_H
#define PACE_CSVHEAD_H

#include <stdio.h>

#include "csvin.h"

/* The fields a header can name (--map uses these names). */
typedef enum CsvField {
    CF_REP,          /* rep: who the row is about */
    CF_TEAM,         /* team */
    CF_MANAGER,      /* manager */
    CF_DATE,         /* date: an activity's day (or a metrics row's) */
    CF_ACTIVITY,     /* activity: call, meeting, demo, email, ... */
    CF_AMOUNT,       /* amount: money */
    CF_OPPORTUNITY,  /* opportunity: the deal an activity belongs to */
    CF_CREATED,      /* created: a deal's created date */
    CF_CLOSED,       /* closed: a deal's close date */
    CF_STAGE,        /* stage: a deal's stage */
    CF_WON,          /* won: a yes/no flag (Salesforce Won, IsWon) */
    CF_IS_CLOSED,    /* is_closed: a yes/no flag (Salesforce Closed, IsClosed) */
    CF_ID,           /* id: a deal's id or name */
    CF_PERIOD,       /* period: week, month or quarter of a metrics/targets row */
    CF_QUOTA,        /* quota */
    CF_FORECAST,     /* forecast */
    CF_LEFT,         /* left: the day a rep left (roster) */
    CF_FIELDS        /* number of fields (not a field) */
} CsvField;

/* What a column is used for in its file's shape. */
typedef enum ColRole {
    COL_IGNORED,   /* nothing (Account Name in a deals export) */
    COL_FIELD,     /* a field of the shape: CsvColumn.field */
    COL_MEASURE,   /* metrics: a figure, the base measure `name` */
    COL_GOAL,      /* targets: the goal `name` (quota, calls, ...) */
    COL_ATTR,      /* a field of the rep named `name`, usable in `where` */
} ColRole;

typedef struct CsvColumn {
    char *header;      /* as written (UTF-8), for messages */
    char *name;        /* snake_case name of a measure, goal or rep field */
    ColRole role;
    int field;         /* the CsvField for COL_FIELD, else -1 */
} CsvColumn;

typedef struct CsvLayout {
    CsvShape shape;
    int ncols;
    CsvColumn *cols;
    int col[CF_FIELDS];   /* the column of each field, or -1 */
    int period_hint;      /* the period column says week/month/quarter: its
                             PeriodKind, else -1 */
    int near;             /* SHAPE_UNKNOWN: the closest shape */
    int dup[CF_FIELDS];   /* another column with the same header as the
                             field's (the first is used), or -1 */
} CsvLayout;

/* Recognises the shape from the header cells (UTF-8, trimmed).  Returns 1
 * when it is one of the five shapes; 0 leaves lay->shape SHAPE_UNKNOWN
 * for csvhead_explain.  Either way csvhead_free releases lay. */
int csvhead_layout(CsvLayout *lay, char *const *headers, int n, const CsvOptions *opt);
/* The lines after "cannot tell what this file holds": the columns found,
 * what each shape needs, the closest shape and a --map example. */
void csvhead_explain(const CsvLayout *lay, FILE *out);
void csvhead_free(CsvLayout *lay);
/* "rep", "created", ... (the names --map takes). */
const char *csvhead_field_name(CsvField f);

#endif
