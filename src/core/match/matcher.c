/* matcher.c: running the signatures on a line: the prefilter (literals or the
 * literal index) picks the candidates, PCRE2 (JIT where it can) confirms them, with
 * match data and scratch owned by the matcher (one per thread). */
#define _GNU_SOURCE /* memmem (glibc, the BSDs, POSIX.1-2024) */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/patterns_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

/* ---- matching --------------------------------------------------------------------- */

fl_matcher *fl_matcher_new(const fl_patterns *p)
{
    fl_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->p = p;
    m->mode = p->compiled ? FL_PREFILTER_AUTOMATON : FL_PREFILTER_LITERALS;
    /* One ovector pair is enough: only whether a signature matches is wanted, and
     * pcre2_match returns 0 (still a match) when captures do not fit. */
    m->md = pcre2_match_data_create(1, NULL);
    /* A user's regex may backtrack exponentially ((a+)+$ on a line of a's): bound
     * the work per line instead of letting one line cost seconds. */
    m->mc = pcre2_match_context_create(NULL);
    if (m->mc) {
        pcre2_set_match_limit(m->mc, FL_MATCH_LIMIT);
        pcre2_set_depth_limit(m->mc, FL_DEPTH_LIMIT);
    }
    m->lower = malloc(LOWER_BUF);
    m->seen = calloc(p->n + 1, sizeof *m->seen);
    m->cand = malloc((p->n + 1) * sizeof *m->cand);
    m->jit = calloc(p->n + 1, 1);
#if defined(__x86_64__) && defined(__GNUC__)
    m->avx2 = __builtin_cpu_supports("avx2");
#endif
    if (!m->md || !m->mc || !m->lower || !m->seen || !m->cand || !m->jit) {
        fl_matcher_free(m);
        return NULL;
    }
    return m;
}

void fl_matcher_set_prefilter(fl_matcher *m, fl_prefilter mode)
{
    if (mode == FL_PREFILTER_AUTOMATON && !m->p->compiled)
        mode = FL_PREFILTER_LITERALS;
    m->mode = mode;
}

void fl_matcher_free(fl_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    free(m->lower);
    free(m->seen);
    free(m->cand);
    free(m->jit);
    free(m);
}

/* Case-insensitive search of the lower-case needle in hay (for long lines). */
static int ci_contains(const char *hay, size_t n, const char *needle, size_t k)
{
    if (k > n)
        return 0;
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)hay[i + j]) == (unsigned char)needle[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* FL_PREFILTER_LITERALS: whether the line holds signature sg's literal; *lowered
 * tracks whether m->lower holds the lower-cased line already. */
static int literal_present(fl_matcher *m, const sig *sg, const char *s, size_t len,
                           int *lowered)
{
    const fl_signature_info *in = &sg->info;
    if (!in->literal_len)
        return 1;
    if (!in->literal_caseless)
        return memmem(s, len, in->literal, in->literal_len) != NULL;
    if (len > LOWER_BUF)
        return ci_contains(s, len, in->literal, in->literal_len);
    if (!*lowered) {
        for (size_t i = 0; i < len; i++)
            m->lower[i] = (char)tolower((unsigned char)s[i]);
        *lowered = 1;
    }
    return memmem(m->lower, len, in->literal, in->literal_len) != NULL;
}

/* Whether the 8 bytes at t match the folded ones at lit (fold_mask: mask). */
static inline int lit_chunk_matches(const char *t, const char *lit, const unsigned char *mask)
{
    uint64_t a, b, mk;
    memcpy(&a, t, 8);
    memcpy(&b, lit, 8);
    memcpy(&mk, mask, 8);
    return (a | mk) == (b | mk);
}

/* Whether literal entry e occurs at t (folded), byte by byte. */
static inline int lit_matches_short(const lit_index *x, const lit_entry *e, const char *t)
{
    const unsigned char *u = (const unsigned char *)t;
    const char *lit = x->pool + e->text;
    for (uint32_t k = 0; k < e->len; k++)
        if (x->fold[u[k]] != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* Whether literal entry e occurs at t (folded): 8 bytes at a time, the last 8
 * overlapping the ones before, when it has 8 or more. */
static inline int lit_matches(const lit_index *x, const lit_entry *e, const char *t)
{
    const char *lit = x->pool + e->text;
    const unsigned char *mask = x->fold_mask + e->text;
    uint32_t n = e->len;
    if (n < 8)
        return lit_matches_short(x, e, t);
    for (uint32_t k = 0; k + 8 < n; k += 8)
        if (!lit_chunk_matches(t + k, lit + k, mask + k))
            return 0;
    return lit_chunk_matches(t + n - 8, lit + n - 8, mask + n - 8);
}

/* Mark the signatures of literal entry e (found in the line) as candidates. */
static size_t lit_mark(fl_matcher *m, const lit_index *x, const lit_entry *e, size_t found)
{
    for (uint32_t k = e->out; k < e->out + e->n_out; k++) {
        uint32_t sg = x->out[k];
        if (m->seen[sg] != m->gen) {
            m->seen[sg] = m->gen;
            m->cand[found++] = sg;
        }
    }
    return found;
}

/* Mark the signatures of literal entry e when it occurs at s + start. */
static inline size_t lit_check(fl_matcher *m, const lit_index *x, const lit_entry *e, const char *s,
                               size_t start, size_t found)
{
    return (!start || !e->at_start) && lit_matches(x, e, s + start) ? lit_mark(m, x, e, found)
                                                                     : found;
}

/* Compare the literal of anchor an with the line at s + start, which holds the
 * bytes around its window (lit_verify). */
static inline size_t lit_confirm(fl_matcher *m, const lit_anchor *an,
                                  const char *s, size_t start, size_t found)
{
    const lit_index *x = m->lits;
    return lit_check(m, x, &x->entry[an->entry], s, start, found);
}

/* lit_verify's comparisons. */
static __attribute__((noinline)) size_t lit_verify_anchors(fl_matcher *m, const char *s,
                                                           size_t len, size_t i, uint32_t h,
                                                           size_t found)
{
    const lit_index *x = m->lits; /* six arguments: all in registers */
    uint32_t b = h >> x->bshift;
    const lit_anchor *an = x->anchor + x->bucket[b], *end = x->anchor + x->bucket[b + 1];
    for (; an < end; an++) {
        size_t start = i - (size_t)an->at; /* wraps around when before s: too large */
        if (an->h != h || start >= len || an->len > len - start)
            continue;
        if (an->len >= LIT_CHECK) {
            uint64_t w;
            memcpy(&w, s + start + an->ck_at, LIT_CHECK);
            if ((w | 0x2020202020202020u) != an->ck)
                continue;
        }
        found = lit_confirm(m, an, s, start, found);
    }
    return found;
}

/* Whether bit h of the bitmap is set. */
static inline int bit_set(const uint64_t *bits, uint32_t h)
{
    return bits[h / 64] >> (h % 64) & 1;
}

/* Whether the 8 bytes at s + i are in bits8 (lit_hash8). */
static inline int eight_in(const lit_index *x, const char *s, size_t i)
{
    uint64_t q;
    memcpy(&q, s + i, 8);
    return bit_set(x->bits8, lit_hash8(q | 0x2020202020202020u));
}

/* The 4-byte window at s + i (in the line) hashed to h, a bit set in the bitmap:
 * compare the literals anchored on h there, unless neither the 8 bytes from the
 * window nor the 8 ending with it are theirs (bits8; an anchor without either in
 * its literal marks h in bits_open): a window of a common word seldom has the
 * literal's bytes around it. */
static inline size_t lit_verify(fl_matcher *m, const char *s, size_t len, size_t i, uint32_t h,
                                size_t found)
{
    const lit_index *x = m->lits;
    if (!bit_set(x->bits_open, h) && !(len - i >= 8 && eight_in(x, s, i)) &&
        !(i >= 4 && eight_in(x, s, i - 4)))
        return found;
    return lit_verify_anchors(m, s, len, i, h, found);
}

/* The hash of the 4-byte window at t (lit_hash, bit 0x20 set in each byte). */
static inline uint32_t window_hash(const char *t)
{
    uint32_t w;
    memcpy(&w, t, 4);
    return lit_hash(w | 0x20202020u);
}

/* The hashes of the windows at t and t + 4 (window_hash): one 8-byte load where the
 * byte order makes its halves the two windows. */
static inline void window_pair(const char *t, uint32_t *h0, uint32_t *h1)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t q;
    memcpy(&q, t, 8);
    q |= 0x2020202020202020u;
    *h0 = lit_hash((uint32_t)q);
    *h1 = lit_hash((uint32_t)(q >> 32));
#else
    *h0 = window_hash(t);
    *h1 = window_hash(t + 4);
#endif
}

/* Whether the line s holds gate g (folded, ignoring case): memchr for its key byte
 * and the one other byte that may fold to it, then a comparison where either is. */
static int gate_present(const lit_index *x, const char *s, size_t len, const lit_gate *g)
{
    const unsigned char *lit = (const unsigned char *)x->pool + g->text;
    if (g->len > len)
        return 0;
    unsigned char lo = lit[g->key], up = lo ^ 0x20;
    int two = x->fold[up] == lo;
    /* the key byte of a gate that starts at 0 .. len - g->len */
    const char *from = s + g->key, *end = s + len - g->len + g->key + 1;
    const char *p_lo = memchr(from, lo, (size_t)(end - from));
    const char *p_up = two ? memchr(from, up, (size_t)(end - from)) : NULL;
    while (p_lo || p_up) {
        int take_lo = p_lo && (!p_up || p_lo < p_up);
        const char *q = take_lo ? p_lo : p_up;
        const unsigned char *t = (const unsigned char *)q - g->key;
        uint32_t k = 0;
        while (k < g->len && x->fold[t[k]] == lit[k])
            k++;
        if (k == g->len)
            return 1;
        if (take_lo)
            p_lo = q + 1 < end ? memchr(q + 1, lo, (size_t)(end - q - 1)) : NULL;
        else
            p_up = q + 1 < end ? memchr(q + 1, up, (size_t)(end - q - 1)) : NULL;
    }
    return 0;
}

/* Drop from m->cand[0 .. found) the signatures whose gate (lit_gate) the line does
 * not hold; returns how many are left. */
static size_t drop_gated(fl_matcher *m, const lit_index *x, const char *s, size_t len, size_t found)
{
    size_t kept = 0;
    for (size_t k = 0; k < found; k++) {
        uint32_t sg = m->cand[k];
        const lit_gate *g = &x->gate[sg];
        if (g->len && !gate_present(x, s, len, g)) {
            m->seen[sg] = m->gen - 1;
            continue;
        }
        m->cand[kept++] = sg;
    }
    return kept;
}

/* The windows at s + at, at + step, at + 2 step, at + 3 step hashed to h0 .. h3:
 * verify those whose bit is set. */
static inline __attribute__((always_inline)) size_t test_four(fl_matcher *m, const uint64_t *bits,
                                                              const char *s, size_t len, size_t at,
                                                              size_t step, uint32_t h0, uint32_t h1,
                                                              uint32_t h2, uint32_t h3, size_t found)
{
    if (bit_set(bits, h0))
        found = lit_verify(m, s, len, at, h0, found);
    if (bit_set(bits, h1))
        found = lit_verify(m, s, len, at + step, h1, found);
    if (bit_set(bits, h2))
        found = lit_verify(m, s, len, at + 2 * step, h2, found);
    if (bit_set(bits, h3))
        found = lit_verify(m, s, len, at + 3 * step, h3, found);
    return found;
}

/* LIT_STRIDE_2: the windows at even positions; then the literals of 3 bytes at the
 * line's end (their window there would pass it) and those of 1 or 2 bytes. Returns
 * the number of signatures put in m->cand. */
static size_t scan_stride_2(fl_matcher *m, const lit_index *a, const char *s, size_t len)
{
    size_t found = 0, at = 0;
    const uint64_t *bits = a->bits;
    for (; at + 10 <= len; at += 8) { /* four windows a round: less loop overhead */
        found = test_four(m, bits, s, len, at, 2, window_hash(s + at), window_hash(s + at + 2),
                          window_hash(s + at + 4), window_hash(s + at + 6), found);
    }
    for (; at + 4 <= len; at += 2) {
        uint32_t h = window_hash(s + at);
        if (bit_set(bits, h))
            found = lit_verify(m, s, len, at, h, found);
    }
    if (len >= 3)
        for (size_t k = a->n_long; k < a->n_long + a->n3; k++)
            found = lit_check(m, a, &a->entry[k], s, len - 3, found);
    for (size_t e = a->n_long + a->n3; e < a->n_entry; e++) /* literals of 1 or 2 bytes */
        for (size_t at2 = 0; at2 + a->entry[e].len <= len; at2++)
            found = lit_check(m, a, &a->entry[e], s, at2, found);
    return found;
}

/* Mark the signatures of the short literals of group g that occur in the line with
 * their key byte at `at`, where the line holds g's context. */
static size_t group_at(fl_matcher *m, const lit_index *a, const lit_group *g, const char *s,
                       size_t len, size_t at, size_t found)
{
    for (uint32_t k = g->first; k < g->first + g->n; k++) {
        const lit_entry *e = &a->entry[a->shorts[k].entry];
        size_t start = at - a->shorts[k].key; /* wraps around when before s: too large */
        if (start < len && e->len <= len - start && (!start || !e->at_start) &&
            lit_matches_short(a, e, s + start)) /* LIT_SHORT bytes or less */
            found = lit_mark(m, a, e, found);
    }
    return found;
}

/* Whether the line holds group g's context at c0 (which wraps around when before
 * s); where it does not, none of the group's literals is around. */
static inline int context_at(const lit_index *a, const lit_group *g, const char *s, size_t len,
                             size_t c0)
{
    if (c0 >= len || g->ctx_len > len - c0)
        return 0;
    uint32_t j = 0;
    while (j < g->ctx_len && a->fold[(unsigned char)s[c0 + j]] == (unsigned char)g->ctx[j])
        j++;
    return j == g->ctx_len;
}

/* Mark the signatures of the short literals of group g that occur in the line,
 * looking at each place of its key byte. */
static size_t find_group(fl_matcher *m, const lit_index *a, const lit_group *g, const char *s,
                         size_t len, size_t found)
{
    const char *from = s, *end = s + len;
    while (from < end) {
        const char *q = memchr(from, g->key, (size_t)(end - from));
        if (!q)
            break;
        size_t at = (size_t)(q - s);
        from = q + 1;
        if (context_at(a, g, s, len, at + (size_t)(ptrdiff_t)g->ctx_at))
            found = group_at(m, a, g, s, len, at, found);
    }
    return found;
}

/* LIT_STRIDE_4: the windows at every fourth position, then each short literal where
 * its key byte is. Returns the number of signatures put in m->cand. */
static size_t scan_stride_4(fl_matcher *m, const lit_index *a, const char *s, size_t len)
{
    size_t found = 0, at = 0;
    const uint64_t *bits = a->bits;
    for (; at + 16 <= len; at += 16) { /* four windows a round: less loop overhead */
        uint32_t h0, h1, h2, h3;
        window_pair(s + at, &h0, &h1);
        window_pair(s + at + 8, &h2, &h3);
        found = test_four(m, bits, s, len, at, 4, h0, h1, h2, h3, found);
    }
    if (at + 8 <= len) { /* at most three windows left: a pair, then one */
        uint32_t h0, h1;
        window_pair(s + at, &h0, &h1);
        if (bit_set(bits, h0))
            found = lit_verify(m, s, len, at, h0, found);
        if (bit_set(bits, h1))
            found = lit_verify(m, s, len, at + 4, h1, found);
        at += 8;
    }
    if (at + 4 <= len) {
        uint32_t h = window_hash(s + at);
        if (bit_set(bits, h))
            found = lit_verify(m, s, len, at, h, found);
    }
    for (const lit_group *g = a->groups, *gend = g + a->n_group; g < gend; g++)
        found = find_group(m, a, g, s, len, found);
    return found;
}

#if defined(__x86_64__) && defined(__GNUC__)
/* LIT_STRIDE_4 with AVX2, 32 bytes of the line a block: the hashes of its eight
 * windows at every fourth position (lit_hash on each 32-bit lane) tested in the
 * bitmap by one gather, and the pair of the first group (lit_group) compared at
 * the block's 32 places, in place of its memchr pass and a context check wherever
 * its key byte is (the other groups keep theirs: a second pair cost more on every
 * block than the memchr pass saves). A block reads 33 bytes. */
#define BLOCK_READ 33

/* A line's scan, for block_found. */
typedef struct block_scan {
    fl_matcher *m;
    const char *s;
    size_t len, found;
} block_scan;

/* What the bitmap and the compares let through in the block at p0: the windows
 * of win's bits (bit k: the one at p0 + 4k, hashed to hs[k]) and the places of
 * the first group's pair (bit i: at p0 + i). Out of line: most blocks have
 * none. */
static __attribute__((noinline)) void block_found(block_scan *b, size_t p0, unsigned win,
                                                  const uint32_t *hs, uint32_t pair)
{
    const lit_index *a = b->m->lits;
    for (; win; win &= win - 1) {
        unsigned k = (unsigned)__builtin_ctz(win);
        b->found = lit_verify(b->m, b->s, b->len, p0 + 4 * k, hs[k], b->found);
    }
    const lit_group *g = a->groups;
    for (; pair; pair &= pair - 1) {
        size_t c0 = p0 + (unsigned)__builtin_ctz(pair) - g->pair_at; /* wraps around */
        if (context_at(a, g, b->s, b->len, c0))
            b->found = group_at(b->m, a, g, b->s, b->len, c0 - (size_t)(ptrdiff_t)g->ctx_at,
                                b->found);
    }
}

/* The block at t (BLOCK_READ bytes readable): *h the hashes of its windows,
 * returns the mask of those whose bit is set; *pair: the places of the first
 * group's pair there (when paired, else 0). */
__attribute__((target("avx2"), always_inline)) static inline unsigned
block_masks(const unsigned char *t, const lit_index *a, int paired, __m256i *h, uint32_t *pair)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)t);
    __m256i w = _mm256_or_si256(v, _mm256_set1_epi32(0x20202020));
    *h = _mm256_srli_epi32(_mm256_mullo_epi32(w, _mm256_set1_epi32((int)0x9e3779b1u)),
                           32 - LIT_HASH_BITS);
    /* bit h of the bitmap: bit h % 32 of its 32-bit word h / 32 (little-endian) */
    __m256i word = _mm256_i32gather_epi32((const int *)a->bits, _mm256_srli_epi32(*h, 5), 4);
    __m256i top = _mm256_sllv_epi32(word, _mm256_andnot_si256(*h, _mm256_set1_epi32(31)));
    *pair = 0;
    if (paired) {
        const __m256i *pv = (const __m256i *)a->groups[0].pair_vec;
        __m256i next = _mm256_loadu_si256((const __m256i *)(t + 1));
        __m256i e0 = _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_loadu_si256(pv)),
                                       _mm256_loadu_si256(pv + 1));
        __m256i e1 = _mm256_cmpeq_epi8(_mm256_or_si256(next, _mm256_loadu_si256(pv + 2)),
                                       _mm256_loadu_si256(pv + 3));
        *pair = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(e0, e1));
    }
    return (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(top));
}

/* scan_stride_4 by blocks (block_masks; paired: the index has a group): at each
 * 32 bytes while BLOCK_READ are the line's, then one ending where the line does,
 * kept to the windows and places the ones before did not reach (the line may end
 * where its buffer does); a line shorter than that copied into zeroes first. The
 * groups past the first by find_group. */
__attribute__((target("avx2"), always_inline)) static inline size_t
scan_blocks(fl_matcher *m, const lit_index *a, const char *s, size_t len, int paired)
{
    block_scan b = {m, s, len, 0};
    uint32_t hs[8], pair;
    __m256i h;
    const unsigned char *u = (const unsigned char *)s;
    if (len >= BLOCK_READ) {
        size_t p0 = 0;
        for (; p0 + BLOCK_READ <= len; p0 += 32) {
            unsigned win = block_masks(u + p0, a, paired, &h, &pair);
            if (__builtin_expect((win | pair) != 0, 0)) {
                _mm256_storeu_si256((__m256i *)hs, h);
                block_found(&b, p0, win, hs, pair);
            }
        }
        /* the last block: windows after p0 - 4 (tested), places from p0 */
        size_t q = len - BLOCK_READ, d = p0 - q; /* 1 .. 32 */
        unsigned win = block_masks(u + q, a, paired, &h, &pair) & (0xffu << (d / 4));
        pair &= d < 32 ? ~0u << d : 0;
        if (win | pair) {
            _mm256_storeu_si256((__m256i *)hs, h);
            block_found(&b, q, win, hs, pair);
        }
    } else if (len > 0) {
        unsigned char t[64];
        _mm256_storeu_si256((__m256i *)t, _mm256_setzero_si256());
        _mm256_storeu_si256((__m256i *)(t + 32), _mm256_setzero_si256());
        memcpy(t, s, len);
        unsigned win = block_masks(t, a, paired, &h, &pair) & ((1u << (len / 4)) - 1);
        if (paired) { /* the places where the pair is in the line */
            size_t places = len + 1 - a->groups[0].pair_len;
            pair &= places < 32 ? (1u << places) - 1 : ~0u;
        }
        if (win | pair) {
            _mm256_storeu_si256((__m256i *)hs, h);
            block_found(&b, 0, win, hs, pair);
        }
    }
    for (const lit_group *g = a->groups + paired; g < a->groups + a->n_group; g++)
        b.found = find_group(m, a, g, s, len, b.found);
    return b.found;
}

__attribute__((target("avx2"))) static size_t scan_stride_4_avx2(fl_matcher *m,
                                                                 const lit_index *a,
                                                                 const char *s, size_t len)
{
    return a->n_group ? scan_blocks(m, a, s, len, 1) : scan_blocks(m, a, s, len, 0);
}
#endif

/* FL_PREFILTER_AUTOMATON: one pass over the line. Afterwards m->seen[i] == m->gen
 * for every signature i that the prefilter lets through: one of its indexed
 * literals occurs in the line (ignoring case) and so does its gate, or it has no
 * literal; m->cand holds them in library order; returns their count. */
static inline __attribute__((always_inline)) size_t lit_scan(fl_matcher *m, const lit_index *a, const char *s,
                                                        size_t len)
{
    if (++m->gen == 0) { /* wrapped: forget every old mark */
        memset(m->seen, 0, (m->p->n + 1) * sizeof *m->seen);
        m->gen = 1;
    }
    size_t found;
#if defined(__x86_64__) && defined(__GNUC__)
    if (a->stride == LIT_STRIDE_4 && m->avx2)
        found = scan_stride_4_avx2(m, a, s, len);
    else
#endif
        found = a->stride == LIT_STRIDE_4 ? scan_stride_4(m, a, s, len)
                                          : scan_stride_2(m, a, s, len);
    if (a->n_gate && found)
        found = drop_gated(m, a, s, len, found);
    /* Few candidates as a rule: insertion sort, then merge in the literal-less ones. */
    for (size_t i = 1; i < found; i++) {
        uint32_t v = m->cand[i];
        size_t j = i;
        for (; j > 0 && m->cand[j - 1] > v; j--)
            m->cand[j] = m->cand[j - 1];
        m->cand[j] = v;
    }
    if (a->n_always) {
        size_t i = found, j = a->n_always, k = found + a->n_always;
        while (j > 0) { /* merge from the back: cand has room for every signature */
            if (i > 0 && m->cand[i - 1] > a->always[j - 1])
                m->cand[--k] = m->cand[--i];
            else
                m->seen[m->cand[--k] = a->always[--j]] = m->gen;
        }
        found += a->n_always;
    }
    return found;
}

/* Whether the prefilter lets signature i through (after lit_scan when the mode
 * is FL_PREFILTER_AUTOMATON). */
static int prefilter_pass(fl_matcher *m, size_t i, const char *s, size_t len, int *lowered)
{
    const sig *sg = &m->p->sigs[i];
    switch (m->mode) {
    case FL_PREFILTER_OFF: return 1;
    case FL_PREFILTER_LITERALS: return literal_present(m, sg, s, len, lowered);
    case FL_PREFILTER_AUTOMATON: return m->seen[i] == m->gen;
    }
    return 1;
}

/* Whether signature i runs JIT code (fl_patterns_jit_ready, remembered by the
 * matcher once known). */
static int sig_jit(fl_matcher *m, size_t i)
{
    if (!m->jit[i])
        m->jit[i] = fl_patterns_jit_ready(m->p, &m->p->sigs[i]) ? JIT_ON : JIT_OFF;
    return m->jit[i] == JIT_ON;
}

/* Whether signature i matches s; a match stopped by a limit is no match, and sets
 * *limited. */
static int sig_match(fl_matcher *m, size_t i, const char *s, size_t len, int *limited)
{
    const sig *sg = &m->p->sigs[i];
    int rc = sig_jit(m, i) ? pcre2_jit_match(sg->code, (PCRE2_SPTR)s, len, 0, 0, m->md, m->mc)
                                 : pcre2_match(sg->code, (PCRE2_SPTR)s, len, 0, 0, m->md, m->mc);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
        rc == PCRE2_ERROR_JIT_STACKLIMIT)
        *limited = 1;
    return rc >= 0;
}

uint64_t fl_matcher_limited(const fl_matcher *m)
{
    return m->limited;
}

/* The literal index of a matcher in FL_PREFILTER_AUTOMATON mode (NULL in the other
 * modes); without one it falls back to the literals. */
static const lit_index *matcher_lit_index(fl_matcher *m)
{
    if (m->mode != FL_PREFILTER_AUTOMATON)
        return NULL;
    if (m->lits)
        return m->lits;
    const lit_index *a = fl_patterns_lit_index(m->p);
    if (!a)
        m->mode = FL_PREFILTER_LITERALS;
    m->lits = a; /* built once, never changes: no more atomic loads */
    return a;
}

size_t fl_matcher_run(fl_matcher *m, const char *s, size_t len, uint32_t *hits,
                      size_t max_hits)
{
    const fl_patterns *p = m->p;
    size_t found = 0;
    int lowered = 0, limited = 0;
    if (!s)
        s = "";
    const lit_index *a = matcher_lit_index(m);
    if (a) {
        size_t nc = lit_scan(m, a, s, len);
        for (size_t k = 0; k < nc; k++) {
            uint32_t i = m->cand[k];
            if (!sig_match(m, i, s, len, &limited))
                continue;
            if (found < max_hits)
                hits[found] = i;
            found++;
        }
    } else {
        for (size_t i = 0; i < p->n; i++) {
            if (!prefilter_pass(m, i, s, len, &lowered) || !sig_match(m, i, s, len, &limited))
                continue;
            if (found < max_hits)
                hits[found] = (uint32_t)i;
            found++;
        }
    }
    m->limited += (uint64_t)limited;
    return found;
}

int fl_matcher_test(fl_matcher *m, size_t i, const char *s, size_t len)
{
    int lowered = 0;
    if (i >= m->p->n)
        return 0;
    if (!s)
        s = "";
    const lit_index *a = matcher_lit_index(m);
    if (a)
        lit_scan(m, a, s, len);
    int limited = 0;
    int hit = prefilter_pass(m, i, s, len, &lowered) && sig_match(m, i, s, len, &limited);
    m->limited += (uint64_t)limited;
    return hit;
}
