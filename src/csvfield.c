/* csvfield.c — reading one CSV cell (see csvfield.h).
 *
 * Everything parses digits by hand (no sscanf, strptime or strtod): the
 * importer reads millions of cells, and the accepted shapes are few and
 * exact. */
#include "csvfield.h"

#include <string.h>
#include <strings.h>

#include "measure.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Bytes of a space at s[i]: ASCII space or tab, a no-break space in
 * UTF-8 (also the narrow and thin ones) or in Windows-1252; 0 if none. */
static size_t space_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= n)
        return 0;
    if (u[i] == ' ' || u[i] == '\t' || u[i] == 0xA0)
        return 1;
    if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)
        return 2;
    if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xAF || u[i + 2] == 0x89))
        return 3;
    return 0;
}

void csvfield_trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n, k;
    if (len == 0 || ((unsigned char)p[0] - 0x21u < 0x5Fu && (unsigned char)p[len - 1] - 0x21u < 0x5Fu))
        return;                     /* the usual cell: printable ASCII at both ends */
    while ((k = space_at(p, len, 0)) != 0) {
        p += k;
        len -= k;
    }
    for (;;) {
        size_t cut = 0;
        for (size_t back = 1; back <= 3 && back <= len; back++)
            if (space_at(p, len, len - back) == back) {
                cut = back;
                break;
            }
        if (!cut)
            break;
        len -= cut;
    }
    *s = p;
    *n = len;
}

/* Reads up to max digits at *i; returns how many. */
static int read_digits(const char *s, size_t n, size_t *i, int max, int *val)
{
    int k = 0, v = 0;
    while (*i < n && k < max && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *val = v;
    return k;
}

/* AM/PM at s[i], case-insensitive; returns 1 for AM, 2 for PM, 0 none. */
static int meridiem_at(const char *s, size_t n, size_t i)
{
    if (i + 2 > n || lower(s[i + 1]) != 'm')
        return 0;
    if (i + 2 < n && is_alpha(s[i + 2]))
        return 0;
    return lower(s[i]) == 'a' ? 1 : lower(s[i]) == 'p' ? 2 : 0;
}

/* zone -> Z | [+-]HH[:MM] | UTC | GMT, after optional spaces, to the end. */
static int zone_ok(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    if (i == n)
        return 1;
    if (s[i] == 'Z' && i + 1 == n)
        return 1;
    if (s[i] == '+' || s[i] == '-') {
        int hh, mm;
        i++;
        if (read_digits(s, n, &i, 2, &hh) != 2 || hh > 14)
            return 0;
        if (i < n && s[i] == ':')
            i++;
        if (i < n && (read_digits(s, n, &i, 2, &mm) != 2 || mm > 59))
            return 0;
        return i == n;
    }
    return n - i == 3 && (strncasecmp(s + i, "UTC", 3) == 0 || strncasecmp(s + i, "GMT", 3) == 0);
}

/* time -> ('T' | ' ') H[H]:MM[:SS[.fff]] [AM|PM] [zone]; 1 when s[i..n)
 * is empty or such a time (the date part is all Pace keeps). */
static int time_ok(const char *s, size_t n, size_t i)
{
    int h, m, sec;
    if (i == n)
        return 1;
    if (s[i] != 'T' && s[i] != ' ')
        return 0;
    while (++i < n && s[i] == ' ')
        ;
    if (!read_digits(s, n, &i, 2, &h) || i >= n || s[i] != ':')
        return 0;
    i++;
    if (read_digits(s, n, &i, 2, &m) != 2 || m > 59)
        return 0;
    if (i < n && s[i] == ':') {
        i++;
        if (read_digits(s, n, &i, 2, &sec) != 2 || sec > 60)
            return 0;
        if (i < n && (s[i] == '.' || s[i] == ',')) {
            size_t start = ++i;
            while (i < n && is_digit(s[i]))
                i++;
            if (i == start)
                return 0;
        }
    }
    size_t j = i;
    while (j < n && s[j] == ' ')
        j++;
    if (meridiem_at(s, n, j)) {
        if (h < 1 || h > 12)
            return 0;
        i = j + 2;
    } else if (h > 23) {
        return 0;
    }
    return zone_ok(s, n, i);
}

/* The parts of a date: a sep b sep c, the digit counts of a and c, and
 * where the rest (a time) starts.  0 when s is not date-shaped. */
typedef struct DateParts {
    int a, b, c, ka, kc;
    char sep;
    size_t rest;
} DateParts;

static int date_parts(const char *s, size_t n, DateParts *p)
{
    size_t i = 0;
    p->ka = read_digits(s, n, &i, 4, &p->a);
    if (p->ka == 0 || p->ka == 3 || i >= n)
        return 0;
    p->sep = s[i];
    if (p->sep != '-' && p->sep != '/' && p->sep != '.')
        return 0;
    i++;
    if (read_digits(s, n, &i, 2, &p->b) == 0 || i >= n || s[i] != p->sep)
        return 0;
    i++;
    p->kc = read_digits(s, n, &i, p->ka == 4 ? 2 : 4, &p->c);
    if (p->kc == 0 || (p->ka == 4 ? 0 : p->kc != 2 && p->kc != 4))
        return 0;
    if (i < n && is_digit(s[i]))
        return 0;
    p->rest = i;
    return time_ok(s, n, i);
}

int csvfield_slash_date(const char *s, size_t n, DateOrder *proves)
{
    DateParts p;
    csvfield_trim(&s, &n);
    *proves = DATES_AUTO;
    if (!date_parts(s, n, &p) || p.ka == 4 || p.sep == '.')
        return 0;
    if (p.a > 12 && p.b <= 12)
        *proves = DATES_DMY;
    else if (p.b > 12 && p.a <= 12)
        *proves = DATES_MDY;
    return 1;
}

DateResult csvfield_date(const char *s, size_t n, DateOrder order, int *day)
{
    DateParts p;
    int y, m, d;
    csvfield_trim(&s, &n);
    if (!date_parts(s, n, &p))
        return DATE_NOT_A_DATE;
    if (p.ka == 4) {
        y = p.a, m = p.b, d = p.c;
    } else if (p.kc == 2) {
        return DATE_SHORT_YEAR;
    } else if (p.sep == '.') {
        y = p.c, m = p.b, d = p.a;                 /* German: 05.01.2026 */
    } else if (order == DATES_AUTO) {
        return DATE_AMBIGUOUS;
    } else if (order == DATES_DMY) {
        y = p.c, m = p.b, d = p.a;
    } else {
        y = p.c, m = p.a, d = p.b;
    }
    if (!date_valid(y, m, d))
        return DATE_NOT_REAL;
    *day = date_from_ymd(y, m, d);
    return DATE_OK;
}

/* --- numbers --- */

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Bytes of a currency sign or a three-letter ISO code (EUR, USD) at s[i]. */
static size_t currency_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= n)
        return 0;
    if (u[i] == '$' || u[i] == 0x80 || u[i] == 0xA3 || u[i] == 0xA5)
        return 1;
    if (u[i] == 0xC2 && i + 1 < n && (u[i + 1] == 0xA3 || u[i + 1] == 0xA5))
        return 2;
    if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x82 && u[i + 2] == 0xAC)
        return 3;
    if (i + 3 <= n && is_upper(s[i]) && is_upper(s[i + 1]) && is_upper(s[i + 2]) &&
        (i + 3 == n || !is_alpha(s[i + 3]))) {
        if (i + 3 < n && s[i + 3] == '$')
            return 4;                              /* US$ */
        return 3;
    }
    return 0;
}

/* The digits of a number as groups split by separators. */
enum { MAX_GROUPS = 12 };
typedef struct Groups {
    const char *start[MAX_GROUPS];
    int len[MAX_GROUPS];
    char sep[MAX_GROUPS];       /* sep[k] comes after group k: '.', ',', '\'' or ' ' */
    int n;
} Groups;

/* core -> digit+ (sep digit+)*; a separator must sit between digits. */
static size_t read_groups(const char *s, size_t n, size_t i, Groups *g)
{
    g->n = 0;
    if (i < n && (s[i] == '.' || s[i] == ',') && i + 1 < n && is_digit(s[i + 1])) {
        g->start[0] = s + i;                       /* ".5": an empty first group */
        g->len[0] = 0;
        g->sep[0] = s[i];
        g->n = 1;
        i++;
    }
    while (i < n && is_digit(s[i])) {
        if (g->n == MAX_GROUPS)
            return (size_t)-1;
        g->start[g->n] = s + i;
        size_t st = i;
        while (i < n && is_digit(s[i]))
            i++;
        g->len[g->n] = (int)(i - st);
        g->sep[g->n] = 0;
        size_t k = 0;
        if (i + 1 < n && (s[i] == '.' || s[i] == ',' || s[i] == '\'') && is_digit(s[i + 1]))
            k = 1;
        else if ((k = space_at(s, n, i)) != 0 && !(i + k < n && is_digit(s[i + k])))
            k = 0;
        g->n++;
        if (!k)
            break;
        g->sep[g->n - 1] = s[i] == '.' || s[i] == ',' || s[i] == '\'' ? s[i] : ' ';
        i += k;
    }
    return i;
}

/* Which group separator is the decimal point: its index, or -1. */
static int decimal_index(const Groups *g, int decimal_comma)
{
    int nsep = g->n - 1, dots = 0, commas = 0;
    for (int k = 0; k < nsep; k++) {
        dots += g->sep[k] == '.';
        commas += g->sep[k] == ',';
    }
    if (nsep < 1)
        return -1;
    char last = g->sep[nsep - 1];
    if (last != '.' && last != ',')
        return -1;
    int count = last == '.' ? dots : commas;
    if (dots && commas)
        return count == 1 ? nsep - 1 : -2;
    if (count > 1)
        return -1;                                 /* 1,234,567: grouping */
    if ((last == ',') == (decimal_comma != 0))
        return nsep - 1;
    return g->len[nsep] == 3 ? -1 : nsep - 1;     /* 1,234 vs 12,5 */
}

/* Integer groups after the first must hold three digits (1,234,567). */
static int groups_valid(const Groups *g, int ngroups)
{
    if (ngroups <= 1)
        return 1;
    if (g->len[0] < 1 || g->len[0] > 3)
        return 0;
    for (int k = 1; k < ngroups; k++)
        if (g->len[k] != 3)
            return 0;
    return 1;
}

/* Digits of the groups into units (1/10000), rounding the fifth decimal. */
static NumResult groups_value(const Groups *g, int dec, long long *units)
{
    int nint = dec >= 0 ? dec + 1 : g->n;
    long long ip = 0;
    int digits = 0;
    for (int k = 0; k < nint; k++)
        for (int j = 0; j < g->len[k]; j++) {
            int dg = g->start[k][j] - '0';
            if (digits == 0 && dg == 0)
                continue;
            if (++digits > 14)
                return NUM_TOO_BIG;
            ip = ip * 10 + dg;
        }
    long long fp = 0;
    int round = 0;
    if (dec >= 0) {
        const Groups *f = g;
        int fl = f->len[dec + 1];
        for (int j = 0; j < 4; j++)
            fp = fp * 10 + (j < fl ? f->start[dec + 1][j] - '0' : 0);
        round = fl > 4 && f->start[dec + 1][4] >= '5';
    }
    *units = ip * 10000 + fp + round;
    return NUM_OK;
}

/* Sign, parenthesis and currency before the digits. */
typedef struct Affix {
    int neg, signs, currency, paren, percent;
} Affix;

static size_t read_prefix(const char *s, size_t n, size_t i, Affix *a)
{
    for (;;) {
        size_t k;
        if ((k = space_at(s, n, i)) != 0) {
            i += k;
        } else if (i < n && (s[i] == '-' || s[i] == '+') && !a->signs) {
            a->signs = 1;
            a->neg = s[i] == '-';
            i++;
        } else if (i < n && s[i] == '(' && !a->paren) {
            a->paren = 1;
            i++;
        } else if (!a->currency && (k = currency_at(s, n, i)) != 0) {
            a->currency = 1;
            i += k;
        } else {
            return i;
        }
    }
}

/* Percent, trailing minus, closing parenthesis and currency after the
 * digits; 0 when anything else is left. */
static int read_suffix(const char *s, size_t n, size_t i, Affix *a)
{
    while (i < n) {
        size_t k;
        if ((k = space_at(s, n, i)) != 0) {
            i += k;
        } else if (s[i] == '%' && !a->percent) {
            a->percent = 1;
            i++;
        } else if (s[i] == '-' && !a->signs) {
            a->signs = 1;
            a->neg = 1;
            i++;
        } else if (s[i] == ')' && a->paren == 1) {
            a->paren = 2;
            i++;
        } else if (!a->currency && (k = currency_at(s, n, i)) != 0) {
            a->currency = 1;
            i += k;
        } else {
            return 0;
        }
    }
    return a->paren != 1;
}

NumResult csvfield_number(const char *s, size_t n, int decimal_comma, long long *units)
{
    Affix a = {0};
    Groups g;
    csvfield_trim(&s, &n);
    if (n == 0)
        return NUM_EMPTY;
    size_t i = read_prefix(s, n, 0, &a);
    size_t end = read_groups(s, n, i, &g);
    if (end == (size_t)-1 || g.n == 0 || !read_suffix(s, n, end, &a))
        return NUM_BAD;
    int dec = decimal_index(&g, decimal_comma);
    if (dec == -2 || !groups_valid(&g, dec >= 0 ? dec + 1 : g.n))
        return NUM_BAD;
    if (dec >= 0 && dec + 2 != g.n)
        return NUM_BAD;
    NumResult r = groups_value(&g, dec, units);
    if (r != NUM_OK)
        return r;
    if (a.percent)
        *units = (*units + 50) / 100;
    if (a.neg || a.paren == 2)
        *units = -*units;
    return NUM_OK;
}

/* --- periods --- */

/* A period's words and numbers: "FY2026-Q1" is FY, 2026, Q, 1. */
enum { MAX_TOKENS = 6 };
typedef struct Tokens {
    const char *s[MAX_TOKENS];
    int len[MAX_TOKENS];
    int num[MAX_TOKENS];       /* -1 for a word */
    int n;
} Tokens;

static int tokenize(const char *s, size_t n, Tokens *t)
{
    size_t i = 0;
    t->n = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int word = is_alpha((char)c) || c >= 0x80;
        if (!word && !is_digit((char)c)) {
            i++;
            continue;
        }
        if (t->n == MAX_TOKENS)
            return 0;
        size_t st = i;
        int v = 0;
        while (i < n && (word ? is_alpha(s[i]) || (unsigned char)s[i] >= 0x80 : is_digit(s[i]))) {
            if (!word && i - st < 6)
                v = v * 10 + (s[i] - '0');
            i++;
        }
        t->s[t->n] = s + st;
        t->len[t->n] = (int)(i - st);
        t->num[t->n] = word ? -1 : (i - st <= 5 ? v : 99999);
        t->n++;
    }
    return 1;
}

static int word_is(const Tokens *t, int k, const char *w)
{
    return t->num[k] < 0 && (size_t)t->len[k] == strlen(w) && strncasecmp(t->s[k], w, strlen(w)) == 0;
}

/* Month number of a month name (English or German, three letters or
 * more), or 0. */
static int month_word(const char *s, int len)
{
    static const char *const names[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "januar", "februar",
        "m\xc3\xa4rz", "maerz", "mai", "juni", "juli", "oktober", "dezember",
        "m\xe4rz", "sept",
    };
    static const int month[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 3, 5, 6, 7, 10, 12, 3, 9};
    if (len < 3)
        return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if ((size_t)len <= strlen(names[k]) && strncasecmp(s, names[k], (size_t)len) == 0)
            return month[k];
    if (len == 3 && strncasecmp(s, "okt", 3) == 0)
        return 10;
    if (len == 3 && strncasecmp(s, "dez", 3) == 0)
        return 12;
    return 0;
}

static void span_month(int y, int m, PeriodSpan *out)
{
    out->first = date_from_ymd(y, m, 1);
    out->last = (m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1)) - 1;
    out->kind = PER_MONTH;
}

/* The quarter q of the fiscal year starting in year y. */
static void span_quarter(int y, int q, const Calendar *cal, PeriodSpan *out)
{
    int mi = cal->fiscal_start_month - 1 + 3 * (q - 1);
    out->first = date_from_ymd(y + mi / 12, mi % 12 + 1, 1);
    int ni = mi + 3;
    out->last = date_from_ymd(y + ni / 12, ni % 12 + 1, 1) - 1;
    out->kind = PER_QUARTER;
}

/* ISO week w of year y (week 1 holds January 4th); 0 when y has no week w. */
static int span_week(int y, int w, PeriodSpan *out)
{
    int jan4 = date_from_ymd(y, 1, 4);
    int monday = jan4 - ((jan4 + 3) % 7 + 7) % 7;
    out->first = monday + 7 * (w - 1);
    out->last = out->first + 6;
    out->kind = PER_WEEK;
    int yy, mm, dd;
    date_to_ymd(out->first + 3, &yy, &mm, &dd);
    return w >= 1 && w <= 53 && yy == y;
}

/* period -> year quarter | year week | year month | month-name year,
 * in either order, with an optional FY or KW word. */
static int named_period(const Tokens *t, const Calendar *cal, PeriodSpan *out)
{
    int year = -1, yk = -1;
    for (int k = 0; k < t->n; k++)
        if (t->num[k] >= 1 && t->len[k] == 4 && year < 0) {
            year = t->num[k];
            yk = k;
        }
    if (year < 1 || year > 9998)
        return 0;
    int num = -1, mword = 0, kind = -1, others = 0;
    for (int k = 0; k < t->n; k++) {
        if (k == yk || word_is(t, k, "FY") || word_is(t, k, "GJ"))
            continue;
        if (word_is(t, k, "Q") || word_is(t, k, "W") || word_is(t, k, "KW") || word_is(t, k, "CW")) {
            kind = lower(t->s[k][0]) == 'q' ? PER_QUARTER : PER_WEEK;
        } else if (t->num[k] >= 0 && num < 0) {
            num = t->num[k];
        } else if (t->num[k] < 0 && !mword && (mword = month_word(t->s[k], t->len[k])) != 0) {
            kind = PER_MONTH;
        } else {
            others++;
        }
    }
    if (others)
        return 0;
    if (kind == PER_QUARTER && num >= 1 && num <= 4) {
        span_quarter(year, num, cal, out);
        return 1;
    }
    if (kind == PER_WEEK && num >= 1)
        return span_week(year, num, out);
    if (kind == PER_MONTH && num < 0) {
        span_month(year, mword, out);
        return 1;
    }
    if (kind < 0 && num >= 1 && num <= 12 && t->n == 2) {
        span_month(year, num, out);
        return 1;
    }
    return 0;
}

DateResult csvfield_period(const char *s, size_t n, DateOrder order, int hint,
                           int date_is_week, const Calendar *cal, PeriodSpan *out)
{
    int day;
    csvfield_trim(&s, &n);
    DateResult r = csvfield_date(s, n, order, &day);
    if (r == DATE_OK) {
        int kind = hint >= 0 ? hint : date_is_week ? PER_WEEK : -1;
        if (kind < 0) {
            out->first = out->last = day;
            out->kind = -1;
        } else {
            int p = period_of((PeriodKind)kind, cal, day);
            out->first = period_first_day((PeriodKind)kind, cal, p);
            out->last = period_last_day((PeriodKind)kind, cal, p);
            out->kind = kind;
        }
        return DATE_OK;
    }
    if (r != DATE_NOT_A_DATE)
        return r;
    Tokens t;
    if (!tokenize(s, n, &t) || !named_period(&t, cal, out))
        return DATE_NOT_A_DATE;
    return DATE_OK;
}

/* --- flags, stages, activity types --- */

/* Folds UTF-8 text to lower-case letters and digits only, umlauts
 * spelled out: "Geschlossen und gewonnen" -> "geschlossenundgewonnen". */
static size_t fold_alnum(const char *s, size_t n, char *out, size_t cap)
{
    char tmp[128];
    size_t len = csvfield_snake(s, n, tmp, sizeof tmp), k = 0;
    for (size_t i = 0; i < len && k + 1 < cap; i++)
        if (tmp[i] != '_')
            out[k++] = tmp[i];
    out[k] = '\0';
    return k;
}

int csvfield_flag(const char *s, size_t n)
{
    static const char *const yes[] = {"1", "true", "yes", "y", "ja", "j", "wahr", "x", "won", "closed"};
    static const char *const no[] = {"0", "false", "no", "n", "nein", "falsch", "open", "offen"};
    char f[16];
    csvfield_trim(&s, &n);
    if (n == 0)
        return -1;
    if (n >= sizeof f)
        return -2;
    fold_alnum(s, n, f, sizeof f);
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++)
        if (strcmp(f, yes[k]) == 0)
            return 1;
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (strcmp(f, no[k]) == 0)
            return 0;
    return -2;
}

static int in_list(const char *f, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(f, list[k]) == 0)
            return 1;
    return 0;
}

#define IN(f, list) in_list(f, list, sizeof list / sizeof list[0])

StageClass csvfield_stage(const char *s, size_t n)
{
    static const char *const won[] = {
        "closedwon", "won", "dealwon", "gewonnen", "geschlossenundgewonnen",
        "geschlossengewonnen", "abgeschlossenundgewonnen", "abgeschlossengewonnen",
    };
    static const char *const lost[] = {
        "closedlost", "lost", "deallost", "verloren", "geschlossenundverloren",
        "geschlossenverloren", "abgeschlossenundverloren", "abgeschlossenverloren",
    };
    static const char *const open[] = {
        /* Salesforce's default sales process */
        "prospecting", "qualification", "needsanalysis", "valueproposition",
        "iddecisionmakers", "identifydecisionmakers", "perceptionanalysis",
        "proposalpricequote", "negotiationreview",
        /* common custom stages */
        "new", "open", "prospect", "lead", "discovery", "qualify", "qualified",
        "demo", "evaluation", "proposal", "pricequote", "quote", "negotiation",
        "contract", "commit", "develop", "propose", "close", "closing",
        /* HubSpot's default pipeline (internal values and labels) */
        "appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
        "decisionmakerboughtin", "contractsent",
        /* German Salesforce */
        "prospektion", "akquise", "qualifizierung", "bedarfsanalyse", "wertversprechen",
        "entscheidungstraegeridentifizieren", "entscheidungstraegerermitteln",
        "wahrnehmungsanalyse", "angebotpreisangebot", "angebot", "preisangebot",
        "verhandlungueberpruefung", "verhandlung", "neu", "offen", "vertrag",
    };
    char f[96];
    csvfield_trim(&s, &n);
    if (n == 0 || n >= 80)
        return STAGE_UNKNOWN;
    fold_alnum(s, n, f, sizeof f);
    if (IN(f, won))
        return STAGE_WON;
    if (IN(f, lost))
        return STAGE_LOST;
    return IN(f, open) ? STAGE_OPEN : STAGE_UNKNOWN;
}

/* The activity counts by folded name. */
static int activity_word(const char *f)
{
    static const char *const calls[] = {
        "call", "calls", "phonecall", "phonecalls", "anruf", "anrufe", "telefonat",
        "telefonate", "telefonanruf", "coldcall", "coldcalls", "loggedcall",
    };
    static const char *const meetings[] = {
        "meeting", "meetings", "besprechung", "besprechungen", "termin", "termine",
    };
    static const char *const demos[] = {
        "demo", "demos", "demonstration", "demonstrations", "productdemo", "produktdemo",
    };
    static const char *const emails[] = {
        "email", "emails", "mail", "mails", "listemail", "emailsent",
    };
    if (IN(f, calls))
        return M_CALLS;
    if (IN(f, meetings))
        return M_MEETINGS;
    if (IN(f, demos))
        return M_DEMOS;
    if (IN(f, emails))
        return M_EMAILS;
    return -1;
}

int csvfield_activity(const char *s, size_t n)
{
    static const char *const opps[] = {
        "opportunity", "opportunities", "opportunitycreated", "newopportunity",
        "dealcreated", "newdeal", "verkaufschance",
    };
    static const char *const won[] = {"won", "dealwon", "closedwon", "gewonnen"};
    static const char *const lost[] = {"lost", "deallost", "closedlost", "verloren"};
    char f[96];
    csvfield_trim(&s, &n);
    fold_alnum(s, n, f, sizeof f);
    int id = activity_word(f);
    if (id >= 0)
        return id;
    if (IN(f, opps))
        return M_OPPORTUNITIES;
    if (IN(f, won))
        return M_WON;
    if (IN(f, lost))
        return M_LOST;
    /* A subject line: "Email: Angebot", "Call with Ben". */
    for (size_t i = 0; i < n; i++)
        if (s[i] == ':' || s[i] == ' ') {
            fold_alnum(s, i, f, sizeof f);
            if ((id = activity_word(f)) >= 0)
                return id;
            if (s[i] == ':')
                break;
        }
    return -1;
}

/* --- text --- */

int csvfield_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        size_t k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            k = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            k = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3;
        else
            return 0;
        for (size_t j = 1; j <= k; j++)
            if (i + j >= n || (u[i + j] & 0xC0) != 0x80)
                return 0;
        if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xF0 && u[i + 1] < 0x90) ||
            (c == 0xF4 && u[i + 1] > 0x8F) || (c == 0xED && u[i + 1] > 0x9F))
            return 0;
        i += k + 1;
    }
    return 1;
}

size_t csvfield_cp1252(const char *s, size_t n, char *out)
{
    /* 0x80..0x9F differ from Latin-1; unassigned bytes become U+FFFD. */
    static const unsigned short high[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    };
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp = c < 0x80 ? c : c < 0xA0 ? high[c - 0x80] : c;
        if (cp < 0x80) {
            out[k++] = (char)cp;
        } else if (cp < 0x800) {
            out[k++] = (char)(0xC0 | (cp >> 6));
            out[k++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[k++] = (char)(0xE0 | (cp >> 12));
            out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[k++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return k;
}

/* The ASCII spelling of a Latin-1 letter (U+00C0..U+00FF), or NULL. */
static const char *latin_ascii(unsigned cp)
{
    static const char *const map[64] = {
        "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "oe", NULL, "o", "u", "u", "u", "ue", "y", "th", "ss",
        "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "oe", NULL, "o", "u", "u", "u", "ue", "y", "th", "y",
    };
    return cp >= 0xC0 && cp <= 0xFF ? map[cp - 0xC0] : NULL;
}

size_t csvfield_snake(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int pending = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *spell = NULL;
        char one[2] = {0, 0};
        if (is_alpha((char)c) || is_digit((char)c)) {
            one[0] = lower((char)c);
            spell = one;
        } else if (c == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            spell = latin_ascii(0xC0 + ((unsigned char)s[i + 1] & 0x3F));
            i++;
        }
        if (!spell) {
            pending = k > 0;
            continue;
        }
        if (pending && k + 2 < cap)
            out[k++] = '_';
        pending = 0;
        for (; *spell && k + 1 < cap; spell++)
            out[k++] = *spell;
    }
    if (cap)
        out[k] = '\0';
    return k;
}
