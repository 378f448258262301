/* measure.h — the built-in base measures: the names rules use for what the
 * data holds (data.md section 2).  Shared by the checker (is this name a
 * measure? what type?), the importer (which counter does this row feed?)
 * and the evaluator.
 *
 * Measure ids: built-in ids are 0 .. M_BUILTIN-1; a measure declared in a
 * rule file (`measure nps`) has id M_BUILTIN + its index in
 * Program.measures.  The store has its own ids for data columns and maps
 * names at run time (store_measure). */
#ifndef PACE_MEASURE_H
#define PACE_MEASURE_H

#include "ast.h"

typedef enum BaseMeasure {
    M_CALLS,          /* activities of type call */
    M_MEETINGS,       /* activities of type meeting */
    M_DEMOS,          /* activities of type demo */
    M_EMAILS,         /* activities of type email */
    M_OPPORTUNITIES,  /* opportunities created in the period */
    M_WON,            /* deals won in the period */
    M_LOST,           /* deals lost in the period */
    M_CLOSED,         /* won + lost (derived, never stored) */
    M_WON_AMOUNT,     /* amount of deals won in the period */
    M_LOST_AMOUNT,    /* amount of deals lost in the period */
    M_PIPELINE,       /* amount of deals open at the period's end */
    M_CYCLE_DAYS,     /* mean days created -> closed of deals won in the period */
    M_QUOTA,          /* quota target for the period (targets data) */
    M_FORECAST,       /* forecast for the period (metrics or targets data) */
    M_BUILTIN         /* number of built-in measures (not a measure) */
} BaseMeasure;

/* -1 when name is not a built-in measure. */
int measure_lookup(const char *name);
const char *measure_name(int id);         /* built-in ids only */
ValueType measure_type(int id);           /* count, amount or days */

#endif
