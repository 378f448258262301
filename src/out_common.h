/* out_common.h — helpers shared by the output writers (out_csv.c,
 * out_json.c, out_md.c, out_html.c); implemented in output.c.  Not part
 * of the interface other stages use: that is output.h. */
#ifndef PACE_OUT_COMMON_H
#define PACE_OUT_COMMON_H

#include <stddef.h>
#include <stdio.h>

#include "actions.h"

/* A row's string, "" for NULL: the writers never trust a field to be set. */
const char *out_str(const char *s);

/* Decodes one UTF-8 sequence at s (n > 0 bytes left) into *cp and returns
 * its length.  A byte that starts no valid sequence (overlong forms,
 * surrogates, truncated sequences, Windows-1252 leftovers) gives U+FFFD
 * and length 1, so every writer can promise valid UTF-8. */
size_t out_utf8_decode(const char *s, size_t n, unsigned long *cp);
/* Writes a code point as UTF-8. */
void out_utf8_put(FILE *f, unsigned long cp);

/* Name order for reports: ASCII case-insensitive, then bytes, so the
 * order never depends on the locale.  out_group_cmp puts "" last. */
int out_name_cmp(const char *a, const char *b);
int out_group_cmp(const char *a, const char *b);

/* The rows in report order (manager, then team, then the team's own rows
 * before its reps, then rep, then list order): a malloc'd array of n
 * pointers for the Markdown and HTML reports. */
const ActionRow **out_report_order(const ActionList *list);
/* 0 when a and b belong under the same manager / the same subject. */
int out_same_manager(const ActionRow *a, const ActionRow *b);
int out_same_subject(const ActionRow *a, const ActionRow *b);

/* What the run covered, for titles: "weeks 2026-01-26 to 2026-02-02",
 * "week of 2026-02-02", "periods ..." (mixed), "no periods". */
void out_coverage(const ActionList *list, char *buf, size_t size);

/* Counts of one kind of action in the list (for summaries). */
size_t out_count_type(const ActionList *list, ActionType t);
/* Counts the follow-ups with this outcome ("met", "missed", "pending"). */
size_t out_count_outcome(const ActionList *list, const char *outcome);
/* Distinct reps (non-empty rep) and teams with rows. */
size_t out_count_reps(const ActionList *list);

/* Flushes f and turns any write error into -1 with errno set. */
int out_finish(FILE *f);

/* The parts of the formats that stream (output.c out_begin, out_rows):
 * each returns 0, or -1 when writing failed. */
int out_csv_header(FILE *f);
int out_csv_rows(FILE *f, const ActionList *list);
int out_json_rows(FILE *f, const ActionList *list);

#endif
