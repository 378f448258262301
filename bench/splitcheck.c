/* splitcheck.c — checks src/csvsplit.c against one plain pass (issue 7).
 *
 *   splitcheck [ROUNDS] [SEED]
 *
 * Writes random CSV files full of traps for a splitter (quoted fields
 * holding newlines, doubled quotes, CRLF, blank lines, a last line with
 * no newline, long lines), reads each once with one libcsv parser and
 * then with csvsplit_read at 1 .. 9 jobs, and compares every row and the
 * line count, chunk by chunk in file order.  Prints "ok N files" or the
 * first difference. */
#include <csv.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvsplit.h"
#include "mem.h"

/* What a reader saw: every field, each as its length then its bytes, a
 * row end as a marker; and the newlines it was fed. */
typedef struct Reader {
    struct csv_parser p;
    char *out;
    size_t len, cap;
    long newlines;
} Reader;

static void put(Reader *r, const void *s, size_t n)
{
    if (n == 0)
        return;
    r->out = xgrow(r->out, &r->cap, r->len + n, 1);
    memcpy(r->out + r->len, s, n);
    r->len += n;
}

static void on_field(void *s, size_t len, void *data)
{
    Reader *r = data;
    put(r, "F", 1);
    put(r, &len, sizeof len);
    put(r, s, len);
}

static void on_row(int c, void *data)
{
    (void)c;
    put(data, "R", 1);
}

static void *r_open(void *ctx)
{
    (void)ctx;
    Reader *r = xcalloc(1, sizeof *r);
    csv_init(&r->p, 0);
    return r;
}

static int r_feed(void *reader, const char *buf, size_t len)
{
    Reader *r = reader;
    for (size_t i = 0; i < len; i++)
        r->newlines += buf[i] == '\n';
    csv_parse(&r->p, buf, len, on_field, on_row, r);
    return 0;
}

static int r_at_end(void *reader)
{
    return csvsplit_between_records(&((Reader *)reader)->p);
}

static int r_finish(void *reader)
{
    Reader *r = reader;
    csv_fini(&r->p, on_field, on_row, r);
    return 0;
}

static void r_discard(void *reader)
{
    Reader *r = reader;
    csv_free(&r->p);
    free(r->out);
    free(r);
}

static const CsvSplitOps ops = {r_open, r_feed, r_at_end, r_finish, r_discard};

static uint64_t rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A random field: plain, quoted, or quoted around newlines and quotes. */
static void random_field(FILE *f, uint64_t *s)
{
    static const char *const parts[] = {"a", "bc", " ", "\n", "\"\"", ",", "\r\n", "xyz"};
    unsigned kind = (unsigned)(rng(s) % 4);
    int n = (int)(rng(s) % 6);
    if (kind == 0) {
        for (int i = 0; i < n; i++)
            fputc('a' + (int)(rng(s) % 26), f);
        return;
    }
    fputc('"', f);
    for (int i = 0; i < n; i++)
        fputs(parts[rng(s) % (kind == 1 ? 3 : 8)], f);
    fputc('"', f);
}

static void random_file(const char *path, uint64_t *s)
{
    FILE *f = fopen(path, "wb");
    int rows = (int)(rng(s) % 400);
    for (int i = 0; i < rows; i++) {
        int fields = 1 + (int)(rng(s) % 5);
        for (int k = 0; k < fields; k++) {
            if (k)
                fputc(',', f);
            random_field(f, s);
        }
        unsigned end = (unsigned)(rng(s) % 10);
        if (i + 1 < rows || end > 0)
            fputs(end == 1 ? "\r\n" : end == 2 ? "\n\n" : "\n", f);
    }
    fclose(f);
}

/* Everything the chunks saw, joined in file order. */
static Reader *read_split(int fd, long long size, int jobs)
{
    CsvChunk chunks[CSVSPLIT_MAX_JOBS];
    int n;
    if (csvsplit_read(fd, 0, size, jobs, &ops, NULL, chunks, &n) != 0) {
        perror("csvsplit_read");
        exit(1);
    }
    Reader *all = r_open(NULL);
    long long pos = 0;
    for (int i = 0; i < n; i++) {
        Reader *r = chunks[i].reader;
        if (chunks[i].start != pos) {
            fprintf(stderr, "chunk %d starts at %lld, not %lld\n", i, chunks[i].start, pos);
            exit(1);
        }
        pos = chunks[i].end;
        put(all, r->out, r->len);
        all->newlines += r->newlines;
        r_discard(r);
    }
    if (pos != size) {
        fprintf(stderr, "chunks end at %lld, not %lld\n", pos, size);
        exit(1);
    }
    return all;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 300;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 7;
    char path[] = "/tmp/splitcheck-XXXXXX";
    int tmp = mkstemp(path);
    if (tmp < 0 || !csvsplit_usable()) {
        fputs("splitcheck: no temp file, or libcsv keeps its state elsewhere\n", stderr);
        return 1;
    }
    close(tmp);
    for (int round = 0; round < rounds; round++) {
        random_file(path, &seed);
        int fd = open(path, O_RDONLY);
        long long size = lseek(fd, 0, SEEK_END);
        Reader *one = read_split(fd, size, 1);
        for (int jobs = 2; jobs <= 9; jobs++) {
            Reader *many = read_split(fd, size, jobs);
            if (many->len != one->len || memcmp(many->out, one->out, one->len) != 0 ||
                many->newlines != one->newlines) {
                fprintf(stderr, "round %d, %d jobs: differs (file kept at %s)\n", round, jobs, path);
                return 1;
            }
            r_discard(many);
        }
        r_discard(one);
        close(fd);
    }
    unlink(path);
    printf("ok %d files\n", rounds);
    return 0;
}
