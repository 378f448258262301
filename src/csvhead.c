/* csvhead.c — header recognition (see csvhead.h).
 *
 * Each field has a list of known header names, best first.  A header
 * matches when its folded form (letters and digits only, lower case,
 * umlauts spelled out: "Opportunity-Inhaber" -> "opportunityinhaber")
 * equals a name.  Fields claim columns in a fixed order so that, say,
 * "Close Date" becomes the close date and a separate "Closed" checkbox
 * the closed flag. */
#include "csvhead.h"

#include <stdlib.h>
#include <string.h>

#include "csvfield.h"
#include "mem.h"

static const char *const field_names[CF_FIELDS] = {
    [CF_REP] = "rep", [CF_TEAM] = "team", [CF_MANAGER] = "manager",
    [CF_DATE] = "date", [CF_ACTIVITY] = "activity", [CF_AMOUNT] = "amount",
    [CF_OPPORTUNITY] = "opportunity", [CF_CREATED] = "created",
    [CF_CLOSED] = "closed", [CF_STAGE] = "stage", [CF_WON] = "won",
    [CF_IS_CLOSED] = "is_closed", [CF_ID] = "id", [CF_PERIOD] = "period",
    [CF_QUOTA] = "quota", [CF_FORECAST] = "forecast", [CF_LEFT] = "left",
};

/* Known header names per field, folded, best first; NULL ends a list. */
static const char *const rep_names[] = {
    "rep", "salesrep", "repname", "opportunityowner", "dealowner", "owner", "ownername",
    "ownerfullname", "assigned", "assignedto", "activityassignedto", "salesperson",
    "seller", "accountexecutive", "user", "username", "employee", "opportunityinhaber",
    "inhaber", "besitzer", "zugewiesen", "zugewiesenan", "verkaeufer",
    "vertriebsmitarbeiter", "mitarbeiter", "bearbeiter", "callowner", "meetingowner",
    "taskowner", "hubspotowner", "contactowner", "accountowner", "accountinhaber", "name",
    NULL,
};
static const char *const team_names[] = {
    "team", "salesteam", "teamname", "vertriebsteam", "hubspotteam", "ownerteam", NULL,
};
static const char *const manager_names[] = {
    "manager", "salesmanager", "managername", "linemanager", "teamlead", "teamleader",
    "teamleiter", "reportsto", "ownermanager", "vorgesetzter", "vorgesetzte",
    "fuehrungskraft", NULL,
};
static const char *const date_names[] = {
    "date", "activitydate", "datum", "aktivitaetsdatum", "duedate", "faelligkeitsdatum",
    "completeddate", "completedon", "erledigtam", "calldate", "meetingdate", "eventdate",
    "timestamp", NULL,
};
static const char *const activity_names[] = {
    "activity", "activitytype", "aktivitaet", "aktivitaetstyp", "tasksubtype",
    "activitysubtype", "eventsubtype", "subtype", "engagementtype", "callandmeetingtype",
    "tasktype", "type", "typ", "art", "subject", "betreff", NULL,
};
static const char *const amount_names[] = {
    "amountconverted", "amountincompanycurrency", "amount", "dealamount",
    "opportunityamount", "totalamount", "betragkonvertiert", "betrag", "value", "dealvalue",
    "wert", "revenue", "umsatz", NULL,
};
static const char *const opportunity_names[] = {
    "opportunity", "opportunityname", "deal", "dealname", "verkaufschance", NULL,
};
static const char *const created_names[] = {
    "created", "createddate", "createdate", "createdon", "createdat", "datecreated",
    "opportunitycreateddate", "dealcreatedate", "erstelldatum", "erstelltam",
    "erstellungsdatum", "angelegtam", NULL,
};
static const char *const closed_names[] = {
    "closedate", "closeddate", "dateclosed", "closedon", "closedat", "actualclosedate",
    "closingdate", "schlusstermin", "abschlussdatum", "geschlossenam", "closed", NULL,
};
static const char *const won_names[] = {"won", "iswon", "gewonnen", NULL};
static const char *const is_closed_names[] = {"isclosed", "closed", "geschlossen", NULL};
static const char *const stage_names[] = {
    "stage", "dealstage", "stagename", "opportunitystage", "salesstage", "pipelinestage",
    "phase", "verkaufsphase", NULL,
};
static const char *const id_names[] = {
    "id", "opportunityid", "dealid", "recordid", "opportunityname", "dealname", NULL,
};
static const char *const period_names[] = {
    "period", "week", "month", "quarter", "weekstarting", "weekstart", "weekof",
    "weekbeginning", "monthstart", "periodstart", "fiscalperiod", "fiscalquarter",
    "periode", "zeitraum", "woche", "kalenderwoche", "kw", "monat", "quartal", NULL,
};
static const char *const quota_names[] = {
    "quota", "quotaamount", "salesquota", "revenuequota", "target", "revenuetarget",
    "salestarget", "umsatzziel", "vertriebsziel", NULL,
};
static const char *const forecast_names[] = {"forecast", "forecastamount", "prognose", NULL};
static const char *const left_names[] = {
    "left", "lefton", "leftdate", "enddate", "end", "leavedate", "leavingdate",
    "terminationdate", "exitdate", "lastday", "austritt", "austrittsdatum", "enddatum", NULL,
};

static const char *const *const known[CF_FIELDS] = {
    [CF_REP] = rep_names, [CF_TEAM] = team_names, [CF_MANAGER] = manager_names,
    [CF_DATE] = date_names, [CF_ACTIVITY] = activity_names, [CF_AMOUNT] = amount_names,
    [CF_OPPORTUNITY] = opportunity_names, [CF_CREATED] = created_names,
    [CF_CLOSED] = closed_names, [CF_STAGE] = stage_names, [CF_WON] = won_names,
    [CF_IS_CLOSED] = is_closed_names, [CF_ID] = id_names, [CF_PERIOD] = period_names,
    [CF_QUOTA] = quota_names, [CF_FORECAST] = forecast_names, [CF_LEFT] = left_names,
};

/* The order in which fields claim columns. */
static const CsvField claim_order[CF_FIELDS] = {
    CF_REP, CF_CREATED, CF_CLOSED, CF_IS_CLOSED, CF_WON, CF_STAGE, CF_DATE, CF_ACTIVITY,
    CF_AMOUNT, CF_TEAM, CF_MANAGER, CF_PERIOD, CF_QUOTA, CF_FORECAST, CF_LEFT, CF_ID,
    CF_OPPORTUNITY,
};

/* Columns of metrics and targets files that hold text, not figures. */
static const char *const text_names[] = {
    "subject", "type", "notes", "note", "comment", "comments", "description",
    "account", "accountname", "company", "companyname", "status", "stage", "id",
    "recordid", "email", "emailaddress", "phone", "name", NULL,
};
/* Columns of metrics and targets files that describe the rep. */
static const char *const attr_names[] = {
    "role", "region", "department", "abteilung", "location", "standort", "country",
    "land", "segment", "territory", "gebiet", "title", "jobtitle", NULL,
};

const char *csvhead_field_name(CsvField f)
{
    return f < CF_FIELDS ? field_names[f] : "?";
}

/* Letters and digits only, lower case, umlauts spelled out. */
static void fold(const char *s, char *out, size_t cap)
{
    char tmp[256];
    size_t len = csvfield_snake(s, strlen(s), tmp, sizeof tmp), k = 0;
    for (size_t i = 0; i < len && k + 1 < cap; i++)
        if (tmp[i] != '_')
            out[k++] = tmp[i];
    out[k] = '\0';
}

/* Rank of a folded header in a list of names, or -1. */
static int rank_in(const char *const *names, const char *f)
{
    for (int k = 0; names[k]; k++)
        if (strcmp(names[k], f) == 0)
            return k;
    return -1;
}

static int field_by_name(const char *name)
{
    for (int f = 0; f < CF_FIELDS; f++)
        if (strcmp(field_names[f], name) == 0)
            return f;
    return -1;
}

/* CsvColumn.field while recognising: --map gave the column a name. */
enum { RENAMED = -2 };

/* --map FIELD=HEADER: a known field takes that column; any other FIELD
 * renames the column (a figure, goal or roster field of that name). */
static void apply_maps(CsvLayout *lay, char folded[][128], char *taken, const CsvOptions *opt)
{
    for (int m = 0; m < opt->nmaps; m++) {
        char fh[128], name[128];
        fold(opt->maps[m].header, fh, sizeof fh);
        csvfield_snake(opt->maps[m].field, strlen(opt->maps[m].field), name, sizeof name);
        for (int c = 0; c < lay->ncols; c++) {
            if (strcmp(folded[c], fh) != 0 || taken[c])
                continue;
            int f = field_by_name(name);
            if (f >= 0 && lay->col[f] < 0) {
                lay->col[f] = c;
            } else {
                free(lay->cols[c].name);
                lay->cols[c].name = xstrdup(name);
                lay->cols[c].field = RENAMED;
            }
            taken[c] = 1;
            break;
        }
    }
}

/* Each field takes the free column whose header ranks best for it. */
static void claim_columns(CsvLayout *lay, char folded[][128], char *taken)
{
    for (int k = 0; k < CF_FIELDS; k++) {
        CsvField f = claim_order[k];
        if (lay->col[f] >= 0)
            continue;
        int best = -1, best_rank = 1 << 20;
        for (int c = 0; c < lay->ncols; c++) {
            int r = taken[c] ? -1 : rank_in(known[f], folded[c]);
            if (r >= 0 && r < best_rank) {
                best = c;
                best_rank = r;
            }
        }
        if (best >= 0) {
            lay->col[f] = best;
            taken[best] = 1;
        }
    }
}

/* "calls_goal", "goal_calls", "Ziel Anrufe" -> the goal's name. */
static void goal_name(const char *snake, char *out, size_t cap)
{
    static const char *const words[] = {"goal", "target", "ziel", "soll", NULL};
    size_t n = strlen(snake);
    const char *s = snake;
    for (int k = 0; words[k]; k++) {
        size_t w = strlen(words[k]);
        if (n > w + 1 && strncmp(s, words[k], w) == 0 && s[w] == '_') {
            s += w + 1;
            n -= w + 1;
        } else if (n > w + 1 && strcmp(s + n - w, words[k]) == 0 && s[n - w - 1] == '_') {
            n -= w + 1;
        }
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

static int is_goalish(const char *snake)
{
    return strstr(snake, "goal") || strstr(snake, "target") || strstr(snake, "ziel") ||
           strstr(snake, "quota");
}

static int has(const CsvLayout *lay, CsvField f)
{
    return lay->col[f] >= 0;
}

/* The period column of a metrics or targets file. */
static int period_column(const CsvLayout *lay)
{
    return has(lay, CF_PERIOD) ? lay->col[CF_PERIOD] : lay->col[CF_DATE];
}

/* week/month/quarter in the period column's name. */
static int period_hint(const char *folded)
{
    if (strstr(folded, "week") || strstr(folded, "woche") || strcmp(folded, "kw") == 0)
        return PER_WEEK;
    if (strstr(folded, "month") || strstr(folded, "monat"))
        return PER_MONTH;
    if (strstr(folded, "quarter") || strstr(folded, "quartal"))
        return PER_QUARTER;
    return -1;
}

/* Fields that can hold a figure in a metrics or targets file. */
static int figure_field(int f)
{
    return f < 0 || f == CF_AMOUNT || f == CF_WON || f == CF_QUOTA || f == CF_FORECAST;
}

/* The role of a free column in a metrics or targets file. */
static void figure_role(CsvColumn *col, const char *folded, CsvShape shape, int field)
{
    static const char *const canonical[CF_FIELDS] = {
        [CF_WON] = "won", [CF_QUOTA] = "quota", [CF_FORECAST] = "forecast",
    };
    if (field >= 0 && canonical[field]) {
        free(col->name);
        col->name = xstrdup(canonical[field]);
    }
    int renamed = col->field == RENAMED;
    col->field = -1;
    if (field == CF_TEAM || field == CF_MANAGER) {
        col->role = COL_ATTR;
    } else if (!figure_field(field)) {
        col->role = COL_IGNORED;
    } else if (!renamed && rank_in(attr_names, folded) >= 0) {
        col->role = COL_ATTR;
    } else if (!renamed && rank_in(text_names, folded) >= 0 && field < 0) {
        col->role = COL_IGNORED;
    } else if (col->name[0] == '\0') {
        col->role = COL_IGNORED;
    } else if (shape == SHAPE_TARGETS) {
        char g[128];
        goal_name(col->name, g, sizeof g);
        free(col->name);
        col->name = xstrdup(g);
        col->role = COL_GOAL;
    } else {
        col->role = COL_MEASURE;
    }
}

/* The field that claimed column c, or -1. */
static int field_at(const CsvLayout *lay, int c)
{
    for (int f = 0; f < CF_FIELDS; f++)
        if (lay->col[f] == c)
            return f;
    return -1;
}

/* Counts the columns a metrics/targets file would turn into figures. */
static void count_figures(const CsvLayout *lay, char folded[][128], int *figures, int *goals)
{
    *figures = *goals = 0;
    int pc = period_column(lay);
    for (int c = 0; c < lay->ncols; c++) {
        int renamed = lay->cols[c].field == RENAMED;
        if (c == lay->col[CF_REP] || c == pc || !figure_field(field_at(lay, c)) ||
            !lay->cols[c].name[0] ||
            (!renamed && (rank_in(attr_names, folded[c]) >= 0 || rank_in(text_names, folded[c]) >= 0)))
            continue;
        (*figures)++;
        if (c == lay->col[CF_QUOTA] || is_goalish(lay->cols[c].name))
            (*goals)++;
    }
}

/* The shape, from which fields the header has. */
static CsvShape decide_shape(const CsvLayout *lay, char folded[][128])
{
    int figures, goals;
    if (!has(lay, CF_REP))
        return SHAPE_UNKNOWN;
    if (has(lay, CF_CREATED) && (has(lay, CF_STAGE) || has(lay, CF_WON) || has(lay, CF_IS_CLOSED)))
        return SHAPE_OPPORTUNITIES;
    if (has(lay, CF_DATE) && has(lay, CF_ACTIVITY))
        return SHAPE_ACTIVITIES;
    int deal_or_activity = has(lay, CF_CREATED) || has(lay, CF_STAGE) || has(lay, CF_ACTIVITY);
    if (period_column(lay) >= 0 && !deal_or_activity) {
        count_figures(lay, folded, &figures, &goals);
        if (goals)
            return SHAPE_TARGETS;
        if (figures)
            return SHAPE_METRICS;
        return SHAPE_UNKNOWN;
    }
    if (deal_or_activity || has(lay, CF_DATE) || has(lay, CF_CLOSED) || has(lay, CF_AMOUNT) ||
        has(lay, CF_PERIOD) || has(lay, CF_QUOTA) || has(lay, CF_WON))
        return SHAPE_UNKNOWN;
    return SHAPE_ROSTER;
}

/* Which fields each shape uses (COL_FIELD); the rest of its columns are
 * figures (metrics, targets), rep fields (roster) or ignored. */
static int shape_uses(CsvShape shape, int f)
{
    switch (shape) {
    case SHAPE_ACTIVITIES:
        return f == CF_REP || f == CF_DATE || f == CF_ACTIVITY || f == CF_AMOUNT ||
               f == CF_OPPORTUNITY || f == CF_TEAM || f == CF_MANAGER;
    case SHAPE_OPPORTUNITIES:
        return f == CF_REP || f == CF_CREATED || f == CF_CLOSED || f == CF_IS_CLOSED ||
               f == CF_WON || f == CF_STAGE || f == CF_AMOUNT || f == CF_ID ||
               f == CF_TEAM || f == CF_MANAGER;
    case SHAPE_METRICS:
    case SHAPE_TARGETS:
        return f == CF_REP || f == CF_PERIOD;
    case SHAPE_ROSTER:
        return f == CF_REP || f == CF_LEFT;
    default:
        return 0;
    }
}

/* Gives every column its role once the shape is known. */
static void assign_roles(CsvLayout *lay, char folded[][128])
{
    int nc = lay->ncols;
    int *field_of = xmalloc((size_t)(nc ? nc : 1) * sizeof *field_of);
    for (int c = 0; c < nc; c++)
        field_of[c] = -1;
    for (int f = 0; f < CF_FIELDS; f++)
        if (lay->col[f] >= 0)
            field_of[lay->col[f]] = f;
    if ((lay->shape == SHAPE_METRICS || lay->shape == SHAPE_TARGETS) && !has(lay, CF_PERIOD)) {
        lay->col[CF_PERIOD] = lay->col[CF_DATE];
        field_of[lay->col[CF_DATE]] = CF_PERIOD;
    }
    for (int c = 0; c < lay->ncols; c++) {
        CsvColumn *col = &lay->cols[c];
        int f = field_of[c];
        if (f >= 0 && shape_uses(lay->shape, f)) {
            col->role = COL_FIELD;
            col->field = f;
        } else if (lay->shape == SHAPE_ROSTER) {
            col->field = -1;
            if (f == CF_TEAM || f == CF_MANAGER) {
                free(col->name);
                col->name = xstrdup(field_names[f]);
            }
            col->role = col->name[0] ? COL_ATTR : COL_IGNORED;
        } else if (lay->shape == SHAPE_METRICS || lay->shape == SHAPE_TARGETS) {
            figure_role(col, folded[c], lay->shape, f);
        } else {
            col->role = COL_IGNORED;
            col->field = -1;
        }
    }
    free(field_of);
    for (int f = 0; f < CF_FIELDS; f++)
        if (lay->col[f] >= 0 && !shape_uses(lay->shape, f))
            lay->col[f] = -1;
    if (has(lay, CF_PERIOD))
        lay->period_hint = period_hint(folded[lay->col[CF_PERIOD]]);
}

/* The shape whose required fields the header comes closest to having. */
static int nearest_shape(const CsvLayout *lay)
{
    int period = period_column(lay) >= 0;
    int stage = has(lay, CF_STAGE) || has(lay, CF_WON) || has(lay, CF_IS_CLOSED);
    int score[6] = {0};
    score[SHAPE_ACTIVITIES] = 3 * (has(lay, CF_DATE) + has(lay, CF_ACTIVITY));
    score[SHAPE_OPPORTUNITIES] = 3 * (has(lay, CF_CREATED) + stage) + has(lay, CF_CLOSED) +
                                 has(lay, CF_AMOUNT);
    score[SHAPE_TARGETS] = 2 * (period + has(lay, CF_QUOTA));
    score[SHAPE_METRICS] = 2 * period;
    int best = SHAPE_ROSTER;
    for (int s = SHAPE_ACTIVITIES; s <= SHAPE_TARGETS; s++)
        if (score[s] > score[best])
            best = s;
    return best;
}

/* A used field whose header appears again further right. */
static void find_duplicates(CsvLayout *lay, char folded[][128])
{
    for (int f = 0; f < CF_FIELDS; f++) {
        lay->dup[f] = -1;
        for (int c = lay->col[f] + 1; lay->col[f] >= 0 && c < lay->ncols && lay->dup[f] < 0; c++)
            if (strcmp(folded[c], folded[lay->col[f]]) == 0)
                lay->dup[f] = c;
    }
}

int csvhead_layout(CsvLayout *lay, char *const *headers, int n, const CsvOptions *opt)
{
    memset(lay, 0, sizeof *lay);
    lay->ncols = n;
    lay->cols = xcalloc((size_t)(n ? n : 1), sizeof *lay->cols);
    lay->period_hint = -1;
    for (int f = 0; f < CF_FIELDS; f++)
        lay->col[f] = -1;
    char (*folded)[128] = xcalloc((size_t)(n ? n : 1), sizeof *folded);
    char *taken = xcalloc((size_t)(n ? n : 1), 1);
    for (int c = 0; c < n; c++) {
        char name[128];
        lay->cols[c].header = xstrdup(headers[c]);
        csvfield_snake(headers[c], strlen(headers[c]), name, sizeof name);
        lay->cols[c].name = xstrdup(name);
        lay->cols[c].field = -1;
        fold(headers[c], folded[c], sizeof folded[c]);
    }
    apply_maps(lay, folded, taken, opt);
    claim_columns(lay, folded, taken);
    lay->shape = decide_shape(lay, folded);
    if (lay->shape == SHAPE_UNKNOWN)
        lay->near = nearest_shape(lay);
    else
        assign_roles(lay, folded);
    find_duplicates(lay, folded);
    free(folded);
    free(taken);
    return lay->shape != SHAPE_UNKNOWN;
}

void csvhead_explain(const CsvLayout *lay, FILE *out)
{
    fputs("  columns found:", out);
    for (int c = 0; c < lay->ncols; c++)
        fprintf(out, "%s %s", c ? "," : "", lay->cols[c].header[0] ? lay->cols[c].header : "(empty)");
    fputs("\n  activities need date, rep, activity; opportunities need rep, created, stage;\n"
          "  metrics need rep, period (or date, week, month) and number columns;\n"
          "  targets need rep, period, quota (or goal columns); a roster needs rep\n", out);
    static const struct { CsvShape shape; CsvField need[3]; } needs[] = {
        {SHAPE_ACTIVITIES, {CF_REP, CF_DATE, CF_ACTIVITY}},
        {SHAPE_OPPORTUNITIES, {CF_REP, CF_CREATED, CF_STAGE}},
        {SHAPE_METRICS, {CF_REP, CF_PERIOD, CF_PERIOD}},
        {SHAPE_TARGETS, {CF_REP, CF_PERIOD, CF_QUOTA}},
        {SHAPE_ROSTER, {CF_REP, CF_REP, CF_REP}},
    };
    const char *missing[3] = {NULL, NULL, NULL};
    int nmissing = 0;
    for (size_t k = 0; k < sizeof needs / sizeof needs[0]; k++) {
        if ((int)needs[k].shape != lay->near)
            continue;
        for (int j = 0; j < 3; j++) {
            CsvField f = needs[k].need[j];
            int present = has(lay, f) || (f == CF_PERIOD && period_column(lay) >= 0) ||
                          (f == CF_STAGE && (has(lay, CF_WON) || has(lay, CF_IS_CLOSED)));
            if (!present && (j == 0 || f != needs[k].need[j - 1]))
                missing[nmissing++] = field_names[f];
        }
    }
    if (!has(lay, CF_REP)) {
        fputs("  no column says who the rep is (Pace knows Sales Rep, Owner, Opportunity Owner,\n"
              "  Deal owner, Assigned, Opportunity-Inhaber, Zugewiesen, ...)\n", out);
    } else if (nmissing) {
        fprintf(out, "  closest: %s, which needs a column for %s%s%s%s%s\n",
                csvin_shape_name((CsvShape)lay->near), missing[0],
                nmissing > 1 ? (nmissing > 2 ? ", " : " and ") : "", nmissing > 1 ? missing[1] : "",
                nmissing > 2 ? " and " : "", nmissing > 2 ? missing[2] : "");
    } else if (lay->near == SHAPE_METRICS || lay->near == SHAPE_TARGETS) {
        fputs("  closest: metrics, but no column holds figures\n", out);
    }
    const char *example = "Owner Name";
    for (int c = 0; c < lay->ncols; c++) {
        int used = 0;
        for (int f = 0; f < CF_FIELDS; f++)
            used |= lay->col[f] == c;
        if (!used && lay->cols[c].header[0]) {
            example = lay->cols[c].header;
            break;
        }
    }
    fprintf(out, "  name a column with --map FIELD=HEADER, as in --map %s=\"%s\"\n",
            nmissing ? missing[0] : "rep", example);
}

void csvhead_free(CsvLayout *lay)
{
    for (int c = 0; c < lay->ncols; c++) {
        free(lay->cols[c].header);
        free(lay->cols[c].name);
    }
    free(lay->cols);
    lay->cols = NULL;
    lay->ncols = 0;
}
