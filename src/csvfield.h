/* csvfield.h — reading one CSV cell: dates, numbers, periods, yes/no
 * flags, deal stages, activity types, and text (Windows-1252 to UTF-8,
 * snake_case).  data.md section 2 says which spellings are accepted.
 *
 * Cells are byte strings, not NUL-terminated.  Nothing here allocates:
 * the importer calls these once per cell on its hot path. */
#ifndef PACE_CSVFIELD_H
#define PACE_CSVFIELD_H

#include <stddef.h>

#include "csvin.h"
#include "period.h"

/* What reading a date gave. */
typedef enum DateResult {
    DATE_OK,          /* *day is set */
    DATE_NOT_A_DATE,  /* no accepted shape (Jan 5, 2026-1-5x) */
    DATE_NOT_REAL,    /* date-shaped but no such day (2026-02-30) */
    DATE_AMBIGUOUS,   /* a slash date while the file's order is unknown */
    DATE_SHORT_YEAR,  /* 1/5/26: the century is a guess, so refused */
} DateResult;

/* 2026-01-05, 2026/01/05, 2026-01-05 14:30:00, 2026-01-05T14:30:00Z,
 * 05.01.2026 [14:30], 1/5/2026 [2:30 PM] and 05-01-2026 read with
 * `order` (DATES_AUTO gives DATE_AMBIGUOUS for those). */
DateResult csvfield_date(const char *s, size_t n, DateOrder order, int *day);
/* 1 when s is a slash (or day-dash-month) date; *proves is DATES_DMY when
 * its first part is over 12, DATES_MDY when its second is, else AUTO. */
int csvfield_slash_date(const char *s, size_t n, DateOrder *proves);

/* What reading a number gave. */
typedef enum NumResult {
    NUM_OK,       /* *units is set */
    NUM_EMPTY,    /* nothing but spaces */
    NUM_BAD,      /* not a number */
    NUM_TOO_BIG,  /* more than 14 digits before the decimal point */
} NumResult;

/* 1234.56, 1,234.56, 1.234,56, € 1.200,00, $1,200, 1200 USD, -5,
 * (1,200.00), 12% (0.12).  Result in 1/10000 units, rounded half away
 * from zero.  decimal_comma decides only a lone separator followed by
 * exactly three digits ("1,234" is 1234 without it, 1.234 with it). */
NumResult csvfield_number(const char *s, size_t n, int decimal_comma, long long *units);

/* A period as a metrics or targets row names it. */
typedef struct PeriodSpan {
    int first, last;   /* days, inclusive */
    int kind;          /* PER_WEEK/MONTH/QUARTER, or -1 for a single day */
} PeriodSpan;

/* 2026-Q1, Q1 2026, 2026-01, 01/2026, Jan 2026, 2026-W02, or a date.
 * A date names the period of kind `hint` holding it (a column called
 * week, month or quarter); with hint -1 it names the day itself, or with
 * date_is_week the ISO week holding it.  Quarters follow cal's fiscal
 * start: 2026-Q1 is the first quarter of the fiscal year that starts in
 * 2026. */
DateResult csvfield_period(const char *s, size_t n, DateOrder order, int hint,
                           int date_is_week, const Calendar *cal, PeriodSpan *out);

/* Yes/no flags (Won, Closed, IsWon, Gewonnen): 1 yes, 0 no, -1 empty,
 * -2 not a flag. */
int csvfield_flag(const char *s, size_t n);

/* How a deal stage reads. */
typedef enum StageClass {
    STAGE_OPEN,      /* a known open stage (Prospecting, appointmentscheduled) */
    STAGE_WON,       /* Closed Won, Won, closedwon, Geschlossen und gewonnen */
    STAGE_LOST,      /* Closed Lost, Lost, closedlost, Geschlossen und verloren */
    STAGE_UNKNOWN,   /* anything else: open, but an error under --strict */
} StageClass;

StageClass csvfield_stage(const char *s, size_t n);

/* An activity type's meaning: a built-in measure (M_CALLS .. M_EMAILS, or
 * M_OPPORTUNITIES / M_WON / M_LOST for deal rows), or -1 for another type,
 * counted under its snake_case name.  s is UTF-8. */
int csvfield_activity(const char *s, size_t n);

/* Strips spaces, tabs and no-break spaces from both ends. */
void csvfield_trim(const char **s, size_t *n);
int csvfield_utf8_valid(const char *s, size_t n);
/* Windows-1252 to UTF-8; out needs 3 * n bytes.  Returns the length. */
size_t csvfield_cp1252(const char *s, size_t n, char *out);
/* snake_case of UTF-8 text: letters and digits kept (lower case, German
 * umlauts and common accents spelled out: ä -> ae), anything else one
 * underscore.  Writes at most cap - 1 bytes and a NUL; returns the length. */
size_t csvfield_snake(const char *s, size_t n, char *out, size_t cap);

#endif
