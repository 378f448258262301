/* csvsplit.h — reading one large CSV file with several threads (issue 7).
 *
 * The file is cut into one chunk per job, each starting at a guessed
 * record start: the byte after the first newline at or after an even
 * share of the file.  A newline may sit inside a quoted field, so a guess
 * can be wrong; it is checked, never trusted.  Each chunk's reader goes on
 * past its chunk's end, a line at a time, until its own parser says it is
 * between records: that is where the next chunk truly starts.  A chunk
 * that started anywhere else is thrown away and read again from the true
 * start once the threads are done.  So the readers always see the file
 * cut at true record ends, every record read exactly once, and a caller
 * that merges their results in chunk order gets what one pass would give.
 *
 * The readers are the caller's (csvin.c): csvsplit knows nothing of what
 * the records mean.  Ownership: the caller frees the readers it gets back
 * in CsvChunk; csvsplit frees those it throws away (ops->discard). */
#ifndef PACE_CSVSPLIT_H
#define PACE_CSVSPLIT_H

#include <stddef.h>

struct csv_parser;

typedef struct CsvSplitOps {
    /* A fresh reader (parser, store, messages) for one chunk.  Called in
     * the calling thread only. */
    void *(*open)(void *ctx);
    /* Reads the next bytes of the chunk, in file order.  Returns 0 to go
     * on, nonzero to stop reading the file here (a --strict error). */
    int (*feed)(void *reader, const char *buf, size_t len);
    /* 1 when the bytes fed so far end exactly at the end of a record. */
    int (*at_record_end)(void *reader);
    /* The file ends after the bytes fed: flush a last record that has no
     * final newline.  Returns as feed. */
    int (*finish)(void *reader);
    /* Frees a reader whose chunk started at a wrong guess.  Called in the
     * calling thread only. */
    void (*discard)(void *reader);
} CsvSplitOps;

/* One chunk as it was finally read. */
typedef struct CsvChunk {
    void *reader;
    long long start, end;   /* the bytes [start, end) its reader was fed */
    int stopped;            /* feed or finish asked to stop */
} CsvChunk;

/* The most chunks csvsplit_read makes (more jobs are capped to it). */
enum { CSVSPLIT_MAX_JOBS = 64 };

/* Reads bytes [begin, size) of the open regular file fd with `jobs`
 * readers, each in its own thread (the calling thread runs the first).
 * begin must be a record start (after the header).  On return
 * chunks[0 .. *nchunks) hold the readers in file order; they read
 * consecutive whole records, and when one stopped, no chunk follows it.
 * Returns 0, or -1 with errno set when the file could not be read (the
 * readers are then discarded and *nchunks is 0).  chunks must have room
 * for min(jobs, CSVSPLIT_MAX_JOBS) entries. */
int csvsplit_read(int fd, long long begin, long long size, int jobs,
                  const CsvSplitOps *ops, void *ctx,
                  CsvChunk *chunks, int *nchunks);

/* 1 when libcsv parser p is between records: everything it was fed ended
 * a record (or it was fed nothing).  A reader's at_record_end can be this. */
int csvsplit_between_records(const struct csv_parser *p);

/* 1 when this libcsv build keeps its state where
 * csvsplit_between_records looks (checked on a tiny input); the importer
 * reads with one thread when it is 0. */
int csvsplit_usable(void);

#endif
