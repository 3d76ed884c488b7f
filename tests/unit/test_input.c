/* test_input.c: byte sources (plain, gzip single/multi-member, truncated, corrupt)
 * and the line splitter (CRLF, missing final newline, overlong lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "fl_test.h"
#include "input/input.h"
#include "input/lines.h"

static char dir[] = "/tmp/fl-test-input-XXXXXX";

/* gzip-compress data into a malloc'd buffer (one member); returns its length. */
static size_t gz(const char *data, unsigned char **out)
{
    z_stream zs = {0};
    size_t cap = compressBound(strlen(data)) + 64;
    *out = malloc(cap);
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)strlen(data);
    zs.next_out = *out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    size_t n = cap - zs.avail_out;
    deflateEnd(&zs);
    return n;
}

typedef struct result {
    int lines;
    char first[64], last[64];
    uint64_t overlong;
    fl_status status;
    int gzip;
} result;

static result read_all(const char *name, size_t max_line)
{
    result r = {0};
    fl_source *src;
    char err[256];
    fl_line_reader lr;
    const char *line;
    size_t len;
    if (fl_source_open(fl_test_path(dir, name), &src, err, sizeof err) != FL_OK) {
        r.status = FL_ERR_OPEN;
        return r;
    }
    fl_lines_init(&lr, src, max_line);
    while (fl_lines_next(&lr, &line, &len)) {
        if (r.lines++ == 0)
            snprintf(r.first, sizeof r.first, "%.*s", (int)len, line);
        snprintf(r.last, sizeof r.last, "%.*s", (int)(len < 60 ? len : 60), line);
    }
    r.overlong = lr.overlong;
    r.status = lr.status;
    r.gzip = fl_source_is_gzip(src);
    fl_lines_free(&lr);
    fl_source_close(src);
    return r;
}

static void test_plain(void)
{
    const char *text = "one\r\ntwo\n\nthree";
    fl_test_write(dir, "plain.log", text, strlen(text));
    result r = read_all("plain.log", 1024);
    CHECK_INT(r.lines, 4); /* the blank line counts, the last one has no newline */
    CHECK_STR(r.first, "one"); /* CR removed */
    CHECK_STR(r.last, "three");
    CHECK_INT(r.status, FL_OK);
    CHECK_INT(r.gzip, 0);
    fl_test_write(dir, "empty.log", "", 0);
    r = read_all("empty.log", 1024);
    CHECK_INT(r.lines, 0);
    CHECK_INT(r.status, FL_OK);
}

static void test_overlong(void)
{
    /* 3 MiB line between two short ones: skipped, counted, never buffered whole. */
    size_t big = 3u << 20;
    char *data = malloc(big + 32);
    memcpy(data, "a\n", 2);
    memset(data + 2, 'x', big);
    memcpy(data + 2 + big, "\nb\n", 3);
    fl_test_write(dir, "long.log", data, big + 5);
    result r = read_all("long.log", 64 * 1024);
    CHECK_INT(r.lines, 2);
    CHECK_INT(r.overlong, 1);
    CHECK_STR(r.last, "b");
    /* Overlong last line without newline. */
    fl_test_write(dir, "long2.log", data, big + 2);
    r = read_all("long2.log", 1000);
    CHECK_INT(r.lines, 1);
    CHECK_INT(r.overlong, 1);
    free(data);
}

/* Lines of every length from 0 to 300 (some CRLF, some overlong), 3 MiB in all, so
 * that lines start and end at every offset of the 64-byte newline masks and cross
 * the 1 MiB reads: each line must come back whole, in order, read by fl_lines_next
 * alone and through cursors (fl_read_lines' loop) with the same numbers and offsets. */
static void test_many_lengths(void)
{
    size_t cap = 4u << 20, n = 0, want_lines = 0, want_overlong = 0;
    char *data = malloc(cap);
    uint64_t want = 0, got = 0;
    unsigned x = 12345;
    while (n < (3u << 20)) {
        x = x * 1103515245u + 12345u;
        size_t len = (x >> 8) % 301, overlong = (x >> 20) % 97 == 0;
        if (overlong)
            len = 400; /* over the max_line of 300 below */
        int crlf = len > 0 && (x >> 24) % 5 == 0;
        for (size_t i = 0; i < len; i++)
            data[n + i] = (char)('a' + (i + want_lines) % 26);
        if (overlong) {
            want_overlong++;
        } else {
            want = want * 31 + len; /* the line as returned: without the CR */
            for (size_t i = 0; i < len; i++)
                want = want * 131 + (unsigned char)data[n + i];
            want_lines++;
        }
        n += len;
        if (crlf)
            data[n++] = '\r';
        data[n++] = '\n';
    }
    fl_test_write(dir, "lengths.log", data, n);
    uint64_t numbers[2] = {0, 0}; /* line numbers and offsets, read both ways */
    for (int cursor = 0; cursor < 2; cursor++) {
        fl_source *src;
        char err[256];
        fl_line_reader lr;
        const char *line;
        size_t len, lines = 0;
        got = 0;
        CHECK_INT(fl_source_open(fl_test_path(dir, "lengths.log"), &src, err, sizeof err), FL_OK);
        fl_lines_init(&lr, src, 301); /* a CRLF line of 300 is 301 bytes before its newline */
        for (;;) {
            /* as fl_read_lines reads: a cursor's lines, then one through the reader */
            fl_lines_cursor c = fl_lines_cursor_take(&lr);
            while (cursor && fl_lines_cursor_next(&c, &line, &len)) {
                got = got * 31 + len;
                for (size_t i = 0; i < len; i++)
                    got = got * 131 + (unsigned char)line[i];
                numbers[cursor] = (numbers[cursor] * 31 + c.lineno) * 31 + fl_lines_cursor_offset(&c, line);
                lines++;
            }
            if (cursor)
                fl_lines_cursor_put(&lr, &c);
            if (!fl_lines_next(&lr, &line, &len))
                break;
            got = got * 31 + len;
            for (size_t i = 0; i < len; i++)
                got = got * 131 + (unsigned char)line[i];
            numbers[cursor] = (numbers[cursor] * 31 + lr.lineno) * 31 + fl_lines_offset(&lr, line);
            lines++;
        }
        CHECK_INT(lines, want_lines);
        CHECK_INT(lr.overlong, want_overlong);
        CHECK_INT(lr.lineno, want_lines + want_overlong);
        CHECK(got == want);
        fl_lines_free(&lr);
        fl_source_close(src);
    }
    CHECK(numbers[0] == numbers[1]);
    free(data);
}

static void test_gzip(void)
{
    unsigned char *m1, *m2;
    size_t n1 = gz("first\nsecond\n", &m1), n2 = gz("third\n", &m2);
    unsigned char *both = malloc(n1 + n2);
    memcpy(both, m1, n1);
    memcpy(both + n1, m2, n2);
    fl_test_write(dir, "one.gz.log", m1, n1); /* named without .gz on purpose: magic bytes decide */
    result r = read_all("one.gz.log", 1024);
    CHECK_INT(r.gzip, 1);
    CHECK_INT(r.lines, 2);
    CHECK_STR(r.last, "second");
    CHECK_INT(r.status, FL_OK);

    fl_test_write(dir, "multi.gz", both, n1 + n2);
    r = read_all("multi.gz", 1024);
    CHECK_INT(r.lines, 3);
    CHECK_STR(r.last, "third");
    CHECK_INT(r.status, FL_OK);

    /* Truncated: the second member cut short; lines of the first still count. */
    fl_test_write(dir, "trunc.gz", both, n1 + n2 / 2);
    r = read_all("trunc.gz", 1024);
    CHECK_INT(r.status, FL_ERR_TRUNCATED);
    CHECK(r.lines >= 2);
    CHECK_STR(r.first, "first");

    /* Corrupt bytes in the middle of the second member. */
    memset(both + n1 + 10, 0xff, 6);
    fl_test_write(dir, "corrupt.gz", both, n1 + n2);
    r = read_all("corrupt.gz", 1024);
    CHECK_INT(r.status, FL_ERR_GZIP);
    CHECK(r.lines >= 2);
    free(m1);
    free(m2);
    free(both);
}

/* Binary sniffing looks at the first bytes only. */
static int looks_binary(const char *name, const void *data, size_t n)
{
    fl_source *src;
    char err[256];
    fl_line_reader lr;
    const char *line;
    size_t len;
    fl_test_write(dir, name, data, n);
    if (fl_source_open(fl_test_path(dir, name), &src, err, sizeof err) != FL_OK)
        return -1;
    fl_lines_init(&lr, src, 1024);
    fl_lines_next(&lr, &line, &len);
    int b = fl_lines_looks_binary(&lr);
    fl_lines_free(&lr);
    fl_source_close(src);
    return b;
}

static void test_binary(void)
{
    const char text[] = "2026-11-23 12:00:00 INFO caf\xc3\xa9 \x1b[31mred\x1b[0m\ttab\r\n";
    CHECK_INT(looks_binary("text.log", text, sizeof text - 1), 0);
    const char nul[] = "abc\0def\n";
    CHECK_INT(looks_binary("nul.log", nul, sizeof nul - 1), 1);
    char ctl[200];
    for (size_t i = 0; i < sizeof ctl; i++)
        ctl[i] = (char)(i % 3 == 0 ? 0x01 : 'a'); /* a third control bytes */
    CHECK_INT(looks_binary("ctl.log", ctl, sizeof ctl), 1);
}

/* A reader that hands out its bytes 7 at a time (a pipe, a decompressor's first
 * block): the line reader still fills its 4 KiB head before the first line, so a
 * NUL at byte 2000 is seen however the bytes arrive. */
typedef struct dribble {
    const char *data;
    size_t len, pos;
} dribble;

static size_t dribble_read(void *ctx, void *buf, size_t n, fl_status *st)
{
    dribble *d = ctx;
    size_t k = d->len - d->pos < 7 ? d->len - d->pos : 7;
    if (k > n)
        k = n;
    memcpy(buf, d->data + d->pos, k);
    d->pos += k;
    *st = FL_OK;
    return k;
}

static void test_head_from_small_reads(void)
{
    char data[3000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = i % 10 == 9 ? '\n' : 'x';
    data[2000] = 0;
    dribble d = {data, sizeof data, 0};
    fl_source_reader rd = {dribble_read, NULL, &d};
    fl_source *src;
    fl_line_reader lr;
    const char *line;
    size_t len;
    CHECK_INT(fl_source_open_reader(&rd, 0, 0, &src), FL_OK);
    fl_lines_init(&lr, src, 1024);
    CHECK_INT(fl_lines_next(&lr, &line, &len), 1);
    CHECK_INT(len, 9);
    CHECK_INT(lr.head_len, sizeof data); /* all of it: less than the head holds */
    CHECK_INT(fl_lines_looks_binary(&lr), 1);
    fl_lines_free(&lr);
    fl_source_close(src);
}

static void test_open_errors(void)
{
    fl_source *src;
    char err[256];
    CHECK_INT(fl_source_open(fl_test_path(dir, "missing.log"), &src, err, sizeof err), FL_ERR_OPEN);
    CHECK(strstr(err, "missing.log") != NULL);
    CHECK_INT(fl_source_open(dir, &src, err, sizeof err), FL_ERR_OPEN); /* a directory */
}

static void test_expand(void)
{
    char sub[300], link[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0755);
    fl_test_write(dir, "sub/b.log", "x\n", 2);
    fl_test_write(dir, "sub/a.log", "x\n", 2);
    snprintf(link, sizeof link, "%s/sub/loop", dir);
    symlink(sub, link); /* a directory loop */
    const char *paths[] = {sub, fl_test_path(dir, "nope")};
    char **files, **bad;
    size_t n, nbad;
    CHECK_INT(fl_expand_paths(paths, 2, &files, &n, &bad, &nbad), FL_OK);
    CHECK_INT(n, 2);
    CHECK(n == 2 && strstr(files[0], "sub/a.log") && strstr(files[1], "sub/b.log")); /* name order */
    CHECK_INT(nbad, 2); /* the loop and the missing path */
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    for (size_t i = 0; i < 2 * nbad; i++)
        free(bad[i]);
    free(files);
    free(bad);
    unlink(link);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    test_plain();
    test_overlong();
    test_many_lengths();
    test_gzip();
    test_binary();
    test_head_from_small_reads();
    test_open_errors();
    test_expand();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return fl_test_result("test_input");
}
