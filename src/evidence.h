/* evidence.h — readable texts about values: the `reason` column (the
 * values that made a rule fire), follow-up outcomes and pace explain.
 * Internal to the evaluator. */
#ifndef PACE_EVIDENCE_H
#define PACE_EVIDENCE_H

#include <stddef.h>

#include "actions.h"
#include "evalexpr.h"

/* How values of a type are shown (data.md section 3). */
ValueFormat evd_format(ValueType t);
/* A value as shown in reasons: 12.5%, 3, 1200.00, 2.5x, unknown. */
void evd_value(StrBuf *sb, ValueType t, Val v);
/* A difference between two values of type t: "3.1 points" for
 * percentages, else the value's own format. */
void evd_diff(StrBuf *sb, ValueType t, double diff);
/* The expression as the user wrote it (whitespace collapsed). */
void evd_src(StrBuf *sb, const Expr *e);
/* The first day of period p, YYYY-MM-DD. */
void evd_date(StrBuf *sb, const Eval *ev, int p);
/* "2 weeks", "1 month" in the current kind's periods. */
void evd_periods(StrBuf *sb, const Eval *ev, long n);
/* "<", ">=", ... */
const char *evd_op(ExprKind k);

/* Why cond is true for s in period p: the values of each part in the
 * periods that count, e.g. "win_rate 12.5% (2026-01-26), 15.0%
 * (2026-02-02) < 20% for 2 weeks". */
void evd_reason(StrBuf *sb, const Eval *ev, Subject s, const Expr *cond, int p);
/* One comparison or change in period p, its values without dates:
 * "win_rate 23.1% < 20%" (pace explain names the period once). */
void evd_atom(StrBuf *sb, const Eval *ev, Subject s, const Expr *e, int p);
/* The values of what cond compares over the periods a .. b (a
 * follow-up's window): "demo_to_opp 25.0% (2026-02-09), 28.0% (2026-02-16)". */
void evd_window(StrBuf *sb, const Eval *ev, Subject s, const Expr *cond, int a, int b);

/* The metric or measure a condition is about (the first one compared),
 * and the literal it is compared with: for charts. */
const Expr *evd_subject_expr(const Expr *cond, const Expr **threshold);

#endif
