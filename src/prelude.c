/* prelude.c — the built-in KPIs, in Pace itself.  The parser reads this
 * text first (as the source "<prelude>"), so every rule file can use these
 * metrics without defining them, and may redefine each of them once.
 * docs/language.md lists the same formulas for readers. */
#include "parse.h"

const char prelude_text[] =
    "# The built-in KPIs (pace's prelude).  A rule file may redefine each once.\n"
    "metric win_rate          = won / (won + lost)\n"
    "metric quota_attainment  = won_amount / quota\n"
    "metric pipeline_coverage = pipeline / quota\n"
    "metric forecast_accuracy = 1 - abs(won_amount - forecast) / forecast\n"
    "metric demo_to_opp       = opportunities / demos\n"
    "metric meeting_to_demo   = demos / meetings\n"
    "metric call_to_meeting   = meetings / calls\n"
    "metric opp_to_win        = won / opportunities\n"
    "metric avg_deal_size     = won_amount / won\n"
    "metric sales_cycle       = cycle_days\n"
    "metric activities        = calls + meetings + demos + emails\n";
