/* inflate_lines.c: reference for scripts/bench.sh: the cheapest useful pass over a
 * log, read() in 1 MiB blocks (or zlib inflate() in 256 KiB chunks for gzip) and
 * memchr line counting. faultline's time is reported as a ratio of this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: inflate_lines FILE\n");
        return 2;
    }
    gzFile f = gzopen(argv[1], "rb"); /* reads plain files through unchanged */
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    gzbuffer(f, 256 * 1024);
    static char buf[1 << 20];
    unsigned long long lines = 0;
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        for (char *p = buf, *end = buf + n; (p = memchr(p, '\n', (size_t)(end - p))); p++)
            lines++;
    gzclose(f);
    printf("%llu\n", lines);
    return 0;
}
