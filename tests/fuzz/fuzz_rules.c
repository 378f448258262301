/* fuzz_rules.c — libFuzzer harness for the rule-file front door: lexer,
 * parser, checker and the formatter's round trip.
 *
 * Properties checked on every input (a violation aborts: it is a bug):
 *   1. nothing crashes, leaks or trips a sanitizer, whatever the bytes;
 *   2. a file that parses is formatted (fmt_source does not refuse it);
 *   3. the formatted text parses without errors, means the same (the same
 *      program: rules, metrics, conditions, actions, numbers), and checks
 *      with the same number of errors;
 *   4. formatting the formatted text changes nothing (idempotence). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "check.h"
#include "diag.h"
#include "fmt.h"
#include "parse.h"

#include "fuzz_util.h"

static const char fuzz_name[] = "fuzz.pace";

/* Formats text; returns fmt_source's status and the output in *out. */
static int format_text(const char *text, size_t len, char **out, size_t *outlen)
{
    Source *src = source_from_text(fuzz_name, text, len);
    Diag d;
    diag_init(&d, fuzz_sink());
    FILE *m = open_memstream(out, outlen);
    if (!m)
        fuzz_fail("open_memstream");
    int rc = fmt_source(src, m, &d);
    if (fclose(m) != 0)
        fuzz_fail("memstream close");
    source_free(src);
    return rc;
}

static int same_str(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static int same_duration(const Duration *a, const Duration *b)
{
    return a->n == b->n && a->unit == b->unit;
}

/* Same meaning: every field the parser sets, none of the spans (the
 * layout moved them) and none of the checker's annotations. */
static int same_expr(const Expr *a, const Expr *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || !same_str(a->name, b->name) || !same_str(a->text, b->text))
        return 0;
    if (a->kind == EX_NUM && (a->num != b->num || a->unit != b->unit))
        return 0;
    if (a->has_window != b->has_window || (a->has_window && !same_duration(&a->window, &b->window)))
        return 0;
    if (a->kind == EX_CHANGE && a->dir != b->dir)
        return 0;
    if (a->nargs != b->nargs)
        return 0;
    for (int i = 0; i < a->nargs; i++)
        if (!same_expr(a->args[i], b->args[i]))
            return 0;
    return same_expr(a->lhs, b->lhs) && same_expr(a->rhs, b->rhs);
}

static int same_action(const Action *a, const Action *b)
{
    return a->kind == b->kind && same_str(a->text, b->text) &&
           a->topic_quoted == b->topic_quoted && a->person == b->person &&
           a->adjust_to == b->adjust_to && a->adjust_goal == b->adjust_goal &&
           same_expr(a->amount, b->amount) && a->priority == b->priority &&
           a->has_due == b->has_due && (!a->has_due || same_duration(&a->due, &b->due)) &&
           a->owner == b->owner && same_expr(a->expect, b->expect) &&
           (!a->expect || same_duration(&a->within, &b->within));
}

static int same_filter(const Filter *a, const Filter *b)
{
    return a->kind == b->kind && same_str(a->field, b->field) && same_str(a->value, b->value);
}

/* Unnamed rules are named file:line, and formatting may move lines. */
static int same_rule(const Rule *a, const Rule *b)
{
    if (a->named != b->named || (a->named && !same_str(a->name, b->name)))
        return 0;
    if (a->scope != b->scope || a->nfilters != b->nfilters || a->nactions != b->nactions)
        return 0;
    for (int i = 0; i < a->nfilters; i++)
        if (!same_filter(&a->filters[i], &b->filters[i]))
            return 0;
    for (int i = 0; i < a->nactions; i++)
        if (!same_action(&a->actions[i], &b->actions[i]))
            return 0;
    if (a->has_repeat != b->has_repeat || (a->has_repeat && !same_duration(&a->repeat, &b->repeat)))
        return 0;
    return same_expr(a->cond, b->cond) && same_expr(a->until, b->until);
}

static int same_program(const Program *a, const Program *b)
{
    if (a->period != b->period || a->period_set != b->period_set ||
        a->fiscal_start_month != b->fiscal_start_month || a->nmetrics != b->nmetrics ||
        a->nmeasures != b->nmeasures || a->nrules != b->nrules)
        return 0;
    for (int i = 0; i < a->nmetrics; i++) {
        const Metric *x = &a->metrics[i], *y = &b->metrics[i];
        if (!same_str(x->name, y->name) || !same_expr(x->expr, y->expr) ||
            !same_expr(x->floor, y->floor))
            return 0;
    }
    for (int i = 0; i < a->nmeasures; i++)
        if (!same_str(a->measures[i].name, b->measures[i].name))
            return 0;
    for (int i = 0; i < a->nrules; i++)
        if (!same_rule(&a->rules[i], &b->rules[i]))
            return 0;
    return 1;
}

/* Parses text; *errors gets the syntax errors. */
static Program *parse(const char *text, size_t len, int *errors)
{
    Diag d;
    diag_init(&d, fuzz_sink());
    Program *p = parse_text(fuzz_name, text, len, &d);
    *errors = d.errors;
    return p;
}

static int check(Program *p)
{
    Diag d;
    diag_init(&d, fuzz_sink());
    chk_program(p, &d);
    return d.errors;
}

/* Properties 3 and 4 for a file that parsed cleanly. */
static void round_trip(Program *orig, const char *t1, size_t n1)
{
    int errors;
    Program *again = parse(t1, n1, &errors);
    if (errors)
        fuzz_fail("formatted text does not parse");
    if (!same_program(orig, again))
        fuzz_fail("formatting changed the program's meaning");
    /* Compared before checking: the checker annotates the tree. */
    if (check(again) != check(orig))
        fuzz_fail("formatted text checks differently");
    ast_free(again);
    char *t2 = NULL;
    size_t n2 = 0;
    if (format_text(t1, n1, &t2, &n2) != 0)
        fuzz_fail("formatted text cannot be formatted again");
    if (n1 != n2 || memcmp(t1, t2, n1) != 0)
        fuzz_fail("formatting is not idempotent");
    free(t2);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_sink();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Larger inputs find nothing new and slow every run down. */
    if (size > 64 * 1024)
        return 0;
    const char *text = (const char *)data;
    int parse_errors;
    Program *orig = parse(text, size, &parse_errors);
    char *t1 = NULL;
    size_t n1 = 0;
    int rc = format_text(text, size, &t1, &n1);
    if (parse_errors == 0) {
        if (rc != 0)
            fuzz_fail("fmt refused a file that parses");
        round_trip(orig, t1, n1);
    }
    free(t1);
    ast_free(orig);
    return 0;
}
