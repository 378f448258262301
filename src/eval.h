/* eval.h — the evaluator: a checked program over the store's measures
 * gives the action list (language.md sections 4 and 5). */
#ifndef PACE_EVAL_H
#define PACE_EVAL_H

#include <stdio.h>

#include "actions.h"
#include "ast.h"
#include "diag.h"
#include "store.h"

typedef struct EvalOptions {
    /* Which periods to report, as days (-1 when not given):
     *   as_of        report only the period holding this day, evaluating
     *                every period up to it;
     *   from [, to]  report every period from the one holding `from` to the
     *                one holding `to` (default: the data's last);
     *   neither      report the data's last period. */
    int as_of;
    int from;
    int to;
    /* 1: fill ActionRow.chart (only the HTML report draws charts; they
     * cost time and most of a row's memory). */
    int charts;
} EvalOptions;

/* What the importer must aggregate for this program. */
void ev_needs(const Program *prog, StoreNeeds *needs);

/* Runs every rule.  Returns the action list (sorted), or NULL after
 * reporting through d when the run cannot go on (a period limit
 * exceeded).  Reported periods outside the data give an empty list and a
 * note on stderr, not a failure: a nightly batch over a quiet week is not
 * an error (docs/evaluation.md). */
ActionList *ev_run(const Program *prog, const Store *store,
                   const EvalOptions *opt, Diag *d);

/* Called with the rows of each step of a streamed run, in the list's
 * order; the rows are gone after the call.  Returns 0, or non-zero (a
 * write failed) to stop the run. */
typedef int (*EvalSink)(void *ctx, const ActionList *rows);

/* ev_run, with the rows handed to sink as they are made instead of held
 * (sink NULL: held, as ev_run): a streamed run holds a few bytes per
 * action, not the action list.  Returns the list (empty when streamed;
 * its period fields are set either way), or NULL after reporting through
 * d, or when sink stopped the run. */
ActionList *ev_stream(const Program *prog, const Store *store, const EvalOptions *opt, Diag *d,
                      EvalSink sink, void *ctx);

/* pace explain: for one rep or team, every rule's condition parts and
 * their values in the periods that matter, whether it fired, and which
 * part failed by how much.  Returns 0, or 1 after reporting through d
 * (e.g. no such rep). */
int ev_explain(const Program *prog, const Store *store, const EvalOptions *opt,
               const char *subject, FILE *out, Diag *d);

#endif
