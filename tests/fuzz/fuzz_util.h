/* fuzz_util.h — small helpers shared by the libFuzzer harnesses (one
 * translation unit each, so everything here is static).
 *
 * The harnesses are test code: they may keep process-wide state (a sink
 * for diagnostics, a temp folder) that libFuzzer's one-process model needs
 * and the program itself must not have. */
#ifndef PACE_FUZZ_UTIL_H
#define PACE_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where diagnostics go: printing them is part of what is fuzzed (caret
 * lines, long names), reading them is not. */
static FILE *fuzz_sink(void)
{
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w"))) {
        perror("fuzz: /dev/null");
        abort();
    }
    return sink;
}

/* A failed property: a real bug, reported as a crash with its reason. */
static void fuzz_fail(const char *why)
{
    fprintf(stderr, "fuzz: property violated: %s\n", why);
    abort();
}

#endif
