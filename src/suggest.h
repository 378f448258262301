/* suggest.h — "did you mean ...?": the closest of a few candidate words.
 * Shared by the parser (a misspelt unit: `2 weks`) and the checker (an
 * unknown name or function). */
#ifndef PACE_SUGGEST_H
#define PACE_SUGGEST_H

/* A search for the candidate closest to `word`, fed one candidate at a
 * time with suggest_consider. */
typedef struct Suggest {
    const char *word;
    const char *best;   /* the closest candidate close enough, or NULL */
    int dist;           /* its edit distance to word */
} Suggest;

/* Edit distance (insert, delete or replace a byte, or swap two
 * neighbours); 99 for long words. */
int suggest_distance(const char *a, const char *b);
/* Keeps cand when it is close enough to the word (one edit for a word of
 * up to 4 letters, two up to 8, three beyond) and closer than the best. */
void suggest_consider(Suggest *s, const char *cand);
/* The closest of n candidates, or NULL. */
const char *suggest_closest(const char *word, const char *const *cands, int n);

#endif
