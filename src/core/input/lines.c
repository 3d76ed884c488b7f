/* lines.c: block-buffered line splitting (newline masks over 1 MiB reads); the
 * per-line fast path is inline in lines.h, this file has the rest. */
#include "input/lines.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#define FL_LINE_BLOCK (1024 * 1024)

fl_status fl_lines_init(fl_line_reader *r, fl_source *src, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->src = src;
    r->max_line = max_line ? max_line : 1;
    r->cap = FL_LINE_BLOCK + r->max_line + 1;
    /* 64 bytes more: the masks of the last block load whole vectors. */
    r->buf = malloc(r->cap + 64);
    r->nl_masks = malloc((r->cap / 64 + 1) * sizeof *r->nl_masks);
    if (!r->buf || !r->nl_masks) {
        fl_lines_free(r);
        return FL_ERR_NOMEM;
    }
    return FL_OK;
}

void fl_lines_free(fl_line_reader *r)
{
    free(r->buf);
    free(r->nl_masks);
    r->buf = NULL;
    r->nl_masks = NULL;
}

/* Newline masks of the 64-byte blocks at p (n of them), with the widest compare
 * the CPU has: chosen on each call (a call indexes a whole read, so the choice
 * costs nothing per line). */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512bw"))) static void masks_avx512(const char *p, size_t n, uint64_t *out)
{
    const __m512i nl = _mm512_set1_epi8('\n');
    for (size_t k = 0; k < n; k++)
        out[k] = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(p + 64 * k)), nl);
}

__attribute__((target("avx2"))) static void masks_avx2(const char *p, size_t n, uint64_t *out)
{
    const __m256i nl = _mm256_set1_epi8('\n');
    for (size_t k = 0; k < n; k++) {
        const char *b = p + 64 * k;
        __m256i lo = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)b), nl);
        __m256i hi = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(b + 32)), nl);
        out[k] = (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) |
                 (uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32;
    }
}

static void masks_sse2(const char *p, size_t n, uint64_t *out)
{
    const __m128i nl = _mm_set1_epi8('\n');
    for (size_t k = 0; k < n; k++) {
        const char *b = p + 64 * k;
        uint64_t m = 0;
        for (int j = 0; j < 4; j++)
            m |= (uint64_t)(unsigned)_mm_movemask_epi8(
                     _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(b + 16 * j)), nl))
                 << (16 * j);
        out[k] = m;
    }
}

static void newline_masks(const char *p, size_t n, uint64_t *out)
{
    if (__builtin_cpu_supports("avx512bw"))
        masks_avx512(p, n, out);
    else if (__builtin_cpu_supports("avx2"))
        masks_avx2(p, n, out);
    else
        masks_sse2(p, n, out);
}
#else
static void newline_masks(const char *p, size_t n, uint64_t *out)
{
    memset(out, 0, n * sizeof *out);
    for (const char *q = p, *end = p + 64 * n; (q = memchr(q, '\n', (size_t)(end - q))); q++)
        out[(q - p) / 64] |= 1ULL << ((q - p) % 64);
}
#endif

/* Index buf[from..end): the masks of its blocks (the bits past end cleared). */
static void index_newlines(fl_line_reader *r, size_t from)
{
    size_t k0 = from / 64, blocks = (r->end + 63) / 64;
    if (blocks > k0)
        newline_masks(r->buf + 64 * k0, blocks - k0, r->nl_masks + k0);
    if (r->end % 64)
        r->nl_masks[blocks - 1] &= (1ULL << (r->end % 64)) - 1;
    r->nl_blocks = blocks;
}

/* Move the partial line to the front and read more. Returns bytes added. */
static size_t refill(fl_line_reader *r)
{
    if (r->eof)
        return 0;
    if (r->pos > 0) {
        r->base += r->pos;
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->pos = 0;
        index_newlines(r, 0);
    }
    size_t from = r->end;
    for (;;) {
        size_t got = fl_source_read(r->src, r->buf + r->end, r->cap - r->end, &r->status);
        if (r->head_len < sizeof r->head) { /* keep the start of the input for sniffing */
            size_t k = sizeof r->head - r->head_len < got ? sizeof r->head - r->head_len : got;
            memcpy(r->head + r->head_len, r->buf + r->end, k);
            r->head_len += k;
        }
        if (got == 0)
            r->eof = 1;
        r->end += got;
        /* The head is whole before anything is judged by it, however little a read
         * returns (a gzip backend's first block, a pipe): the same input must look
         * the same whatever it came through. */
        if (got == 0 || r->head_len == sizeof r->head || r->end == r->cap)
            break;
    }
    index_newlines(r, from);
    return r->end - from;
}

void fl_lines_prime(fl_line_reader *r)
{
    if (r->end == 0 && !r->eof) {
        refill(r);
        r->nl_block = 0;
        r->nl_bits = r->nl_blocks ? r->nl_masks[0] : 0;
    }
}

static void emit(fl_line_reader *r, char *start, size_t len, const char **line, size_t *out)
{
    if (len > 0 && start[len - 1] == '\r')
        len--;
    *line = start;
    *out = len;
    r->lineno++;
}

static int next_slow(fl_line_reader *r, const char **line, size_t *len);

int fl_lines_next_slow(fl_line_reader *r, const char **line, size_t *len)
{
    int got = next_slow(r, line, len);
    /* The fast path goes on from the newline after pos (the buffer may have moved). */
    size_t k = r->pos / 64;
    r->nl_block = k;
    r->nl_bits = k < r->nl_blocks ? r->nl_masks[k] & (~0ULL << (r->pos % 64)) : 0;
    return got;
}

static int next_slow(fl_line_reader *r, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes of the current partial line already searched */
    for (;;) {
        char *start = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        char *nl = avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - start);
            r->pos += n + 1;
            if (r->skipping || n > r->max_line) {
                r->skipping = 0;
                r->overlong++;
                r->lineno++;
                scanned = 0;
                continue;
            }
            emit(r, start, n, line, len);
            return 1;
        }
        if (avail > r->max_line) { /* no newline within bound: drop what we have */
            r->skipping = 1;
            r->pos = r->end;
            avail = 0;
        }
        scanned = avail;
        if (refill(r) == 0) {
            if (r->end > r->pos) { /* last line without newline */
                start = r->buf + r->pos;
                avail = r->end - r->pos;
                r->pos = r->end;
                if (r->skipping) {
                    r->skipping = 0;
                    r->overlong++;
                    r->lineno++;
                    return 0;
                }
                emit(r, start, avail, line, len);
                return 1;
            }
            if (r->skipping) {
                r->skipping = 0;
                r->overlong++;
                r->lineno++;
            }
            return 0;
        }
    }
}

int fl_lines_looks_binary(const fl_line_reader *r)
{
    size_t control = 0;
    for (size_t i = 0; i < r->head_len; i++) {
        unsigned char c = r->head[i];
        if (c == 0)
            return 1;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b) || c == 0x7f)
            control++;
    }
    return control * 10 > r->head_len;
}
