/* mem.h — the one allocation choke point, and a bump arena for the AST.
 *
 * Every heap allocation in Pace goes through these functions.  When memory
 * runs out they print "pace: out of memory" and exit(1): a batch run that
 * cannot allocate cannot produce a trustworthy action list anyway, and
 * handling NULL at hundreds of call sites would hide real logic. */
#ifndef PACE_MEM_H
#define PACE_MEM_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* xrealloc for arrays: grows *cap geometrically so that index `need` fits. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem_size);

/* Arena: many small allocations freed at once (the AST, interned strings).
 * Memory is zeroed.  arena_free releases every block. */
typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;     /* newest block first */
} Arena;

void *arena_alloc(Arena *a, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t len);
char *arena_strdup(Arena *a, const char *s);
void arena_free(Arena *a);

/* A growing string, always NUL-terminated once anything is in it.  Used
 * wherever text is built: reasons, formatted rule files, test reports. */
typedef struct StrBuf {
    char *s;
    size_t n, cap;
} StrBuf;

void sb_put(StrBuf *b, const char *s, size_t len);
void sb_puts(StrBuf *b, const char *s);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(const StrBuf *b);   /* "" when empty */
void sb_clear(StrBuf *b);
void sb_free(StrBuf *b);

#endif
