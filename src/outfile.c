/* outfile.c — output files written atomically (output.h).
 *
 * A regular file (or one that does not exist yet) is written to a temp
 * file `.pace-tmp-NAME.XXXXXX` in the same folder — the same file system,
 * so rename() is atomic — then flushed, fsynced, closed and renamed over
 * the target.  A reader sees the old list or the new one, never half of
 * either; a run that fails anywhere removes its temp file and leaves the
 * old list untouched.  Only a run killed outright (SIGKILL, power loss)
 * can leave a `.pace-tmp-*` file behind, and still never touches the old
 * list.
 *
 * A target that exists and is not a regular file (/dev/stdout, /dev/full,
 * a FIFO, a terminal) cannot be replaced by renaming, and must not be:
 * those are written directly, and every write error is reported.  A
 * symbolic link to a regular file is followed, so the link survives and
 * its target is replaced. */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"
#include "output.h"

static const char tmp_prefix[] = ".pace-tmp-";

static void fail(Diag *d, const char *path, int err)
{
    diag_fail(d, "cannot write %s: %s", path ? path : "standard output", strerror(err));
}

/* "out/actions.csv" -> "out/.pace-tmp-actions.csv.XXXXXX".  Only the first
 * 64 bytes of the name are kept (cut between UTF-8 characters), so a
 * target whose name is near the file system's limit still gets a temp. */
static char *temp_name(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = target + dirlen;
    size_t baselen = strlen(base);
    if (baselen > 64) {
        baselen = 64;
        while (baselen > 0 && ((unsigned char)base[baselen] & 0xC0) == 0x80)
            baselen--;
    }
    size_t len = dirlen + sizeof tmp_prefix - 1 + baselen + sizeof ".XXXXXX";
    char *tmp = xmalloc(len);
    snprintf(tmp, len, "%.*s%s%.*s.XXXXXX", (int)dirlen, target, tmp_prefix, (int)baselen, base);
    return tmp;
}

/* The mode a new file would get from fopen (0666 less the umask), or the
 * old file's mode: mkstemp makes 0600, which would lock out the readers
 * of a shared report.  umask can only be read by setting it; the output
 * is opened on the main thread after every worker thread has finished. */
static mode_t target_mode(const struct stat *old, int exists)
{
    if (exists)
        return old->st_mode & 07777;
    mode_t mask = umask(077);
    umask(mask);
    return 0666 & ~mask;
}

/* Temp files a signal must not leave behind: a scheduler that stops a
 * nightly run on a timeout sends SIGTERM.  The handler can find them only
 * through process-wide state; each slot is filled when a temp file is
 * created and cleared when it is renamed or removed, so nothing carries
 * over from one output file to the next.  SIGKILL cannot be caught: then
 * the temp file stays, and the previous output is still intact. */
enum { PENDING_MAX = 4 };
static char *volatile pending[PENDING_MAX];
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void remove_pending(int sig)
{
    for (int i = 0; i < PENDING_MAX; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Catches the signals once, unless they are ignored (nohup). */
static void catch_signals(void)
{
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++) {
        struct sigaction old;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_pending;
        sigemptyset(&sa.sa_mask);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

static void track_temp(char *tmp)
{
    catch_signals();
    for (int i = 0; i < PENDING_MAX; i++) {
        if (!pending[i]) {
            pending[i] = tmp;
            return;
        }
    }
}

static void untrack_temp(const char *tmp)
{
    for (int i = 0; i < PENDING_MAX; i++)
        if (pending[i] == tmp)
            pending[i] = NULL;
}

/* Opens a non-regular target (a device, a FIFO) for direct writing. */
static int open_direct(OutFile *o, const char *path, Diag *d)
{
    o->f = fopen(path, "w");
    if (!o->f) {
        fail(d, path, errno);
        return 1;
    }
    o->path = xstrdup(path);
    return 0;
}

/* Creates the temp file beside `target` (the path to rename over). */
static int open_temp(OutFile *o, const char *shown, const char *target, mode_t mode, Diag *d)
{
    char *tmp = temp_name(target);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fail(d, shown, errno);
        free(tmp);
        return 1;
    }
    FILE *f = NULL;
    if (fchmod(fd, mode) != 0 || !(f = fdopen(fd, "w"))) {
        int err = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        fail(d, shown, err);
        return 1;
    }
    o->f = f;
    o->tmp = tmp;
    o->path = xstrdup(target);
    track_temp(tmp);
    return 0;
}

int outfile_open(OutFile *o, const char *path, Diag *d)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    if (!*path) {
        diag_fail(d, "cannot write an output file with an empty name");
        return 1;
    }
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        diag_fail(d, "cannot write %s: it is a folder, not a file", path);
        return 1;
    }
    if (exists && !S_ISREG(st.st_mode))
        return open_direct(o, path, d);
    /* Through a symlink, replace what it points at, not the link. */
    struct stat lst;
    if (exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char *real = realpath(path, NULL);
        if (!real) {
            fail(d, path, errno);
            return 1;
        }
        int rc = open_temp(o, path, real, target_mode(&st, 1), d);
        free(real);   /* realpath allocates with malloc, not through mem.h */
        return rc;
    }
    return open_temp(o, path, path, target_mode(&st, exists), d);
}

/* Makes the rename itself durable; a folder that cannot be synced (some
 * network file systems) is no reason to fail a run whose data is safe. */
static void sync_folder(const char *target)
{
    const char *slash = strrchr(target, '/');
    char *dir = slash ? xstrndup(target, slash == target ? 1 : (size_t)(slash - target))
                      : xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/* fsync fails with EINVAL/ENOTSUP where syncing is not supported: not an
 * error in the data. */
static int sync_file(FILE *f)
{
    if (fsync(fileno(f)) == 0 || errno == EINVAL || errno == ENOTSUP)
        return 0;
    return -1;
}

static void release(OutFile *o)
{
    if (o->tmp)
        untrack_temp(o->tmp);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

int outfile_commit(OutFile *o, Diag *d)
{
    if (!o->f)
        return 1;
    if (o->f == stdout) {
        int rc = fflush(stdout) != 0 || ferror(stdout);
        if (rc)
            fail(d, NULL, errno ? errno : EIO);
        release(o);
        return rc;
    }
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f) || (o->tmp && sync_file(o->f) != 0))
        err = errno ? errno : EIO;
    if (fclose(o->f) != 0 && !err)
        err = errno ? errno : EIO;
    o->f = NULL;
    if (!err && o->tmp && rename(o->tmp, o->path) != 0)
        err = errno;
    if (err) {
        if (o->tmp)
            unlink(o->tmp);
        fail(d, o->path, err);
        release(o);
        return 1;
    }
    if (o->tmp)
        sync_folder(o->path);
    release(o);
    return 0;
}

void outfile_abort(OutFile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    release(o);
}
