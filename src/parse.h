/* parse.h — the front end's interface: rule files (and their includes) to
 * a Program.  The lexer (grammar/pace.l) and the parser (grammar/pace.y)
 * are pure and reentrant; this module drives them, loads includes and
 * prepends the built-in prelude of KPIs (prelude.c).
 *
 * Syntax errors are reported through d as file:line:col: error: ..., and
 * parsing goes on past a broken rule so one run reports them all.  An
 * item with an error is left out of the program (a rule) or marked
 * (Metric.broken, Program.period_broken, Program.include_failed), so the
 * checker may run over a program with errors and report the rest. */
#ifndef PACE_PARSE_H
#define PACE_PARSE_H

#include "ast.h"
#include "diag.h"

/* Parses the prelude, then each file in order, into one program.  Always
 * returns a program (possibly partial): it may be checked; d->errors
 * tells whether it may be run. */
Program *parse_files(const char *const *paths, int npaths, Diag *d);

/* Parses text held in memory as if it were a file named `name` (tests,
 * fuzzers).  The program takes its own copy. */
Program *parse_text(const char *name, const char *text, size_t len, Diag *d);

/* The prelude's source text (docs print it; the parser reads it first). */
extern const char prelude_text[];

#endif
