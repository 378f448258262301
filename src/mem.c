/* mem.c — allocation choke point and arena (see mem.h for why). */
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "pace: out of memory (could not allocate %zu bytes)\n", size);
    exit(1);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

char *xstrndup(const char *s, size_t len)
{
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem_size)
{
    if (need < *cap)
        return ptr;
    size_t n = *cap ? *cap : 8;
    while (n <= need) {
        if (n > SIZE_MAX / 2 / elem_size)
            out_of_memory(SIZE_MAX);
        n *= 2;
    }
    *cap = n;
    return xrealloc(ptr, n * elem_size);
}

/* Blocks are at least ARENA_BLOCK bytes; a larger request gets its own. */
enum { ARENA_BLOCK = 16 * 1024 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;
    max_align_t data[];
};

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = xmalloc(sizeof *b + bsize);
        b->used = 0;
        b->size = bsize;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void sb_put(StrBuf *b, const char *s, size_t len)
{
    b->s = xgrow(b->s, &b->cap, b->n + len + 1, 1);
    memcpy(b->s + b->n, s, len);
    b->n += len;
    b->s[b->n] = '\0';
}

void sb_puts(StrBuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    b->s = xgrow(b->s, &b->cap, b->n + (size_t)len + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
}

const char *sb_str(const StrBuf *b)
{
    return b->s ? b->s : "";
}

void sb_clear(StrBuf *b)
{
    b->n = 0;
    if (b->s)
        b->s[0] = '\0';
}

void sb_free(StrBuf *b)
{
    free(b->s);
    b->s = NULL;
    b->n = b->cap = 0;
}
