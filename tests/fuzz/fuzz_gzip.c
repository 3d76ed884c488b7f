/* fuzz_gzip.c: byte sources and line splitting (input.h, lines.h) on an in-memory
 * file with a small max_line: plain text, gzip, multi-member gzip, truncated or
 * corrupt streams, overlong lines, binary sniffing. The first input byte chooses how
 * the rest becomes the file, the second the max_line:
 *   mode 0  the bytes as they are (real or damaged gzip from the corpus)
 *   mode 1  gzip of the bytes, one member
 *   mode 2  gzip of the bytes in 1..4 members (third byte), concatenated
 *   mode 3  gzip of the bytes cut short at a point given by the third byte
 * plus 4: the file comes through a pipe (size unknown, like stdin: gzip is then
 * inflated by input.c's reader thread). */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include <zlib.h>

#include "input/input.h"
#include "input/lines.h"

/* Append the gzip member of src[0..n) to out (capacity checked); returns bytes added. */
static size_t gzip_member(const uint8_t *src, size_t n, uint8_t *out, size_t cap, int level)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    zs.next_in = (Bytef *)(uintptr_t)src;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    int rc = deflate(&zs, Z_FINISH);
    size_t got = cap - zs.avail_out;
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? got : 0;
}

/* Build the file for the chosen mode; returns its malloc'd bytes (*n long). */
static uint8_t *make_file(int mode, int param, const uint8_t *p, size_t n, size_t *out_n)
{
    size_t cap = 4 * (compressBound((uLong)n) + 64);
    uint8_t *buf = malloc(cap);
    if (!buf)
        return NULL;
    *out_n = 0;
    if (mode == 0) {
        memcpy(buf, p, n);
        *out_n = n;
    } else if (mode == 2) {
        size_t members = 1 + (size_t)param % 4, step = n / members, at = 0;
        for (size_t m = 0; m < members; m++) {
            size_t len = m + 1 == members ? n - at : step;
            *out_n += gzip_member(p + at, len, buf + *out_n, cap - *out_n, (int)m % 10);
            at += len;
        }
    } else {
        *out_n = gzip_member(p, n, buf, cap, 6);
        if (mode == 3)
            *out_n = *out_n * (size_t)param / 256;
    }
    return buf;
}

/* The lines a reader must return for plain text t[0..n): next one at *pos, overlong
 * ones (raw length, '\r' included, above max_line) skipped. Returns 0 at the end. */
static int expect_next(const uint8_t *t, size_t n, size_t *pos, size_t max_line, const uint8_t **line,
                       size_t *len)
{
    while (*pos < n) {
        const uint8_t *s = t + *pos, *nl = memchr(s, '\n', n - *pos);
        size_t k = nl ? (size_t)(nl - s) : n - *pos;
        *pos += k + 1;
        if (k > max_line)
            continue;
        *line = s;
        *len = k > 0 && s[k - 1] == '\r' ? k - 1 : k;
        return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    int mode = data[0] % 4, piped = (data[0] & 4) != 0;
    size_t max_line = 1 + data[1] % 200;
    size_t n = 0;
    uint8_t *file = make_file(mode, data[2], data + 3, size - 3, &n);
    if (!file)
        return 0;
    char path[64], err[256];
    int fd = piped ? fuzz_pipefile(file, n, path, sizeof path) : fuzz_memfile(file, n, path, sizeof path);
    free(file);
    if (fd < 0)
        return 0;
    fl_source *src = NULL;
    if (fl_source_open(path, &src, err, sizeof err) == FL_OK) {
        fl_line_reader r;
        if (fl_lines_init(&r, src, max_line) == FL_OK) {
            const char *line;
            size_t len;
            uint64_t lines = 0;
            /* The text is known when we compressed it, or it was not gzip: */
            const uint8_t *text = data + 3, *want;
            size_t text_n = size - 3, text_pos = 0, want_len;
            int check = mode == 1 || mode == 2 || (mode == 0 && !(text_n >= 2 && text[0] == 0x1f && text[1] == 0x8b));
            while (fl_lines_next(&r, &line, &len)) {
                FUZZ_CHECK(len <= max_line);
                if (check) {
                    FUZZ_CHECK(expect_next(text, text_n, &text_pos, max_line, &want, &want_len));
                    FUZZ_CHECK(len == want_len && memcmp(line, want, len) == 0);
                }
                FUZZ_CHECK(!memchr(line, '\n', len));
                fuzz_touch(line, len);
                lines++;
                if (lines == 1)
                    (void)fl_lines_looks_binary(&r);
            }
            FUZZ_CHECK(r.lineno == lines + r.overlong);
            if (check)
                FUZZ_CHECK(!expect_next(text, text_n, &text_pos, max_line, &want, &want_len));
            FUZZ_CHECK(r.status == FL_OK || r.status == FL_ERR_GZIP || r.status == FL_ERR_TRUNCATED);
            FUZZ_CHECK(!fl_lines_next(&r, &line, &len)); /* stays at the end */
            (void)fl_lines_looks_binary(&r);
            if (mode != 0)
                FUZZ_CHECK(fl_source_is_gzip(src) || n < 2);
            if (mode == 1 || mode == 2)
                FUZZ_CHECK(r.status == FL_OK);
            FUZZ_CHECK(fl_source_raw_bytes(src) <= n);
            fl_lines_free(&r);
        }
        fl_source_close(src);
    }
    close(fd);
    return 0;
}
