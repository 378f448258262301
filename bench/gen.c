/* gen.c — a deterministic activities export for the benchmark (issue 7).
 *
 *   gen ROWS [--reps N] [--seed S] [--multiline] > activities.csv
 *
 * Writes `date,rep,team,activity,amount` for 50 ISO weeks of 2026 (from
 * Monday 2026-01-05), rows in date order, reps drawn at random within a
 * day.  Each rep has a win probability; now and then a rep slumps for a
 * few weeks (win probability 7%), so the rule "win_rate < 20% for 2 weeks"
 * fires for some reps and not for others.  Some team names need quoting
 * ("EMEA, SMB", a doubled quote), and --multiline gives one team a
 * newline inside its quotes, so a chunk splitter must respect quotes.
 *
 * The same arguments always give the same bytes: the generator has its
 * own PRNG (splitmix64) and a fixed default seed.  Default reps: 2,000 from
 * 1M rows up (so 1M and 10M rows have the same reps x weeks and memory can
 * be compared), ROWS / 500 below. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WEEKS = 50, MAX_REPS = 2500 };

/* Monday 2026-01-05 as days since 1970-01-01. */
#define FIRST_DAY 20458

typedef struct Rng {
    uint64_t s;
} Rng;

/* splitmix64: tiny, fast and the same on every machine. */
static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A number in 0 .. n-1. */
static uint32_t rng_below(Rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* A probability draw: 1 with probability permille / 1000. */
static int rng_chance(Rng *r, uint32_t permille)
{
    return rng_below(r, 1000) < permille;
}

static const char *const first_names[50] = {
    "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas",
    "Karin", "Lukas", "Maria", "Nils", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tina",
    "Uwe", "Vera", "Wim", "Xenia", "Yusuf", "Zoe", "Aisha", "Bruno", "Chloe", "Dmitri",
    "Emma", "Farid", "Gina", "Hannes", "Ivy", "Jamal", "Kim", "Leon", "Mila", "Noah",
    "Omar", "Pia", "Raj", "Sofia", "Tom", "Ugo", "Valentina", "Will", "Yara", "Zeno",
};

static const char *const last_names[50] = {
    "Schmidt", "Garcia", "Novak", "O'Brien", "Rossi", "Dubois", "Jensen", "Kowalski",
    "Silva", "Nguyen", "Müller", "Smith", "Johansson", "Costa", "Ivanova", "Tanaka",
    "Brown", "Wagner", "Moreau", "Fischer", "Lopez", "Weber", "Meyer", "Larsen", "Horvat",
    "Becker", "Kaya", "Yilmaz", "Papadopoulos", "Andersen", "Martin", "Bauer", "Klein",
    "Wolf", "Neumann", "Schulz", "Hoffmann", "Koch", "Richter", "Walker", "Young",
    "King", "Wright", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell",
};

/* Teams as they appear in the file: already quoted where CSV needs it. */
static const char *const teams[12] = {
    "\"EMEA, SMB\"", "\"EMEA, Enterprise\"", "\"EMEA, Mid-Market\"", "NA East", "NA West",
    "NA Central", "APAC", "LATAM", "DACH", "Nordics", "\"The \"\"A\"\" Team\"", "UK&I",
};
/* --multiline replaces the last team with this one. */
static const char multiline_team[] = "\"Strategic\nAccounts\"";

/* Activity mix in permille: the rest of the closed deals split won/lost by
 * the rep's win probability of that week. */
static const struct {
    const char *name;
    uint32_t permille;
} mix[] = {
    {"call", 380}, {"email", 300}, {"meeting", 120}, {"demo", 80}, {"opportunity", 60},
};
enum { CLOSED_PERMILLE = 60 };

/* Share of a week's rows on each day, Monday first, in percent. */
static const int day_share[7] = {19, 19, 19, 19, 19, 3, 2};

typedef struct Rep {
    char name[40];
    const char *team;
    int first_week;                /* new hires start later in the year */
    uint16_t win_permille[WEEKS];  /* win probability per week */
} Rep;

typedef struct Out {
    char buf[1 << 20];
    size_t len;
} Out;

static void out_flush(Out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, stdout) != o->len) {
        perror("gen: write");
        exit(1);
    }
    o->len = 0;
}

static void out_str(Out *o, const char *s, size_t n)
{
    if (o->len + n > sizeof o->buf)
        out_flush(o);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_cstr(Out *o, const char *s)
{
    out_str(o, s, strlen(s));
}

/* Hinnant's civil_from_days, to name the days. */
static void day_name(int day, char buf[11])
{
    int z = day + 719468;
    int era = z / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    int y = yoe + era * 400 + (m <= 2);
    snprintf(buf, 11, "%04d-%02d-%02d", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* Distinct names from a shuffled list of first x last. */
static void make_reps(Rep *reps, int nreps, int multiline, Rng *r)
{
    int combos[50 * 50];
    for (int i = 0; i < 50 * 50; i++)
        combos[i] = i;
    for (int i = 50 * 50 - 1; i > 0; i--) {
        int j = (int)rng_below(r, (uint32_t)i + 1);
        int t = combos[i];
        combos[i] = combos[j];
        combos[j] = t;
    }
    for (int i = 0; i < nreps; i++) {
        Rep *p = &reps[i];
        snprintf(p->name, sizeof p->name, "%s %s", first_names[combos[i] / 50],
                 last_names[combos[i] % 50]);
        int t = (int)rng_below(r, 12);
        p->team = (multiline && t == 11) ? multiline_team : teams[t];
        p->first_week = rng_chance(r, 50) ? (int)rng_below(r, WEEKS / 2) : 0;
        /* Skill between 22% and 60%; a slump starts with 6% a week and
         * goes on with 50%. */
        uint32_t skill = 220 + rng_below(r, 381);
        int slump = 0;
        for (int w = 0; w < WEEKS; w++) {
            slump = slump ? rng_chance(r, 500) : rng_chance(r, 60);
            p->win_permille[w] = (uint16_t)(slump ? 70 : skill);
        }
    }
}

/* A rep active in week w, drawn at random. */
static const Rep *pick_rep(const Rep *reps, int nreps, int w, Rng *r)
{
    for (;;) {
        const Rep *p = &reps[rng_below(r, (uint32_t)nreps)];
        if (p->first_week <= w)
            return p;
    }
}

static void write_row(Out *o, const char *date, const Rep *p, int w, Rng *r)
{
    char line[160];
    uint32_t x = rng_below(r, 1000);
    const char *activity = NULL;
    for (size_t i = 0; i < sizeof mix / sizeof mix[0] && !activity; i++) {
        if (x < mix[i].permille)
            activity = mix[i].name;
        else
            x -= mix[i].permille;
    }
    int has_amount = 1;
    if (!activity)
        activity = rng_chance(r, p->win_permille[w]) ? "won" : "lost";
    else if (strcmp(activity, "opportunity") != 0)
        has_amount = 0;
    int n;
    if (has_amount)
        n = snprintf(line, sizeof line, "%s,%s,%s,%s,%u.%02u\n", date, p->name, p->team, activity,
                     500 + rng_below(r, 99500), rng_below(r, 100));
    else
        n = snprintf(line, sizeof line, "%s,%s,%s,%s,\n", date, p->name, p->team, activity);
    out_str(o, line, (size_t)n);
}

static void usage(void)
{
    fputs("usage: gen ROWS [--reps N] [--seed S] [--multiline] > file.csv\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    long long rows = strtoll(argv[1], NULL, 10);
    long long nreps = 0;
    uint64_t seed = 20260105;
    int multiline = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            nreps = strtoll(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--multiline") == 0)
            multiline = 1;
        else
            usage();
    }
    if (rows < 0)
        usage();
    if (nreps <= 0)
        nreps = rows >= 1000000 ? 2000 : (rows / 500 > 0 ? rows / 500 : 1);
    if (nreps > MAX_REPS)
        nreps = MAX_REPS;

    Rng r = {seed};
    Rep *reps = calloc((size_t)nreps, sizeof *reps);
    static Out o;
    if (!reps)
        return 1;
    make_reps(reps, (int)nreps, multiline, &r);
    out_cstr(&o, "date,rep,team,activity,amount\n");
    for (int w = 0; w < WEEKS; w++) {
        long long week_rows = rows * (w + 1) / WEEKS - rows * w / WEEKS;
        long long done = 0;
        int cum = 0;
        for (int d = 0; d < 7; d++) {
            cum += day_share[d];
            long long upto = week_rows * cum / 100;
            char date[11];
            day_name(FIRST_DAY + w * 7 + d, date);
            for (; done < upto; done++)
                write_row(&o, date, pick_rep(reps, (int)nreps, w, &r), w, &r);
        }
    }
    out_flush(&o);
    free(reps);
    return fflush(stdout) != 0;
}
