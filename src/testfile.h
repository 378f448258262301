/* testfile.h — pace test: rule unit tests (tests.md).  Test files are
 * parsed by the same flex/bison front end as rule files; each test names
 * rule files, gives inline input tables, optionally `as of` or a
 * `from`/`to` range, and the actions it expects. */
#ifndef PACE_TESTFILE_H
#define PACE_TESTFILE_H

#include <stdio.h>

#include "diag.h"

/* Runs the tests in the given files (folders are searched for *.test
 * files).  Prints one line per test and the closing "N passed, M failed"
 * line to out; with coverage, lists the rules and actions no test made
 * fire.  Returns the exit status: 0 all passed, 1 a failure or an error. */
int tf_run_files(const char *const *paths, int npaths, int coverage, FILE *out,
                 Diag *d);

#endif
