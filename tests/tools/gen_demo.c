/* gen_demo.c — writes the example data `make demo` runs the rules
 * library over: a plausible half-year of a B2B sales org's CRM exports.
 *
 *     gen_demo FOLDER
 *
 * writes FOLDER/roster.csv, activities.csv, opportunities.csv and
 * targets.csv: 30 reps in four teams, weeks from 2026-01-05 to
 * 2026-06-28, plus the two months before (so averages and pipelines are
 * warm when the reported half-year begins) and older deals still in the
 * pipeline.  The output is the same on every run and every machine: the
 * random numbers come from a fixed-seed SplitMix64, not rand(), and no
 * floating-point result depends on the platform's libm.
 *
 * The data tells stories the rules library should notice: a team that
 * slumps in March, Dana's demo conversion dropping in week 5 and coming
 * back, over-achievers, thin pipelines, late joiners, a leaver, a
 * territory change, a bad forecaster and a sandbagger. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Dates (days since 1970-01-01) and a deterministic random generator. */

static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static void fmt_date(int day, char buf[11])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

typedef struct Rng {
    uint64_t s;
} Rng;

/* SplitMix64 (Steele, Lea, Flood 2014). */
static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1) with 53 bits: exact on every IEEE machine. */
static double rng_unit(Rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static double rng_range(Rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

static int rng_int(Rng *r, int n)
{
    return (int)(rng_next(r) % (uint64_t)n);
}

static long round_to(double x, long unit)
{
    return (long)(x / (double)unit + 0.5) * unit;
}

/* ------------------------------------------------------------------ */
/* The org.                                                             */

enum {
    FIRST_DEAL_WEEK = -22,   /* older deals: created from 2025-08-04 */
    FIRST_ACT_WEEK = -9,     /* activities: from 2025-11-03 */
    NWEEKS = 26,             /* the reported half-year: 2026-01-05 .. */
    NMONTHS = 6,             /* targets for January to June */
};

/* What happens to a rep beyond their everyday numbers. */
typedef enum Story {
    ST_NONE,
    ST_SEED,          /* demo conversion 40% -> 22% in week 5, back at 35% in week 8 */
    ST_DEMO_SLIDE,    /* demo conversion slides from week 14 and stays low */
    ST_OVER,          /* quota set too low: well above it month after month */
    ST_THIN,          /* few demos, weak conversion: thin pipeline, low attainment */
    ST_LOW_WIN,       /* loses most deals from week 6 to 11 (qualification) */
    ST_LOW_CALLS,     /* calls fall to ~25 a week from week 10 */
    ST_NO_DEMOS,      /* books no demo in weeks 12-14 */
    ST_VACATION,      /* a week off in week 18: calls collapse */
    ST_DISCOVERY,     /* from week 6: many meetings, few demos */
    ST_STAR,          /* converts demos very well */
    ST_TERRITORY,     /* territory split in April: fewer accounts, below quota */
    ST_TAKEOVER,      /* took over accounts of the split territory in April */
    ST_FORECAST_BAD,  /* forecasts far off */
    ST_SANDBAG,       /* forecasts far below what is won */
    ST_LONG_CYCLE,    /* deals created from November take much longer */
    ST_NEW_HIRE,      /* joins late, ramps up slowly */
    ST_LEAVER,        /* leaves in week 13; her open deals stay in her name */
} Story;

typedef struct Team {
    const char *name, *manager, *region;
    double calls, meetings, demos;   /* per rep and week */
    double conv;                     /* demo -> opportunity */
    double win;                      /* win rate */
    double size;                     /* mean deal amount */
    double cycle;                    /* mean days from created to closed */
} Team;

static const Team teams[] = {
    {"SMB", "Mia Chen", "North America", 55, 8, 12, 0.38, 0.34, 9000, 24},
    {"Mid-Market", "Raj Patel", "North America", 42, 7, 7, 0.36, 0.32, 24000, 42},
    {"Enterprise", "Sofia Berg", "North America", 30, 6, 4, 0.35, 0.30, 85000, 70},
    {"EMEA", "Lukas Weber", "EMEA", 40, 6, 6, 0.37, 0.31, 32000, 50},
};

typedef struct Rep {
    const char *name;
    int team;
    Story story;
    int start_week;        /* first reported week index it works (0 = from the start) */
} Rep;

static const Rep reps[] = {
    {"Dana Fox", 0, ST_SEED, -99},
    {"Ann Lee", 0, ST_NONE, -99},
    {"Tom Baker", 0, ST_LOW_WIN, -99},
    {"Priya Shah", 0, ST_OVER, -99},
    {"Leo Grant", 0, ST_LOW_CALLS, -99},
    {"Nora Kim", 0, ST_LEAVER, -99},
    {"Sam Ortiz", 0, ST_NONE, -99},
    {"Zoe Adams", 0, ST_NEW_HIRE, 12},
    {"Eli Park", 0, ST_VACATION, -99},
    {"Bob Ray", 1, ST_NONE, -99},
    {"Cy Dee", 1, ST_DISCOVERY, -99},
    {"Maya Cohen", 1, ST_THIN, -99},
    {"Omar Haddad", 1, ST_NONE, -99},
    {"Grace Liu", 1, ST_FORECAST_BAD, -99},
    {"Ivan Petrov", 1, ST_NONE, -99},
    {"Julia Rossi", 1, ST_NEW_HIRE, 6},
    {"Ken Watanabe", 1, ST_DEMO_SLIDE, -99},
    {"Victor Hugo", 2, ST_OVER, -99},
    {"Rita Gomez", 2, ST_LONG_CYCLE, -99},
    {"Paul Meyer", 2, ST_NONE, -99},
    {"Sara Lind", 2, ST_SANDBAG, -99},
    {"Hugo Blanc", 2, ST_NONE, -99},
    {"Amara Okafor", 2, ST_THIN, -99},
    {"Ben Carter", 2, ST_NO_DEMOS, -99},
    {"Jürgen Müller", 3, ST_TERRITORY, -99},
    {"Chloé Martin", 3, ST_STAR, -99},
    {"Lars Nilsson", 3, ST_TAKEOVER, -99},
    {"Marta Kowalska", 3, ST_NONE, -99},
    {"Pierre Dubois", 3, ST_FORECAST_BAD, -99},
    {"Elena Conti", 3, ST_NONE, -99},
};
enum { NREPS = sizeof reps / sizeof reps[0] };

enum { LEAVE_WEEK = 13 };          /* Nora's last week is week 12 */
enum { TERRITORY_WEEK = 12 };      /* EMEA's territories change on 30 March */
enum { SLUMP_FROM = 9, SLUMP_TO = 15 };   /* Mid-Market's slump, weeks 10-16 */

/* Monday of reported week w (0 = 2026-01-05; negative: the history). */
static int week_day(int w)
{
    return days_from_civil(2026, 1, 5) + 7 * w;
}

static int active(const Rep *r, int w)
{
    if (r->start_week > -99 && w < r->start_week)
        return 0;
    if (r->story == ST_LEAVER && w >= LEAVE_WEEK)
        return 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* A rep's week: activity counts and how well they convert.            */

typedef struct Week {
    int calls, meetings, demos, opps;
    double win;           /* chance a deal closing this week is won */
} Week;

static double story_conv(const Rep *r, int w, double conv)
{
    switch (r->story) {
    case ST_DEMO_SLIDE: return w >= 14 ? 0.17 : conv;
    case ST_THIN: return conv * 0.7;
    case ST_STAR: return w >= 8 ? 0.55 : conv;   /* a new demo script */
    default: return conv;
    }
}

static double story_win(const Rep *r, int w, double win)
{
    if (teams[r->team].name[0] == 'M' && w >= SLUMP_FROM && w <= SLUMP_TO)
        win *= 0.4;                       /* Mid-Market loses a price war */
    if (r->story == ST_LOW_WIN && w >= 6 && w <= 11)
        win = 0.12;
    return win;
}

/* Dana's weeks 1-8 as the seed story tells them: demos and new
 * opportunities, exactly. */
static int seed_week(int w, Week *wk)
{
    static const int demos[8] = {10, 10, 10, 10, 9, 11, 10, 14};
    static const int opps[8] = {4, 4, 4, 4, 2, 3, 3, 5};
    if (w < -4 || w > 7)
        return 0;
    wk->demos = w < 0 ? 10 : demos[w];
    wk->opps = w < 0 ? 4 : opps[w];
    return 1;
}

static void make_week(Rng *rng, const Rep *r, int w, Week *wk)
{
    const Team *t = &teams[r->team];
    double ramp = 1.0;
    if (r->story == ST_NEW_HIRE) {
        int k = w - r->start_week;
        ramp = k < 3 ? 0.35 : k < 6 ? 0.7 : 1.0;
    }
    double calls = t->calls * ramp, meetings = t->meetings * ramp, demos = t->demos * ramp;
    if (r->story == ST_LOW_CALLS && w >= 10)
        calls = 26;
    if (r->story == ST_VACATION && w == 18)
        calls = 4, meetings = 0, demos = 0;
    if (r->story == ST_DISCOVERY && w >= 6)
        meetings = 11, demos = 2;
    if (r->story == ST_TERRITORY)
        demos *= w >= TERRITORY_WEEK ? 0.6 : 1.3;   /* a strong territory, then split */
    if (r->story == ST_TAKEOVER && w >= TERRITORY_WEEK)
        demos *= 1.4;
    if (r->story == ST_THIN)
        demos *= 0.6;
    if (r->story == ST_STAR && w >= 8)
        demos = 8;
    if (r->story == ST_NO_DEMOS && w >= 12 && w <= 14)
        demos = 0;
    wk->calls = (int)(calls * rng_range(rng, 0.9, 1.1) + 0.5);
    wk->meetings = (int)(meetings * rng_range(rng, 0.9, 1.1) + 0.5);
    wk->demos = (int)(demos * rng_range(rng, 0.9, 1.1) + 0.5);
    if (r->story == ST_STAR && w >= 8)
        wk->demos = 8;
    double conv = story_conv(r, w, t->conv);
    /* No noise on conversion: a rate over a few demos jumps a lot, and
     * the demo should show the stories, not noise. */
    wk->opps = (int)(wk->demos * conv + 0.5);
    if (r->story == ST_SEED)
        seed_week(w, wk);
    wk->win = story_win(r, w, t->win);
}

/* ------------------------------------------------------------------ */
/* Deals.                                                              */

typedef struct Deal {
    int id;
    int rep;
    int created, closed;     /* closed: -1 while open */
    long amount;
    int won;
} Deal;

typedef struct Deals {
    Deal *v;
    size_t n, cap;
} Deals;

static Deal *new_deal(Deals *ds)
{
    if (ds->n == ds->cap) {
        ds->cap = ds->cap ? ds->cap * 2 : 1024;
        ds->v = realloc(ds->v, ds->cap * sizeof *ds->v);
        if (!ds->v) {
            fprintf(stderr, "gen_demo: out of memory\n");
            exit(1);
        }
    }
    Deal *d = &ds->v[ds->n++];
    memset(d, 0, sizeof *d);
    d->id = (int)ds->n;
    return d;
}

static int data_end(void)
{
    return week_day(NWEEKS) - 1;    /* Sunday 2026-07-05 */
}

static double cycle_of(const Rep *r, int w)
{
    double c = teams[r->team].cycle;
    return r->story == ST_LONG_CYCLE && w >= -8 ? c * 1.9 : c;
}

/* The opportunities a rep created in week w, with their close dates. */
static void create_deals(Rng *rng, Deals *ds, int ri, int w, const Week *wk)
{
    const Rep *r = &reps[ri];
    const Team *t = &teams[r->team];
    for (int k = 0; k < wk->opps; k++) {
        Deal *d = new_deal(ds);
        d->rep = ri;
        d->created = week_day(w) + rng_int(rng, 5);
        int days = (int)(cycle_of(r, w) * rng_range(rng, 0.75, 1.25) + 0.5);
        d->closed = d->created + days;
        d->amount = round_to(t->size * rng_range(rng, 0.8, 1.2), 100);
        if (d->closed > data_end())
            d->closed = -1;
    }
}

static int by_close(const void *a, const void *b)
{
    const Deal *x = *(Deal *const *)a, *y = *(Deal *const *)b;
    if (x->rep != y->rep)
        return x->rep - y->rep;
    if (x->closed != y->closed)
        return x->closed - y->closed;
    return x->id - y->id;
}

/* Wins and losses in close-date order, spread evenly (error diffusion):
 * a 30% rep wins about 3 of every 10 deals, without the streaks that
 * plain coin flips make on a handful of deals a week. */
static void decide_outcomes(Deals *ds, double win_of[NREPS][NWEEKS + 32])
{
    Deal **order = malloc(ds->n * sizeof *order);
    if (!order)
        exit(1);
    size_t n = 0;
    for (size_t i = 0; i < ds->n; i++)
        if (ds->v[i].closed >= 0)
            order[n++] = &ds->v[i];
    qsort(order, n, sizeof *order, by_close);
    double acc = 0;
    int rep = -1;
    for (size_t i = 0; i < n; i++) {
        Deal *d = order[i];
        if (d->rep != rep) {
            rep = d->rep;
            acc = 0.5;
        }
        int w = (d->closed - week_day(0)) / 7;
        if (d->closed < week_day(0))
            w = -1;
        double p = w >= 0 && w < NWEEKS ? win_of[rep][w + 32] : teams[reps[rep].team].win;
        acc += p;
        d->won = acc >= 1.0;
        if (d->won)
            acc -= 1.0;
    }
    free(order);
}

/* ------------------------------------------------------------------ */
/* Writing the four files.                                             */

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_demo: cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return f;
}

static void close_out(FILE *f)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "gen_demo: write error: %s\n", strerror(errno));
        exit(1);
    }
}

static void write_roster(const char *dir)
{
    FILE *f = open_out(dir, "roster.csv");
    fprintf(f, "rep,team,manager,role,region,territory_changed,start_date,left\n");
    for (int i = 0; i < NREPS; i++) {
        const Rep *r = &reps[i];
        const Team *t = &teams[r->team];
        char start[11] = "", left[11] = "";
        if (r->start_week > -99)
            fmt_date(week_day(r->start_week), start);
        if (r->story == ST_LEAVER)
            fmt_date(week_day(LEAVE_WEEK) - 3, left);
        const char *role = r->story == ST_NEW_HIRE ? "new hire" :
                           r->story == ST_OVER ? "senior account executive" : "account executive";
        fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s\n", r->name, t->name, t->manager, role, t->region,
                r->story == ST_TERRITORY ? "yes" : "no", start, left);
    }
    close_out(f);
}

static void activity_rows(FILE *f, Rng *rng, const Rep *r, int w, const char *kind, int n)
{
    char date[11];
    for (int k = 0; k < n; k++) {
        fmt_date(week_day(w) + rng_int(rng, 5), date);
        fprintf(f, "%s,%s,%s,%s\n", date, r->name, teams[r->team].name, kind);
    }
}

/* Simulates every rep's weeks; writes activities; collects deals. */
static void simulate(const char *dir, Rng *rng, Deals *ds, double win_of[NREPS][NWEEKS + 32])
{
    FILE *f = open_out(dir, "activities.csv");
    fprintf(f, "date,rep,team,activity\n");
    for (int w = FIRST_DEAL_WEEK; w < NWEEKS; w++) {
        for (int i = 0; i < NREPS; i++) {
            const Rep *r = &reps[i];
            Week wk;
            make_week(rng, r, w, &wk);
            win_of[i][w + 32] = wk.win;
            if (!active(r, w))
                continue;
            create_deals(rng, ds, i, w, &wk);
            if (w < FIRST_ACT_WEEK)
                continue;
            activity_rows(f, rng, r, w, "Call", wk.calls);
            activity_rows(f, rng, r, w, "Meeting", wk.meetings);
            activity_rows(f, rng, r, w, "Demo", wk.demos);
        }
    }
    close_out(f);
}

static const char *open_stage(const Deal *d)
{
    static const char *stages[] = {"Qualification", "Discovery", "Proposal", "Negotiation"};
    return stages[d->id % 4];
}

static void write_deals(const char *dir, const Deals *ds)
{
    FILE *f = open_out(dir, "opportunities.csv");
    fprintf(f, "id,rep,team,created,closed,stage,amount\n");
    for (size_t i = 0; i < ds->n; i++) {
        const Deal *d = &ds->v[i];
        char created[11], closed[11] = "";
        fmt_date(d->created, created);
        if (d->closed >= 0)
            fmt_date(d->closed, closed);
        const char *stage = d->closed < 0 ? open_stage(d) : d->won ? "Closed Won" : "Closed Lost";
        fprintf(f, "OPP-%05d,%s,%s,%s,%s,%s,%ld\n", d->id, reps[d->rep].name,
                teams[reps[d->rep].team].name, created, closed, stage, d->amount);
    }
    close_out(f);
}

/* Whether the rep works the whole of month m (January = 0): a quota is
 * set from the first full month (a new hire's first weeks have none). */
static int active_in_month(const Rep *r, int m)
{
    int first = days_from_civil(2026, m + 1, 1), last = days_from_civil(2026, m + 2, 1) - 1;
    int wf = (first - week_day(-30)) / 7 - 30, wl = (last - week_day(-30)) / 7 - 30;
    return active(r, wf) && active(r, wl);
}

/* Won amounts per rep and month (January = 0). */
static void won_by_month(const Deals *ds, double won[NREPS][NMONTHS])
{
    memset(won, 0, sizeof(double) * NREPS * NMONTHS);
    for (size_t i = 0; i < ds->n; i++) {
        const Deal *d = &ds->v[i];
        if (d->closed < 0 || !d->won)
            continue;
        int y, m, dd;
        civil_from_days(d->closed, &y, &m, &dd);
        if (y == 2026 && m <= NMONTHS)
            won[d->rep][m - 1] += (double)d->amount;
    }
}

/* What a rep of this team would win in a month with a fair quota. */
static double quota_of(const Rep *r)
{
    const Team *t = &teams[r->team];
    double basis = t->demos * t->conv * t->win * t->size * 52.0 / 12.0;
    double q = basis * 1.05;
    if (r->story == ST_OVER)
        q = basis * 0.78;              /* set too low */
    if (r->story == ST_NEW_HIRE)
        q = basis * 0.6;               /* ramp quota */
    return (double)round_to(q, 1000);
}

/* The forecast the rep entered for the month, from what they then won. */
static double forecast_of(Rng *rng, const Rep *r, double won)
{
    double f = won * rng_range(rng, 0.93, 1.1);
    if (r->story == ST_FORECAST_BAD)
        f = won * (rng_unit(rng) < 0.5 ? rng_range(rng, 0.45, 0.6) : rng_range(rng, 1.5, 1.8));
    if (r->story == ST_SANDBAG)
        f = won * rng_range(rng, 0.6, 0.7);
    return (double)round_to(f, 500);
}

static void write_targets(const char *dir, Rng *rng, const Deals *ds)
{
    double won[NREPS][NMONTHS];
    won_by_month(ds, won);
    FILE *f = open_out(dir, "targets.csv");
    fprintf(f, "rep,month,quota,calls,meetings,demos,forecast\n");
    for (int m = 0; m < NMONTHS; m++) {
        char month[8];
        snprintf(month, sizeof month, "2026-%02d", m + 1);
        for (int i = 0; i < NREPS; i++) {
            const Rep *r = &reps[i];
            const Team *t = &teams[r->team];
            if (!active_in_month(r, m))
                continue;
            double g = r->story == ST_NEW_HIRE ? 0.8 : 1.0;
            double w = won[i][m];
            fprintf(f, "%s,%s,%.0f,%ld,%ld,%ld,%.0f\n", r->name, month, quota_of(r),
                    round_to(t->calls * 4.3 * g, 10), round_to(t->meetings * 4.3 * g, 1),
                    round_to(t->demos * 4.3 * g, 1), forecast_of(rng, r, w));
        }
    }
    close_out(f);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_demo FOLDER\n");
        return 2;
    }
    const char *dir = argv[1];
    static double win_of[NREPS][NWEEKS + 32];
    Rng rng = {0x5EEDC0FFEE2026ULL};
    Deals ds = {0};
    simulate(dir, &rng, &ds, win_of);
    decide_outcomes(&ds, win_of);
    write_deals(dir, &ds);
    write_targets(dir, &rng, &ds);
    write_roster(dir);
    free(ds.v);
    return 0;
}
