/* output.c — the one entry to the writers (out_write), and the helpers
 * they share (out_common.h): UTF-8 checking, report order, titles. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "out_common.h"
#include "output.h"
#include "period.h"

int out_format_parse(const char *name)
{
    static const struct { const char *name; OutFormat format; } formats[] = {
        {"csv", FORMAT_CSV},
        {"json", FORMAT_JSON},
        {"jsonl", FORMAT_JSON},
        {"md", FORMAT_MD},
        {"markdown", FORMAT_MD},
        {"html", FORMAT_HTML},
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(name, formats[i].name) == 0)
            return (int)formats[i].format;
    return -1;
}

int out_write(FILE *f, OutFormat format, const ActionList *list)
{
    switch (format) {
    case FORMAT_CSV: return out_csv(f, list);
    case FORMAT_JSON: return out_json(f, list);
    case FORMAT_MD: return out_md(f, list);
    case FORMAT_HTML: return out_html(f, list);
    }
    errno = EINVAL;
    return -1;
}

int out_streams(OutFormat format)
{
    return format == FORMAT_CSV || format == FORMAT_JSON;
}

int out_begin(FILE *f, OutFormat format)
{
    return format == FORMAT_CSV ? out_csv_header(f) : 0;
}

int out_rows(FILE *f, OutFormat format, const ActionList *list)
{
    return format == FORMAT_CSV ? out_csv_rows(f, list) : out_json_rows(f, list);
}

int out_end(FILE *f)
{
    return out_finish(f);
}

const char *out_str(const char *s)
{
    return s ? s : "";
}

/* Number of continuation bytes after a lead byte, or -1 for a byte that
 * cannot start a sequence. */
static int utf8_tail(unsigned char c, unsigned long *cp)
{
    if (c < 0x80) { *cp = c; return 0; }
    if (c >= 0xC2 && c <= 0xDF) { *cp = c & 0x1F; return 1; }
    if (c >= 0xE0 && c <= 0xEF) { *cp = c & 0x0F; return 2; }
    if (c >= 0xF0 && c <= 0xF4) { *cp = c & 0x07; return 3; }
    return -1;
}

size_t out_utf8_decode(const char *s, size_t n, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long v;
    int tail = utf8_tail(u[0], &v);
    if (tail < 0 || (size_t)tail >= n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (int i = 1; i <= tail; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    /* Overlong three- and four-byte forms, surrogates, beyond U+10FFFF. */
    if ((tail == 2 && v < 0x800) || (tail == 3 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return (size_t)tail + 1;
}

void out_utf8_put(FILE *f, unsigned long cp)
{
    if (cp < 0x80) {
        putc((int)cp, f);
    } else if (cp < 0x800) {
        putc((int)(0xC0 | (cp >> 6)), f);
        putc((int)(0x80 | (cp & 0x3F)), f);
    } else if (cp < 0x10000) {
        putc((int)(0xE0 | (cp >> 12)), f);
        putc((int)(0x80 | ((cp >> 6) & 0x3F)), f);
        putc((int)(0x80 | (cp & 0x3F)), f);
    } else {
        putc((int)(0xF0 | (cp >> 18)), f);
        putc((int)(0x80 | ((cp >> 12) & 0x3F)), f);
        putc((int)(0x80 | ((cp >> 6) & 0x3F)), f);
        putc((int)(0x80 | (cp & 0x3F)), f);
    }
}

/* ASCII case-insensitive order with a byte-order tie break: "anna" and
 * "Bob" sort as a reader expects, and the order never depends on the
 * locale (the same input gives byte-identical output). */
int out_name_cmp(const char *a, const char *b)
{
    for (size_t i = 0;; i++) {
        int ca = (unsigned char)a[i], cb = (unsigned char)b[i];
        if (ca >= 'A' && ca <= 'Z') ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z') cb += 'a' - 'A';
        if (ca != cb)
            return ca - cb;
        if (!ca)
            break;
    }
    return strcmp(a, b);
}

/* Empty names ("no manager on record") go last. */
int out_group_cmp(const char *a, const char *b)
{
    if (!*a != !*b)
        return *a ? -1 : 1;
    return out_name_cmp(a, b);
}

static int report_cmp(const void *pa, const void *pb)
{
    const ActionRow *a = *(const ActionRow *const *)pa;
    const ActionRow *b = *(const ActionRow *const *)pb;
    int c = out_group_cmp(out_str(a->manager), out_str(b->manager));
    if (!c)
        c = out_group_cmp(out_str(a->team), out_str(b->team));
    /* A team's own rows (empty rep) come before its reps. */
    if (!c)
        c = out_name_cmp(out_str(a->rep), out_str(b->rep));
    if (!c)   /* rows of one array: address order is list order */
        c = (a > b) - (a < b);
    return c;
}

const ActionRow **out_report_order(const ActionList *list)
{
    const ActionRow **order = xmalloc((list->n ? list->n : 1) * sizeof *order);
    for (size_t i = 0; i < list->n; i++)
        order[i] = &list->rows[i];
    if (list->n > 1)
        qsort(order, list->n, sizeof *order, report_cmp);
    return order;
}

int out_same_manager(const ActionRow *a, const ActionRow *b)
{
    return strcmp(out_str(a->manager), out_str(b->manager)) == 0;
}

int out_same_subject(const ActionRow *a, const ActionRow *b)
{
    return out_same_manager(a, b) && strcmp(out_str(a->team), out_str(b->team)) == 0 &&
           strcmp(out_str(a->rep), out_str(b->rep)) == 0;
}

void out_coverage(const ActionList *list, char *buf, size_t size)
{
    int first = list->first_period, last = list->last_period;
    const char *kind = list->period_kind;
    if (!kind || first == -1 || last == -1) {   /* not filled in: from the rows */
        if (list->n == 0) {
            snprintf(buf, size, "no periods");
            return;
        }
        if (!kind)
            kind = "mixed";
        first = last = list->rows[0].period;
        for (size_t i = 1; i < list->n; i++) {
            if (list->rows[i].period < first) first = list->rows[i].period;
            if (list->rows[i].period > last) last = list->rows[i].period;
        }
    }
    int mixed = strcmp(kind, "mixed") == 0;
    char d1[11], d2[11];
    date_format(first, d1);
    date_format(last, d2);
    if (first == last)
        snprintf(buf, size, "%s of %s", mixed ? "period" : kind, d1);
    else
        snprintf(buf, size, "%s%s %s to %s", mixed ? "period" : kind, "s", d1, d2);
}

size_t out_count_type(const ActionList *list, ActionType t)
{
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++)
        n += list->rows[i].type == t;
    return n;
}

size_t out_count_outcome(const ActionList *list, const char *outcome)
{
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++) {
        const ActionRow *r = &list->rows[i];
        n += r->type == AT_EXPECT && r->value.format == VF_TEXT &&
             strcmp(out_str(r->value.text), outcome) == 0;
    }
    return n;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t out_count_reps(const ActionList *list)
{
    const char **names = xmalloc((list->n ? list->n : 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++)
        if (*out_str(list->rows[i].rep))
            names[n++] = list->rows[i].rep;
    qsort(names, n, sizeof *names, str_ptr_cmp);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        distinct += i == 0 || strcmp(names[i], names[i - 1]) != 0;
    free(names);
    return distinct;
}

int out_finish(FILE *f)
{
    int failed = fflush(f) != 0;
    if (ferror(f) || failed) {
        /* errno still tells why the failing write failed: nothing since
         * has succeeded at writing.  Never report "Success". */
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    return 0;
}
