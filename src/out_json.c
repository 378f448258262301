/* out_json.c — the action list as JSON lines: one object per action, the
 * CSV's keys in the CSV's order (data.md section 3).
 *
 * An empty CSV cell is null.  value and previous are numbers in their
 * plain meaning (12.5% is 0.125, 2.5x is 2.5, amounts and counts as they
 * are), or strings for text (met, missed, pending).  Strings are valid
 * UTF-8 whatever the input held: control characters are escaped, bytes
 * that are not UTF-8 become U+FFFD, and U+2028/U+2029 are escaped so a
 * line is also a valid JavaScript literal. */
#include <math.h>
#include <string.h>

#include "out_common.h"
#include "output.h"
#include "period.h"

/* A character that JSON needs escaped: the short form when there is one. */
static void put_escaped(FILE *f, unsigned long cp)
{
    static const char shorts[] = "\b\\b\f\\f\n\\n\r\\r\t\\t\"\\\"\\\\\\";
    for (const char *p = shorts; *p; p += 3)
        if ((unsigned char)p[0] == cp) {
            fwrite(p + 1, 1, 2, f);
            return;
        }
    fprintf(f, "\\u%04lx", cp);
}

/* string -> '"' chars '"', or null when empty */
static void put_string(FILE *f, const char *s)
{
    s = out_str(s);
    if (!*s) {
        fputs("null", f);
        return;
    }
    putc('"', f);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        i += out_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || cp == '"' || cp == '\\' || cp == 0x2028 || cp == 0x2029)
            put_escaped(f, cp);
        else
            out_utf8_put(f, cp);
    }
    putc('"', f);
}

static void put_date(FILE *f, int day)
{
    char buf[11];
    if (day == -1) {
        fputs("null", f);
        return;
    }
    date_format(day, buf);
    fprintf(f, "\"%s\"", buf);
}

/* 15 significant digits: exact for every value the CSV shows, without
 * the binary noise of 10000 * 1.1 = 11000.000000000002. */
static void put_cell(FILE *f, const Cell *c)
{
    if (c->format == VF_NONE || (c->format != VF_TEXT && !isfinite(c->num))) {
        fputs("null", f);
    } else if (c->format == VF_TEXT) {
        put_string(f, c->text);
    } else {
        double v = c->num == 0 ? 0 : c->num;   /* never "-0" */
        fprintf(f, "%.15g", v);
    }
}

static void put_row(FILE *f, const ActionRow *r)
{
    fputs("{\"period\":", f);
    put_date(f, r->period);
    fputs(",\"rep\":", f);
    put_string(f, r->rep);
    fputs(",\"team\":", f);
    put_string(f, r->team);
    fputs(",\"rule\":", f);
    put_string(f, r->rule);
    fputs(",\"action\":", f);
    put_string(f, actions_type_name(r->type));
    fputs(",\"target\":", f);
    put_string(f, r->target);
    fputs(",\"value\":", f);
    put_cell(f, &r->value);
    fputs(",\"previous\":", f);
    put_cell(f, &r->previous);
    fputs(",\"priority\":", f);
    put_string(f, r->priority);
    fputs(",\"due\":", f);
    put_date(f, r->due);
    fputs(",\"reason\":", f);
    put_string(f, r->reason);
    fputs("}\n", f);
}

int out_json_rows(FILE *f, const ActionList *list)
{
    for (size_t i = 0; i < list->n && !ferror(f); i++)
        put_row(f, &list->rows[i]);
    return ferror(f) ? -1 : 0;
}

int out_json(FILE *f, const ActionList *list)
{
    out_json_rows(f, list);
    return out_finish(f);
}
