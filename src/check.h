/* check.h — the checker: a pass of its own over the parsed program.
 * Resolves names (with did-you-mean), infers value types and each rule's
 * period, converts windows to periods, and reports every semantic mistake
 * in one run (language.md section 6, issue 3).  It runs after syntax
 * errors too, over the items that parsed cleanly (broken metrics are known
 * by name only).  Nothing is evaluated when any error was reported. */
#ifndef PACE_CHECK_H
#define PACE_CHECK_H

#include "ast.h"
#include "diag.h"

/* Returns the number of errors it reported (warnings go to d too). */
int chk_program(Program *prog, Diag *d);

#endif
