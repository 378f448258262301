/* period.h — calendar dates and reporting periods.
 *
 * A date is a day number: days since 1970-01-01 (may be negative).  A
 * period is an index in a sequence of periods of one kind:
 *   week    ISO weeks, Monday to Sunday, named by their Monday;
 *   month   calendar months;
 *   quarter three-month quarters, shifted by the fiscal-year start month.
 * Period indexes of one kind are consecutive integers, so "the period
 * before" is index - 1 and windows are plain index ranges. */
#ifndef PACE_PERIOD_H
#define PACE_PERIOD_H

typedef enum PeriodKind {
    PER_WEEK,     /* ISO week, Monday first */
    PER_MONTH,    /* calendar month */
    PER_QUARTER,  /* three months from the fiscal-year start */
    PER_KINDS     /* number of kinds (not a kind) */
} PeriodKind;

/* Where periods of each kind start; the quarter needs the fiscal start. */
typedef struct Calendar {
    int fiscal_start_month;   /* 1 = January (default) .. 12 */
} Calendar;

/* 1 when y-m-d is a real calendar date with 1 <= y <= 9999. */
int date_valid(int y, int m, int d);
/* Day number of a valid date (Howard Hinnant's days_from_civil). */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
/* Writes YYYY-MM-DD and a NUL into buf (11 bytes). */
void date_format(int day, char buf[11]);
/* Parses exactly YYYY-MM-DD (used by --as-of, --from, --to and tests).
 * Returns 1 and sets *day when s is a valid date, else 0. */
int date_parse_iso(const char *s, int *day);

/* The index of the period of `kind` holding day. */
int period_of(PeriodKind kind, const Calendar *cal, int day);
/* First and last day of a period. */
int period_first_day(PeriodKind kind, const Calendar *cal, int index);
int period_last_day(PeriodKind kind, const Calendar *cal, int index);
/* "week", "month", "quarter" */
const char *period_kind_name(PeriodKind kind);

#endif
