/* access_util.h: field scanners shared by the access-log formats (tokens, numbers,
 * quoted strings, request lines, "addr:port"). Specification: the field syntax of
 * the formats that use them (Apache mod_log_config quoting, AWS ELB/ALB, HAProxy,
 * Envoy, Squid, W3C). Every function works on a (pointer, length) slice, never
 * allocates and never reads past the length it is given. */
#ifndef FL_ACCESS_UTIL_H
#define FL_ACCESS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "formats/format.h"

/* First byte equal to c in [p, end), or NULL. hi >= end is the end of the buffer the
 * range lies in (the line): bytes in [end, hi) may be loaded, never matched, so a
 * short range costs one 16-byte load. Inline, for the short fields of a log line,
 * where a memchr call costs more than the search itself. */
static inline const char *fl_acc_find(const char *p, const char *end, const char *hi, char c)
{
#if defined(__SSE2__)
    const __m128i v = _mm_set1_epi8(c);
    for (; p < end && hi - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)p);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, v));
        m &= end - p >= 16 ? 0xffffu : (1u << (end - p)) - 1u;
        if (m)
            return p + __builtin_ctz(m);
    }
    for (; p < end; p++) /* the last bytes of the buffer */
        if (*p == c)
            return p;
    return NULL;
#else
    (void)hi;
    return p < end ? memchr(p, c, (size_t)(end - p)) : NULL;
#endif
}

#if defined(__SSE2__)
#define FL_ACC_HAVE_MASKS64 1
/* Bit i of *ma and *mb is set when p[i] (0 <= i < 64) equals a and b: two byte
 * classes of a 64-byte window at once, so the fields inside it are found with bit
 * operations instead of loops whose length varies from line to line. The caller
 * makes sure that p[0..64) lies inside its buffer. */
static inline void fl_acc_masks64(const char *p, char a, char b, uint64_t *ma, uint64_t *mb)
{
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
    __m128i x0 = _mm_loadu_si128((const __m128i *)p), x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32)), x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    /* Written out: the compiler kept a loop with variable shifts. */
    *ma = (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, va)) |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, va)) << 16 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x2, va)) << 32 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x3, va)) << 48;
    *mb = (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x0, vb)) |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x1, vb)) << 16 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x2, vb)) << 32 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x3, vb)) << 48;
}
#endif

/* First byte equal to a or b in [p, end), or NULL; hi as for fl_acc_find. */
static inline const char *fl_acc_find2(const char *p, const char *end, const char *hi, char a,
                                       char b)
{
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
    for (; p < end && hi - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)p);
        __m128i y = _mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb));
        unsigned m = (unsigned)_mm_movemask_epi8(y);
        m &= end - p >= 16 ? 0xffffu : (1u << (end - p)) - 1u;
        if (m)
            return p + __builtin_ctz(m);
    }
#else
    (void)hi;
#endif
    for (; p < end; p++)
        if (*p == a || *p == b)
            return p;
    return NULL;
}

/* Reset rec to an access record with no fields: status 0, bytes and duration -1,
 * empty host/method/path/message, level NONE. */
void fl_acc_record_init(fl_record *rec);

/* Next token of s[*pos..len) ending at sep (or at len). With runs nonzero, leading
 * separators are skipped first (space-padded columns). Sets *tok and *tok_len, moves *pos
 * past the separator that ended the token and returns 1; returns 0 when no token is
 * left. */
int fl_acc_token(const char *s, size_t len, size_t *pos, char sep, int runs, const char **tok,
                 size_t *tok_len);

/* Unsigned decimal integer made of all n bytes (1..18 digits); returns 1 on success. */
int fl_acc_uint(const char *s, size_t n, int64_t *v);

/* HTTP status of exactly three digits, 100..599; "000" gives 0 when zero_ok.
 * Returns 1 on success. */
int fl_acc_status(const char *s, size_t n, int zero_ok, int *status);

/* Decimal number of all n bytes: optional '-', digits, optional '.' and digits
 * ("0.000073", "-1", "12"). Returns 1 on success. */
int fl_acc_decimal(const char *s, size_t n, double *v);

/* s[i] == '"': the index just past the closing quote (backslash escapes skipped),
 * or 0 when the quote is not closed before len. */
size_t fl_acc_skip_quoted(const char *s, size_t len, size_t i);

/* Split a request line "METHOD target PROTOCOL" into rec's method and path (both
 * empty for "-" or an empty request). */
void fl_acc_split_request(const char *r, size_t len, fl_record *rec);

/* fl_acc_split_request for a request r[0..len) inside a buffer that goes on to hi
 * (hi >= r + len, as for fl_acc_find): the spaces are found with 16-byte loads,
 * inline, for the formats that split a request on every line. */
static inline void fl_acc_split_request_in(const char *r, size_t len, const char *hi, fl_record *rec)
{
    const char *end = r + len;
    const char *sp = fl_acc_find(r, end, hi, ' ');
    rec->method = r;
    rec->method_len = 0;
    rec->path = r;
    rec->path_len = 0;
    if (!sp || len < 2)
        return;
    rec->method_len = (size_t)(sp - r);
    const char *t = sp + 1;
    const char *sp2 = fl_acc_find(t, end, hi, ' ');
    rec->path = t;
    rec->path_len = (size_t)((sp2 ? sp2 : end) - t);
}

/* The address of "addr:port", "[v6]:port", "[v6]" or a bare address: port and
 * brackets dropped. A bare IPv6 address (two or more ':') is kept whole, since its
 * last group cannot be told from a port. */
void fl_acc_strip_port(const char *s, size_t n, const char **addr, size_t *addr_len);

/* clf.c's parser, shared: vhost_combined reads the rest of its line with it, and
 * the server formats the access lines wrapped in their messages. */
fl_parse_result fl_clf_parse(fl_parse_state *st, const char *line, size_t len, fl_record *rec);
/* Detail function of "combined" and "vhost_combined": the user agent, when the
 * referer and agent fields follow the CLF fields that fl_clf_parse read. */
void fl_clf_detail(const char *line, size_t len, fl_record *rec);
/* A CLF %h of the form "name:port" (one ':' followed by 1-5 digits) is Apache's
 * "%v:%p" of vhost_combined, not a client address (IPv6 addresses have two or more
 * ':'); clf.c rejects such lines and vhost.c requires the shape. */
int fl_clf_is_vhost_port(const char *s, size_t n);

/* elb.c's parser that also sets *request_end to the index just past the
 * request's closing quote whenever the result is not UNPARSEABLE: alb.c checks the
 * fields after it without scanning the line a second time. */
fl_parse_result fl_elb_parse_ex(fl_parse_state *st, const char *line, size_t len, fl_record *rec,
                                size_t *request_end);

/* Narrow an absolute URL "scheme://authority/path?q" to "/path?q" ("/" when it has
 * no path); other targets are left alone. */
void fl_acc_url_path(const char **p, size_t *n);

#endif
