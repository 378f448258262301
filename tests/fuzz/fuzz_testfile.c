/* fuzz_testfile.c — libFuzzer harness for the fourth front door: `pace
 * test` files (tests.md), with their inline tables, `as of` and expected
 * rows, run against real rule files.
 *
 * The rule files sit in a temp folder written once: a small one of our
 * own (rules.pace) and a copy of each rule file in the repo's rules/
 * folder when the harness runs from the repo's root (as make fuzz does),
 * so the repo's own .test files, used as seeds, find what they test.
 * Each input is written there as fuzz.test and run with tf_run_files,
 * with --coverage on odd sizes.
 *
 * Properties: no crash, leak, sanitizer report or timeout; a status other
 * than 0 or 1 is a bug. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "testfile.h"

#include "fuzz_util.h"

enum { MAX_TEST_BYTES = 8192 };

static const char own_rules[] =
    "rule \"Few calls\"\n"
    "  when calls < 2\n"
    "  then assign coaching SPIN\n"
    "rule \"Low win rate\"\n"
    "  when win_rate < 20% for 2 weeks and closed >= 1\n"
    "  then assign coaching MEDDIC priority high due in 1 week\n"
    "       expect win_rate >= 30% within 2 weeks\n"
    "rule \"Quota\" when quota_attainment >= 120% then adjust quota by +10%\n"
    "rule \"Team\" per team when avg(calls) < 3 then schedule review \"Team review\"\n";

static char dir[64];
static char test_path[128];

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "w");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
        fuzz_fail("cannot write to the temp folder");
}

/* Copies the rule files of ./rules into the temp folder, when there is one. */
static void copy_repo_rules(void)
{
    DIR *d = opendir("rules");
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".pace") != 0 || n > 60)
            continue;
        char from[128], to[160];
        snprintf(from, sizeof from, "rules/%s", e->d_name);
        snprintf(to, sizeof to, "%s/%s", dir, e->d_name);
        FILE *f = fopen(from, "r");
        if (!f)
            continue;
        char buf[1 << 16];
        size_t len = fread(buf, 1, sizeof buf, f);
        fclose(f);
        write_file(to, buf, len);
    }
    closedir(d);
}

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[160];
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_sink();
    snprintf(dir, sizeof dir, "/tmp/pace-fuzz-test-XXXXXX");
    if (!mkdtemp(dir))
        fuzz_fail("mkdtemp");
    char path[160];
    snprintf(path, sizeof path, "%s/rules.pace", dir);
    write_file(path, own_rules, sizeof own_rules - 1);
    copy_repo_rules();
    snprintf(test_path, sizeof test_path, "%s/fuzz.test", dir);
    atexit(remove_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_TEST_BYTES)
        return 0;
    write_file(test_path, (const char *)data, size);
    const char *paths[1] = {test_path};
    Diag d;
    diag_init(&d, fuzz_sink());
    int rc = tf_run_files(paths, 1, (int)(size & 1), fuzz_sink(), &d);
    if (rc != 0 && rc != 1)
        fuzz_fail("pace test returned a status other than 0 or 1");
    return 0;
}
