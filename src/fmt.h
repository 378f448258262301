/* fmt.h — pace fmt: rule files in one canonical layout (keyword case,
 * indentation, spacing, one action per line), comments kept.  Idempotent:
 * formatting formatted output changes nothing. */
#ifndef PACE_FMT_H
#define PACE_FMT_H

#include <stdio.h>

#include "diag.h"

/* Writes src in canonical layout to out.  Returns 0, or 1 after reporting
 * a syntax error through d (a file that does not parse is not formatted). */
int fmt_source(const Source *src, FILE *out, Diag *d);

/* pace fmt on one file: print to stdout; with write, rewrite the file in
 * place (atomically) when it changes; with check_only, print the file's
 * name when it would change.  Returns the exit status: 0, or 1 (syntax
 * error, unwritable file, or --check found a change). */
int fmt_file(const char *path, int write, int check_only, Diag *d);

#endif
