/* fuzz_util.h: helpers shared by the fuzz harnesses (tests/fuzz/fuzz_*.c): the
 * libFuzzer entry point's prototype, input files kept in memory (memfd) and line
 * splitting into exact-size copies so that AddressSanitizer sees any overread. */
#ifndef FL_FUZZ_UTIL_H
#define FL_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message: a broken invariant is a finding like a crash. */
#define FUZZ_CHECK(cond)                                                             \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                          \
            abort();                                                                 \
        }                                                                            \
    } while (0)

/* Read every byte of p[0..n) so that ASan reports a pointer outside its buffer. */
static inline void fuzz_touch(const char *p, size_t n)
{
    volatile unsigned char sink = 0;
    for (size_t i = 0; i < n; i++)
        sink ^= (unsigned char)p[i];
    (void)sink;
}

/* An in-memory file holding data; its path (/proc/self/fd/N) goes to path. Returns the
 * fd (close it when done) or -1. */
static inline int fuzz_memfile(const void *data, size_t size, char *path, size_t pathlen)
{
    int fd = memfd_create("fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    const char *p = data;
    while (size > 0) {
        ssize_t w = write(fd, p, size);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        p += w;
        size -= (size_t)w;
    }
    snprintf(path, pathlen, "/proc/self/fd/%d", fd);
    return fd;
}

/* Like fuzz_memfile but a pipe holding data (its write end closed): a source of
 * unknown size, as stdin is. Falls back to fuzz_memfile when data does not fit in
 * the pipe's buffer. */
static inline int fuzz_pipefile(const void *data, size_t size, char *path, size_t pathlen)
{
    int p[2];
    if (size > 65536 || pipe(p) != 0)
        return fuzz_memfile(data, size, path, pathlen);
    const char *d = data;
    while (size > 0) {
        ssize_t w = write(p[1], d, size);
        if (w <= 0) {
            close(p[0]);
            close(p[1]);
            return -1;
        }
        d += w;
        size -= (size_t)w;
    }
    close(p[1]);
    snprintf(path, pathlen, "/proc/self/fd/%d", p[0]);
    return p[0];
}

typedef struct fuzz_lines {
    char **text; /* exact-size copies, not NUL-terminated (malloc(1) for empty lines) */
    size_t *len;
    size_t n;
} fuzz_lines;

/* Split data at '\n' (a trailing '\r' removed, as lines.c does), at most max lines. */
static inline int fuzz_split(const uint8_t *data, size_t size, size_t max, fuzz_lines *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    for (size_t i = 0; i < size; i++)
        cap += data[i] == '\n';
    cap++;
    if (cap > max)
        cap = max;
    out->text = calloc(cap, sizeof *out->text);
    out->len = calloc(cap, sizeof *out->len);
    if (!out->text || !out->len)
        return -1;
    size_t pos = 0;
    while (pos < size && out->n < cap) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : size - pos;
        size_t keep = n > 0 && data[pos + n - 1] == '\r' ? n - 1 : n;
        char *t = malloc(keep ? keep : 1);
        if (!t)
            return -1;
        memcpy(t, data + pos, keep);
        out->text[out->n] = t;
        out->len[out->n++] = keep;
        pos += n + 1;
    }
    return 0;
}

static inline void fuzz_lines_free(fuzz_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->text[i]);
    free(l->text);
    free(l->len);
    memset(l, 0, sizeof *l);
}

/* A NUL-terminated copy of data[0..n) (embedded NULs end the string early). */
static inline char *fuzz_strndup(const uint8_t *data, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, data, n);
        s[n] = 0;
    }
    return s;
}

#endif
