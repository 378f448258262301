/* floor.c — the parse-only floor of the benchmark (issue 7).
 *
 *   floor FILE        (or - for standard input)
 *
 * Reads the file in 1 MiB blocks, as Pace does, and runs libcsv over it
 * with callbacks that do nothing but count rows.  No program that reads CSV
 * with libcsv can be faster on one core, so Pace's single-thread time is
 * measured against it.  Prints the number of rows (header included) so a
 * run can be checked. */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
}

static void on_row(int c, void *data)
{
    (void)c;
    ++*(long *)data;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: floor FILE\n", stderr);
        return 2;
    }
    int fd = strcmp(argv[1], "-") == 0 ? 0 : open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    static char buf[1 << 20];
    struct csv_parser p;
    if (csv_init(&p, 0) != 0)
        return 1;
    long rows = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (csv_parse(&p, buf, (size_t)n, on_field, on_row, &rows) != (size_t)n) {
            fprintf(stderr, "floor: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    if (n < 0) {
        perror(argv[1]);
        return 1;
    }
    csv_fini(&p, on_field, on_row, &rows);
    csv_free(&p);
    printf("%ld\n", rows);
    return 0;
}
