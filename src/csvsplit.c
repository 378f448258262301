/* csvsplit.c — one large CSV file read by several threads (see csvsplit.h
 * for why the result is always that of one pass). */
#include "csvsplit.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"

/* Bytes read at a time: large enough that a read costs little per byte,
 * small enough to stay in the core's cache while libcsv walks it. */
enum { BLOCK = 256 * 1024 };

/* libcsv's parser state between records (ROW_NOT_BEGUN in libcsv.c).
 * csvsplit_usable checks that this build agrees before anyone relies on
 * it. */
enum { LIBCSV_ROW_NOT_BEGUN = 0 };

/* One chunk being read: what a thread needs, and what it found. */
typedef struct Job {
    int fd;
    long long size;          /* the end of the input */
    long long nominal_end;   /* where the next chunk is guessed to start */
    const CsvSplitOps *ops;
    CsvChunk *chunk;
    char *buf;
    int err;                 /* errno of a failed read, or 0 */
} Job;

int csvsplit_between_records(const struct csv_parser *p)
{
    return p->pstate == LIBCSV_ROW_NOT_BEGUN;
}

static void no_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
}

static void no_row(int c, void *data)
{
    (void)c;
    (void)data;
}

/* Feeds s to p and says whether p is then between records. */
static int between_after(struct csv_parser *p, const char *s)
{
    csv_parse(p, s, strlen(s), no_field, no_row, NULL);
    return csvsplit_between_records(p);
}

int csvsplit_usable(void)
{
    struct csv_parser p;
    if (csv_init(&p, 0) != 0)
        return 0;
    int ok = csvsplit_between_records(&p) &&
             between_after(&p, "a,b\n") &&
             !between_after(&p, "c,\"d\n") &&   /* inside quotes */
             between_after(&p, "e\"\r\n") &&
             !between_after(&p, "f") &&          /* inside a field */
             !between_after(&p, ",") &&          /* between fields */
             between_after(&p, "\n");
    csv_free(&p);
    return ok;
}

/* Reads up to len bytes at offset off; fewer only at the end of the file.
 * Returns the count, or -1 with errno set. */
static long long read_at(int fd, char *buf, size_t len, long long off)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(fd, buf + got, len - got, (off_t)(off + (long long)got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (long long)got;
}

/* Fills the job's buffer from pos, at most up to `limit`.  Returns the
 * count; 0 at the end of the input (a file that shrank ends early). */
static size_t fill(Job *j, long long pos, long long limit)
{
    long long want = limit - pos < BLOCK ? limit - pos : BLOCK;
    long long got = read_at(j->fd, j->buf, (size_t)want, pos);
    if (got < 0) {
        j->err = errno;
        return 0;
    }
    if (got < want)
        j->size = pos + got;
    return (size_t)got;
}

/* Past the chunk's guessed end, one line at a time until the reader is
 * between records (or the file ends).  Returns the new position. */
static long long run_past_end(Job *j, long long pos)
{
    CsvChunk *c = j->chunk;
    while (pos < j->size && !j->ops->at_record_end(c->reader)) {
        size_t n = fill(j, pos, j->size);
        if (n == 0)
            break;
        size_t off = 0;
        while (off < n) {
            const char *nl = memchr(j->buf + off, '\n', n - off);
            size_t piece = nl ? (size_t)(nl - (j->buf + off)) + 1 : n - off;
            c->stopped = j->ops->feed(c->reader, j->buf + off, piece);
            off += piece;
            if (c->stopped || (nl && j->ops->at_record_end(c->reader)))
                return pos + (long long)off;
        }
        pos += (long long)n;
    }
    return pos;
}

/* Reads one chunk: its guessed range, then on to a true record end. */
static void run_chunk(Job *j)
{
    CsvChunk *c = j->chunk;
    long long pos = c->start;
    while (pos < j->nominal_end && !c->stopped) {
        size_t n = fill(j, pos, j->nominal_end);
        if (n == 0)
            break;
        c->stopped = j->ops->feed(c->reader, j->buf, n);
        pos += (long long)n;
    }
    if (!c->stopped && !j->err && pos < j->size)
        pos = run_past_end(j, pos);
    if (!c->stopped && !j->err && pos >= j->size)
        c->stopped = j->ops->finish(c->reader);
    c->end = pos;
}

static void *thread_main(void *arg)
{
    run_chunk(arg);
    return NULL;
}

/* The first record start at or after off: the byte after the first
 * newline at or after off - 1 (or the end).  Only a guess: the newline
 * may be inside quotes.  Returns -1 with errno set on a read error. */
static long long guess_start(int fd, long long off, long long size, char *buf)
{
    long long pos = off - 1;
    while (pos < size) {
        long long want = size - pos < BLOCK ? size - pos : BLOCK;
        long long got = read_at(fd, buf, (size_t)want, pos);
        if (got < 0)
            return -1;
        if (got == 0)
            return size;
        const char *nl = memchr(buf, '\n', (size_t)got);
        if (nl)
            return pos + (nl - buf) + 1;
        pos += got;
    }
    return size;
}

/* Guessed starts of chunks 0..n (starts[n] is the end of the input). */
static int guess_starts(int fd, long long begin, long long size, int n,
                        long long *starts, char *buf)
{
    starts[0] = begin;
    starts[n] = size;
    for (int i = 1; i < n; i++) {
        long long g = guess_start(fd, begin + (size - begin) / n * i, size, buf);
        if (g < 0)
            return -1;
        starts[i] = g > starts[i - 1] ? g : starts[i - 1];
    }
    return 0;
}

/* Runs jobs 1..n-1 in threads and job 0 here; a thread that cannot be
 * started runs its job here too. */
static void run_all(Job *jobs, int n)
{
    pthread_t tid[CSVSPLIT_MAX_JOBS];
    int started[CSVSPLIT_MAX_JOBS] = {0};
    for (int i = 1; i < n; i++)
        started[i] = pthread_create(&tid[i], NULL, thread_main, &jobs[i]) == 0;
    run_chunk(&jobs[0]);
    for (int i = 1; i < n; i++) {
        if (started[i])
            pthread_join(tid[i], NULL);
        else
            run_chunk(&jobs[i]);
    }
}

/* Checks each chunk's start against the true end of the one before, in
 * file order, and reads again any chunk that started at a wrong guess.
 * Returns how many chunks hold records that count. */
static int settle(Job *jobs, int n, const CsvSplitOps *ops, void *ctx)
{
    int keep = 1;
    for (int i = 1; i < n; i++) {
        CsvChunk *prev = jobs[i - 1].chunk, *c = jobs[i].chunk;
        if (prev->stopped || prev->end >= jobs[i - 1].size || jobs[i - 1].err)
            break;
        if (c->start != prev->end) {
            ops->discard(c->reader);
            c->reader = ops->open(ctx);
            c->start = prev->end;
            c->stopped = 0;
            if (jobs[i].nominal_end < c->start)
                jobs[i].nominal_end = c->start;
            jobs[i].size = jobs[i - 1].size;
            jobs[i].err = 0;
            run_chunk(&jobs[i]);
        }
        keep = i + 1;
    }
    return keep;
}

int csvsplit_read(int fd, long long begin, long long size, int jobs,
                  const CsvSplitOps *ops, void *ctx,
                  CsvChunk *chunks, int *nchunks)
{
    int n = jobs < 1 ? 1 : jobs > CSVSPLIT_MAX_JOBS ? CSVSPLIT_MAX_JOBS : jobs;
    if (n > 1 && !csvsplit_usable())
        n = 1;
    long long starts[CSVSPLIT_MAX_JOBS + 1];
    Job job[CSVSPLIT_MAX_JOBS];
    char *buf = xmalloc((size_t)n * BLOCK);
    *nchunks = 0;
    if (guess_starts(fd, begin, size, n, starts, buf) != 0) {
        free(buf);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        chunks[i] = (CsvChunk){ops->open(ctx), starts[i], starts[i], 0};
        job[i] = (Job){fd, size, starts[i + 1], ops, &chunks[i], buf + (size_t)i * BLOCK, 0};
    }
    run_all(job, n);
    int keep = settle(job, n, ops, ctx);
    int err = 0;
    for (int i = 0; i < keep; i++)
        if (job[i].err && !err)
            err = job[i].err;
    for (int i = err ? 0 : keep; i < n; i++)
        ops->discard(chunks[i].reader);
    free(buf);
    if (err) {
        errno = err;
        return -1;
    }
    *nchunks = keep;
    return 0;
}
