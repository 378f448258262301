/* period.c — dates and periods (see period.h). */
#include "period.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Hinnant's algorithm: exact for the proleptic Gregorian calendar. */
int date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(int day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

void date_format(int day, char buf[11])
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    /* Day numbers come from valid dates, so every field fits; the masks
     * only make sure.  Written digit by digit: reasons and every output
     * row print dates, and snprintf costs thirty times as much. */
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    buf[0] = (char)('0' + uy / 1000);
    buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10);
    buf[3] = (char)('0' + uy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + um / 10);
    buf[6] = (char)('0' + um % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + ud / 10);
    buf[9] = (char)('0' + ud % 10);
    buf[10] = '\0';
}

int date_parse_iso(const char *s, int *day)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!date_valid(y, m, d))
        return 0;
    *day = date_from_ymd(y, m, d);
    return 1;
}

static int floor_div(int a, int b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Months counted from year 0, so month arithmetic is integer arithmetic. */
static int month_index(int day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    return y * 12 + (m - 1);
}

static int month_first_day(int mi)
{
    return date_from_ymd(floor_div(mi, 12), mi - floor_div(mi, 12) * 12 + 1, 1);
}

int period_of(PeriodKind kind, const Calendar *cal, int day)
{
    switch (kind) {
    case PER_WEEK:
        /* 1970-01-01 was a Thursday: day + 3 counts from Monday 1969-12-29. */
        return floor_div(day + 3, 7);
    case PER_MONTH:
        return month_index(day);
    case PER_QUARTER:
    default:
        return floor_div(month_index(day) - (cal->fiscal_start_month - 1), 3);
    }
}

int period_first_day(PeriodKind kind, const Calendar *cal, int index)
{
    switch (kind) {
    case PER_WEEK:
        return index * 7 - 3;
    case PER_MONTH:
        return month_first_day(index);
    case PER_QUARTER:
    default:
        return month_first_day(index * 3 + cal->fiscal_start_month - 1);
    }
}

int period_last_day(PeriodKind kind, const Calendar *cal, int index)
{
    return period_first_day(kind, cal, index + 1) - 1;
}

const char *period_kind_name(PeriodKind kind)
{
    static const char *names[PER_KINDS] = {"week", "month", "quarter"};
    return kind < PER_KINDS ? names[kind] : "?";
}
