/* measure.c — the table of built-in base measures (see measure.h). */
#include "measure.h"

#include <string.h>

static const struct {
    const char *name;
    ValueType type;
} measures[M_BUILTIN] = {
    [M_CALLS] = {"calls", VT_COUNT},
    [M_MEETINGS] = {"meetings", VT_COUNT},
    [M_DEMOS] = {"demos", VT_COUNT},
    [M_EMAILS] = {"emails", VT_COUNT},
    [M_OPPORTUNITIES] = {"opportunities", VT_COUNT},
    [M_WON] = {"won", VT_COUNT},
    [M_LOST] = {"lost", VT_COUNT},
    [M_CLOSED] = {"closed", VT_COUNT},
    [M_WON_AMOUNT] = {"won_amount", VT_AMOUNT},
    [M_LOST_AMOUNT] = {"lost_amount", VT_AMOUNT},
    [M_PIPELINE] = {"pipeline", VT_AMOUNT},
    [M_CYCLE_DAYS] = {"cycle_days", VT_DAYS},
    [M_QUOTA] = {"quota", VT_AMOUNT},
    [M_FORECAST] = {"forecast", VT_AMOUNT},
};

int measure_lookup(const char *name)
{
    for (int i = 0; i < M_BUILTIN; i++)
        if (strcmp(measures[i].name, name) == 0)
            return i;
    return -1;
}

const char *measure_name(int id)
{
    return id >= 0 && id < M_BUILTIN ? measures[id].name : "?";
}

ValueType measure_type(int id)
{
    return id >= 0 && id < M_BUILTIN ? measures[id].type : VT_NUMBER;
}
