/* out_csv.c — the action list as CSV: the contract of data.md section 3.
 *
 * RFC 4180 quoting through libcsv (csv_fwrite) for every field that holds
 * a comma, a quote or a line break; other fields go out bare so the file
 * stays easy to read and to diff.  Lines end in LF, not the RFC's CRLF:
 * the list is read by Unix tools, diffs and scripts far more often than
 * by anything that insists on CRLF (spreadsheets and libcsv accept both),
 * and a stray CR in a diff or `cut` output is a classic nightly-batch bug. */
#include <csv.h>
#include <string.h>

#include "out_common.h"
#include "output.h"
#include "period.h"

static const char csv_header[] =
    "period,rep,team,rule,action,target,value,previous,priority,due,reason\n";

/* field -> bare text | '"' text-with-doubled-quotes '"' */
static int put_field(FILE *f, const char *s, int last)
{
    s = out_str(s);
    int rc;
    if (strpbrk(s, ",\"\r\n"))
        rc = csv_fwrite(f, s, strlen(s));
    else
        rc = fputs(s, f) < 0 ? EOF : 0;
    if (rc == EOF || putc(last ? '\n' : ',', f) == EOF)
        return -1;
    return 0;
}

/* A day number as YYYY-MM-DD; -1 (no due date) is an empty field. */
static int put_date(FILE *f, int day)
{
    char buf[11] = "";
    if (day != -1)
        date_format(day, buf);
    return put_field(f, buf, 0);
}

static int put_cell(FILE *f, const Cell *c)
{
    char buf[64];
    actions_format_cell(c, buf, sizeof buf);
    return put_field(f, buf, 0);
}

/* One line per action, in the list's (documented) order. */
static int put_row(FILE *f, const ActionRow *r)
{
    if (put_date(f, r->period) || put_field(f, r->rep, 0) || put_field(f, r->team, 0) ||
        put_field(f, r->rule, 0) || put_field(f, actions_type_name(r->type), 0) ||
        put_field(f, r->target, 0) || put_cell(f, &r->value) || put_cell(f, &r->previous) ||
        put_field(f, r->priority, 0) || put_date(f, r->due) || put_field(f, r->reason, 1))
        return -1;
    return 0;
}

int out_csv_header(FILE *f)
{
    return fputs(csv_header, f) < 0 ? -1 : 0;
}

int out_csv_rows(FILE *f, const ActionList *list)
{
    for (size_t i = 0; i < list->n; i++)
        if (put_row(f, &list->rows[i]) != 0)
            return -1;
    return 0;
}

int out_csv(FILE *f, const ActionList *list)
{
    if (out_csv_header(f) == 0)
        out_csv_rows(f, list);
    return out_finish(f);
}
