/* json_flat.c: the fast path of the JSON access reader (json_access.c) for the
 * common line, a flat object without whitespace or escapes: members found from a
 * bitmap of the line's quotes (SSE2 where available), then, once the file's member
 * layout is learnt, each member's text compared whole and its value found with
 * SIMD. Both produce exactly what the general reader (fl_json_next) would. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "formats/json_access.h"

#define FLAT_WORDS 64 /* lines up to 4 KiB take the fast path */

/* ',' '}' ']' ' ' or tab: the end of a number or literal, as in json_scan.c. */
static int ends_bare_value(char c)
{
    static const unsigned char ends[256] = {[','] = 1, ['}'] = 1, [']'] = 1, [' '] = 1, ['\t'] = 1};
    return ends[(unsigned char)c];
}

/* The quotes of s[0..len) as bits (q[i / 64] bit i % 64); 0 when the line has a
 * backslash (an escape: the general scanner handles those). Each 64-bit word is
 * built in a register from four 16-byte compares and stored once. */
static int quote_bits(const char *s, size_t len, uint64_t *q)
{
#if defined(__SSE2__)
    if (len >= 16) {
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
        unsigned any = 0;
        for (size_t w = 0; w * 64 < len; w++) {
            uint64_t bits = 0;
            for (size_t i = w * 64; i < w * 64 + 64 && i < len; i += 16) {
                /* The last chunk is the 16 bytes before len: drop the bits seen. */
                size_t at = i + 16 <= len ? i : len - 16;
                __m128i x = _mm_loadu_si128((const __m128i *)(s + at));
                uint64_t m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote)) >> (i - at);
                any |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, backslash));
                bits |= m << (i % 64);
            }
            q[w] = bits;
        }
        return !any;
    }
#endif
    memset(q, 0, (len + 63) / 64 * sizeof *q);
    for (size_t k = 0; k < len; k++) {
        if (s[k] == '\\')
            return 0;
        q[k / 64] |= (uint64_t)(s[k] == '"') << (k % 64);
    }
    return 1;
}

/* Index of the first quote at or after from (from <= len), or len. */
static size_t next_quote(const uint64_t *q, size_t from, size_t len)
{
    size_t w = from / 64, words = (len + 63) / 64;
    if (w >= words)
        return len;
    uint64_t m = q[w] & (~0ULL << (from % 64));
    while (!m) {
        if (++w >= words)
            return len;
        m = q[w];
    }
    return w * 64 + (size_t)__builtin_ctzll(m);
}

/* The common line, a flat object written without whitespace or escapes
 * ({"k":"v","n":1,...}), read from a bitmap of its quotes instead of string by
 * string. Returns 1 when the whole object was read: its members are recorded exactly
 * as collect() would have recorded them, and where they are in *fm. Returns 0 for
 * anything else (whitespace, a backslash, a nested value, a malformed or long line):
 * the caller then starts again with collect() on a fresh json_found. */
int fl_jacc_collect_flat(const key_index *ix, const char *s, size_t len, json_found *jf,
                         flat_members *fm)
{
    uint64_t q[FLAT_WORDS];
    fm->n = 0;
    if (len < 2 || len > 64 * FLAT_WORDS || s[0] != '{' || !quote_bits(s, len, q))
        return 0;
    size_t p = 1;
    if (s[p] == '}')
        return 1;
    for (;;) {
        fl_json_field f;
        if (p >= len || s[p] != '"')
            return 0;
        size_t ke = next_quote(q, p + 1, len);
        if (ke + 1 >= len || s[ke + 1] != ':')
            return 0;
        if (fm->n < LAYOUT_MAX) { /* len <= 4096: positions fit */
            fm->start[fm->n] = (uint16_t)(p - 1);
            fm->value[fm->n] = (uint16_t)(ke + 2);
        }
        fm->n++;
        f.key = s + p + 1;
        f.key_len = ke - p - 1;
        p = ke + 2;
        if (p >= len)
            return 0;
        if (s[p] == '"') {
            size_t ve = next_quote(q, p + 1, len);
            if (ve >= len)
                return 0;
            f.val = s + p + 1;
            f.val_len = ve - p - 1;
            f.is_string = 1;
            p = ve + 1;
        } else {
            size_t start = p;
            char c = s[p];
            if (c == '{' || c == '[' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
                return 0;
            while (p < len && !ends_bare_value(s[p]))
                p++;
            if (p == start)
                return 0;
            f.val = s + start;
            f.val_len = p - start;
            f.is_string = 0;
        }
        fl_jacc_member(ix, &f, jf, 0); /* never nested here: no '{' values */
        if (p >= len || s[p] == '}')
            return 1;
        if (s[p] != ',')
            return 0;
        p++;
    }
}

/* Learn the layout from line s, which collect_flat read whole with members *fm:
 * each member's text, and the role it gives, decided as member()/note() would (for
 * each role the best-ranked name, the first of equals; every "logger"). A line with
 * no members, too many or too long names leaves no layout. */
void fl_jacc_layout_learn(json_layout *L, const key_index *ix, const char *s,
                          const flat_members *fm)
{
    int best[R_N];
    L->n = 0;
    if (fm->n == 0 || fm->n > LAYOUT_MAX)
        return;
    for (size_t k = 0; k < fm->n; k++)
        if (fm->value[k] - fm->start[k] > LAYOUT_NAME)
            return;
    for (int r = 0; r < R_N; r++)
        best[r] = -1;
    for (size_t k = 0; k < fm->n; k++) {
        layout_member *m = &L->m[k];
        size_t n = fm->value[k] - fm->start[k]; /* '{' or ',', '"', name, '"', ':' */
        const char *text = s + fm->start[k];
        const json_key *key = fl_jacc_key_find(ix, text + 2, n - 4);
        memset(m, 0, sizeof *m);
        memcpy(m->head, text, n < 16 ? n : 16);
        if (n > 16)
            memcpy(m->tail, text + n - 16, 16);
        m->n = (unsigned char)n;
        m->role = R_N;
        m->rank = key ? (unsigned char)key->rank : 0;
        if (key && key->role == R_LOGGER)
            m->role = R_LOGGER;
        else if (key && (best[key->role] < 0 || key->rank < L->m[best[key->role]].rank))
            best[key->role] = (int)k;
    }
    for (int r = 0; r < R_N; r++)
        if (best[r] >= 0)
            L->m[best[r]].role = (unsigned char)r;
    L->n = fm->n;
}

/* Whether p[0..m->n) is member m's text; end - p > m->n. */
static inline int layout_member_at(const layout_member *m, const char *p, const char *end)
{
    size_t n = m->n;
#if defined(__SSE2__)
    if (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)p);
        unsigned eq = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(x, _mm_loadu_si128((const __m128i *)m->head)));
        if (n <= 16)
            return (~eq & ((1u << n) - 1)) == 0;
        __m128i y = _mm_loadu_si128((const __m128i *)(p + n - 16));
        eq &= (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(y, _mm_loadu_si128((const __m128i *)m->tail)));
        return eq == 0xffffu;
    }
#else
    (void)end;
#endif
    return n <= 16 ? memcmp(p, m->head, n) == 0
                   : memcmp(p, m->head, 16) == 0 && memcmp(p + n - 16, m->tail, 16) == 0;
}

/* The first byte that ends a number or literal (ends_bare_value) in [p, end), or end;
 * lo as for string_stop. */
static inline const char *bare_stop(const char *p, const char *end, const char *lo)
{
#if defined(__SSE2__)
    /* ',' ' ' '\t', and '}' or ']' (equal with 0x20 set) */
    const __m128i comma = _mm_set1_epi8(','), space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    const __m128i close = _mm_set1_epi8('}'), bit = _mm_set1_epi8(0x20);
    const char *at = end - p >= 16 ? p : end - lo >= 16 ? end - 16 : NULL;
    if (at) {
        __m128i x = _mm_loadu_si128((const __m128i *)at);
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, space)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, tab),
                                                _mm_cmpeq_epi8(_mm_or_si128(x, bit), close)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit) >> (p - at); /* drop the bytes before p */
        if (m)
            return p + __builtin_ctz(m);
        if (at != p) /* the 16 bytes reached end */
            return end;
        p += 16;
    }
#else
    (void)lo;
#endif
    while (p < end && !ends_bare_value(*p))
        p++;
    return p;
}

/* The first '"' or '\\' in [p, end), or NULL: the end of a string value. lo is the
 * start of the line (lo <= p): the last bytes before end are read in the 16 bytes
 * that end there, so a value at the end of a line takes no byte loop. */
static inline const char *string_stop(const char *p, const char *end, const char *lo)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (; end - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)p);
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)));
        if (m)
            return p + __builtin_ctz(m);
    }
    if (p < end && end - lo >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(end - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)));
        m >>= 16 - (end - p); /* drop the bytes before p */
        return m ? p + __builtin_ctz(m) : NULL;
    }
#else
    (void)lo;
#endif
    for (; p < end; p++)
        if (*p == '"' || *p == '\\')
            return p;
    return NULL;
}

/* Read a line with the learnt layout: every member's text compared whole, values
 * found with SIMD (a string's closing quote) or a short loop (a number). Returns 1
 * when the line has exactly the layout's members, flat, without whitespace or
 * escapes in strings; jf then holds what collect() would have found. Returns 0 for
 * anything else (nothing is known then: the caller starts again). */
int fl_jacc_collect_layout(const json_layout *L, const char *s, size_t len, json_found *jf)
{
    const char *p = s, *end = s + len;
    if (L->n == 0)
        return 0;
    for (size_t k = 0; k < L->n; k++) {
        const layout_member *m = &L->m[k];
        if ((size_t)(end - p) <= m->n || !layout_member_at(m, p, end))
            return 0;
        fl_json_field f;
        f.key = p + 2;
        f.key_len = (size_t)m->n - 4;
        p += m->n;
        if (*p == '"') {
            const char *q = string_stop(p + 1, end, s);
            if (!q || *q == '\\')
                return 0;
            f.val = p + 1;
            f.val_len = (size_t)(q - p - 1);
            f.is_string = 1;
            p = q + 1;
        } else {
            const char *v = p;
            char c = *p;
            if (c == '{' || c == '[' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
                return 0;
            p = bare_stop(p, end, s);
            if (p == v)
                return 0;
            f.val = v;
            f.val_len = (size_t)(p - v);
            f.is_string = 0;
        }
        if (m->role == R_LOGGER) {
            jf->caddy |= f.is_string && f.val_len >= 15 && memcmp(f.val, "http.log.access", 15) == 0;
        } else if (m->role != R_N) {
            jf->rank[m->role] = m->rank;
            jf->f[m->role] = f;
        }
    }
    return p >= end || *p == '}'; /* else more members than the layout has */
}
