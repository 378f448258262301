/* suggest.c — the closest word for a did-you-mean (see suggest.h). */
#include "suggest.h"

#include <ctype.h>

#include <string.h>

/* Names are short (the parser keeps them under 256 bytes); longer words
 * than this get no suggestion rather than a large table. */
enum { SUGGEST_MAX_LEN = 64 };

/* Optimal string alignment: insertions, deletions, replacements and
 * swaps of two neighbours (dyas -> days), one edit each. */
/* Case does not count: `Win_rate` is one step from nothing but `win_rate`,
 * and a rep typed `ann lee` is `Ann Lee`. */
static int same_letter(char a, char b)
{
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

int suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
        return 99;
    int rows[3][SUGGEST_MAX_LEN + 1];   /* rows i-2, i-1 and i, in turn */
    for (size_t j = 0; j <= lb; j++)
        rows[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int *cur = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int best = up[j - 1] + !same_letter(a[i - 1], b[j - 1]);
            if (up[j] + 1 < best)
                best = up[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) && same_letter(a[i - 2], b[j - 1]) &&
                up2[j - 2] + 1 < best)
                best = up2[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[la % 3][lb];
}

void suggest_consider(Suggest *s, const char *cand)
{
    size_t len = strlen(s->word);
    int dmax = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    int dist = suggest_distance(s->word, cand);
    if (dist <= dmax && (!s->best || dist < s->dist)) {
        s->best = cand;
        s->dist = dist;
    }
}

const char *suggest_closest(const char *word, const char *const *cands, int n)
{
    Suggest s = {word, NULL, 0};
    for (int i = 0; i < n; i++)
        suggest_consider(&s, cands[i]);
    return s.best;
}
