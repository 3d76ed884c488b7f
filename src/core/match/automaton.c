/* automaton.c: the index of the signatures' literals (patterns_int.h; it replaced an
 * Aho-Corasick automaton, hence the file's name), and the lazily built, shared
 * parts of a library (the literal index, each regex's JIT code),
 * made on first use under the library's lock. */
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the literal index ------------------------------------------------------------ */

/* How common byte b (folded) looks in log text, to pick rare anchors: letters by
 * their English frequency, then spaces, digits and the usual punctuation. A guess
 * that only affects speed. */
static unsigned byte_cost(unsigned char b)
{
    static const char letters[] = "zqjxkvbywgpfmucdlhrsnioate"; /* rarest first */
    const char *at = b ? strchr(letters, b) : NULL;
    if (at)
        return (unsigned)(at - letters) + 1;
    if (b == ' ')
        return 30;
    if (b >= '0' && b <= '9')
        return 12;
    if (b && strchr(".:/-_=,\"[]()", b))
        return 10;
    return 2;
}

/* The hash of the 4-byte anchor at s. */
static uint32_t anchor_hash(const unsigned char *s)
{
    uint32_t w;
    memcpy(&w, s, 4);
    return lit_hash(w | 0x20202020u);
}

/* A signature's folded literal, for sorting equal literals together. */
typedef struct lit_key {
    const char *text;
    uint32_t len, sig;
    uint32_t at_start;          /* lit_entry's */
} lit_key;

static int lit_key_cmp(const void *pa, const void *pb)
{
    const lit_key *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->text, b->text, n);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    if (a->at_start != b->at_start)
        return a->at_start < b->at_start ? -1 : 1;
    return a->sig < b->sig ? -1 : a->sig > b->sig;
}

/* How often each 4-byte window (by hash) occurs in the library's examples, p's
 * match: and no-match: lines: log text of the kinds the signatures look at, where
 * words such as "lock" or "ing " are common whichever literal holds them. */
static void count_windows(const fl_patterns *p, uint16_t *freq)
{
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *in = &p->sigs[i].info;
        for (size_t k = 0; k < in->n_examples; k++) {
            const unsigned char *t = (const unsigned char *)in->examples[k].text;
            size_t n = strlen((const char *)t);
            for (size_t j = 0; j + 4 <= n; j++) {
                uint32_t h = anchor_hash(t + j);
                if (freq[h] < UINT16_MAX)
                    freq[h]++;
            }
        }
    }
}

/* Words common in most logs whatever the signatures look for (the examples hold
 * few lines of the kinds no signature matches): each window of " word " counts as
 * seen COMMON_WEIGHT times (an example's window, a few times), so that anchors
 * avoid " blo" (block), "fail", " sta". */
static const char *const common_words[] = {
    "failed", "failure", "fail", "error", "errors", "warning", "warn", "info", "debug",
    "started", "starting", "start", "stopped", "stopping", "status", "state", "stats",
    "completed", "complete", "connection", "connections", "connected", "connect",
    "closed", "close", "accepted", "accept", "received", "receive", "request",
    "response", "sending", "sent", "block", "blocked", "blocks", "service", "server",
    "session", "process", "processing", "user", "invalid", "timeout", "port", "node",
    "from", "for", "with", "the", "and", "not", "could", "be", "is", "was", "has",
    "been", "to", "of", "in", "on", "at", "by", "new", "retry", "retrying", "attempt",
    "ready", "deploy", "deployed", "deploying", "update", "updated", "changed",
    "shutdown", "running", "worker", "task", "query", "cache", "memory", "file",
    "path", "read", "write", "unable", "cannot", "exception", "signal", "exit",
    "exited", "code", "client", "host", "address", "preauth", "replica", "fetch",
    "order", "orders", "api", "after", "before", "size", "time", "data", "version",
};
#define COMMON_WEIGHT 128

static void count_common_words(uint16_t *freq)
{
    for (size_t i = 0; i < sizeof common_words / sizeof *common_words; i++) {
        unsigned char t[24];
        size_t n = strlen(common_words[i]);
        t[0] = ' ';
        memcpy(t + 1, common_words[i], n);
        t[n + 1] = ' ';
        for (size_t j = 0; j + 4 <= n + 2; j++) {
            uint32_t h = anchor_hash(t + j);
            freq[h] = freq[h] > UINT16_MAX - COMMON_WEIGHT ? UINT16_MAX : freq[h] + COMMON_WEIGHT;
        }
    }
}

/* How often each byte (folded) is in one of p's example lines, on average: log
 * text of the kinds the signatures look at; 1 for all when there are none. */
static void bytes_per_line(const fl_patterns *p, const lit_index *x, double *per_line)
{
    size_t lines = 0, count[256] = {0};
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *in = &p->sigs[i].info;
        for (size_t k = 0; k < in->n_examples; k++, lines++)
            for (const unsigned char *t = (const unsigned char *)in->examples[k].text; *t; t++)
                count[x->fold[*t]]++;
    }
    for (int c = 0; c < 256; c++)
        per_line[c] = lines ? (double)count[c] / (double)lines : 1.0;
}

/* The cost of anchoring on a window (rarest_run): how often it occurs in the examples
 * (freq) and how many literals are anchored on its hash already (used; each is
 * compared on every hit), then byte_cost. */
/* Add the anchor of entry e at offset at (from the literal's start; -1: the window
 * starts one byte before it) on the window w. */
static void add_anchor(lit_index *x, size_t *n, size_t e, int32_t at, const unsigned char *w,
                       uint16_t *used)
{
    uint32_t h = anchor_hash(w);
    lit_anchor *an = &x->anchor[(*n)++];
    uint32_t len = x->entry[e].len; /* at most MAX_LITERAL */
    *an = (lit_anchor){.h = h, .at = at, .entry = (uint32_t)e, .len = (uint16_t)len};
    if (len >= LIT_CHECK) { /* the window and two bytes before it, within the literal */
        int32_t c0 = at - 2 < 0 ? 0 : at - 2;
        an->ck_at = (uint16_t)((uint32_t)c0 + LIT_CHECK <= len ? (uint32_t)c0 : len - LIT_CHECK);
        memcpy(&an->ck, x->pool + x->entry[e].text + an->ck_at, LIT_CHECK);
        an->ck |= 0x2020202020202020u;
    }
    if (used[h] < UINT16_MAX)
        used[h]++;
}

/* Add the anchors of a literal of 3 or 4 bytes: every window that holds its first
 * three bytes at offset at (0: "abc?", -1: "?abc"). */
static void add_short_anchors(lit_index *x, size_t *n, size_t e, int32_t at, uint16_t *used)
{
    unsigned char w[4];
    memcpy(w + (at < 0), x->pool + x->entry[e].text, 3);
    for (int b = 0x20; b < 256; b = (b + 1) | 0x20) { /* the hash sets bit 0x20 */
        w[at < 0 ? 0 : 3] = (unsigned char)b;
        add_anchor(x, n, e, at, w, used);
    }
}

/* Set the bitmaps' bits of the n anchors. */
static void set_bits(lit_index *x, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const lit_anchor *an = &x->anchor[k];
        x->bits[an->h / 64] |= (uint64_t)1 << (an->h % 64);
        int after = an->at >= 0 && (uint32_t)an->at + 8 <= an->len;
        if (after || an->at >= 4) {
            uint64_t q;
            memcpy(&q, x->pool + x->entry[an->entry].text + an->at - (after ? 0 : 4), 8);
            uint32_t h8 = lit_hash8(q | 0x2020202020202020u);
            x->bits8[h8 / 64] |= (uint64_t)1 << (h8 % 64);
        } else {
            x->bits_open[an->h / 64] |= (uint64_t)1 << (an->h % 64);
        }
    }
}

/* The offset k of the run of r windows of literal t (len bytes, at most MAX_LITERAL)
 * that looks rarest (window_cost, each window's computed once), among those
 * starting at 0 .. len - r - 3. */
static uint32_t rarest_run(const unsigned char *t, uint32_t len, uint32_t r, const uint16_t *freq,
                           const uint16_t *used)
{
    unsigned bc[MAX_LITERAL], wc[MAX_LITERAL];
    for (uint32_t k = 0; k < len; k++)
        bc[k] = byte_cost(t[k]);
    for (uint32_t k = 0; k + 4 <= len; k++) /* window_cost */
        wc[k] = 64u * (freq[anchor_hash(t + k)] + used[anchor_hash(t + k)]) + bc[k] + bc[k + 1] +
                bc[k + 2] + bc[k + 3];
    unsigned best = UINT32_MAX;
    uint32_t at = 0;
    for (uint32_t k = 0; k + r + 3 <= len; k++) {
        unsigned c = 0;
        for (uint32_t j = 0; j < r; j++)
            c += wc[k + j];
        if (c < best) {
            best = c;
            at = k;
        }
    }
    return at;
}

/* LIT_STRIDE_2: anchor every literal on two windows that start one byte apart, so
 * that a scan of the windows at even positions meets one of them wherever the
 * literal is. A literal of 5 bytes or more takes the pair of its windows that looks
 * rarest; one of 4 bytes its window and the windows that start one byte before it;
 * one of 3 bytes the windows that start with it or one byte before it. Fills
 * x->anchor (room: anchor_room), unsorted, and the bitmap; returns the number of
 * anchors. */
static size_t choose_anchors_2(lit_index *x, const uint16_t *freq, uint16_t *used)
{
    size_t n = 0;
    for (size_t e = 0; e < x->n_long + x->n3; e++) {
        const lit_entry *le = &x->entry[e];
        const unsigned char *t = (const unsigned char *)x->pool + le->text;
        if (le->len <= 4) {
            if (le->len == 4)
                add_anchor(x, &n, e, 0, t, used);
            else
                add_short_anchors(x, &n, e, 0, used);
            add_short_anchors(x, &n, e, -1, used);
            continue;
        }
        uint32_t at = rarest_run(t, le->len, 2, freq, used);
        add_anchor(x, &n, e, (int32_t)at, t + at, used);
        add_anchor(x, &n, e, (int32_t)at + 1, t + at + 1, used);
    }
    set_bits(x, n);
    return n;
}

/* LIT_STRIDE_4: anchor every literal of LIT_SHORT + 1 bytes or more on four windows
 * that start one byte apart, so that a scan of the windows at every fourth position
 * meets one of them wherever the literal is: for 7 bytes or more, the run of its
 * windows that looks rarest; for 6, the windows that start one byte before it and
 * its three. Shorter ones are looked for by their key byte (lit_short). */
static size_t choose_anchors_4(lit_index *x, const uint16_t *freq, uint16_t *used)
{
    size_t n = 0;
    for (size_t e = 0; e < x->n_long; e++) {
        const lit_entry *le = &x->entry[e];
        const unsigned char *t = (const unsigned char *)x->pool + le->text;
        if (le->len <= LIT_SHORT)
            continue;
        if (le->len == LIT_SHORT + 1) {
            add_short_anchors(x, &n, e, -1, used);
            for (uint32_t k = 0; k < 3; k++)
                add_anchor(x, &n, e, (int32_t)k, t + k, used);
            continue;
        }
        uint32_t at = rarest_run(t, le->len, 4, freq, used);
        for (uint32_t k = 0; k < 4; k++)
            add_anchor(x, &n, e, (int32_t)(at + k), t + at + k, used);
    }
    set_bits(x, n);
    return n;
}

/* Room for the anchors of choose_anchors_2 or _4. */
static size_t anchor_room(const lit_index *x)
{
    size_t n = 1;
    for (size_t e = 0; e < x->n_long + x->n3; e++)
        n += x->entry[e].len > 4 ? 4 + 128 : 256;
    return n;
}

/* Whether no byte other than c folds to c (then memchr finds c wherever a folded
 * literal holding it is, in any case). */
static int folds_alone(const lit_index *x, unsigned char c)
{
    for (int b = 0; b < 256; b++)
        if (b != c && x->fold[b] == c)
            return 0;
    return 1;
}

/* The offset in literal e of byte c, or -1. */
static int offset_of(const lit_index *x, const lit_entry *e, unsigned char c)
{
    const char *t = x->pool + e->text;
    for (uint32_t k = 0; k < e->len; k++)
        if ((unsigned char)t[k] == c)
            return (int)k;
    return -1;
}

/* The bytes around the key byte that all the literals of group g hold there (at
 * most 4, the key byte among them): g->ctx, from g->ctx_at relative to the key. */
static void group_context(const lit_index *x, lit_group *g)
{
    int lo = 0, hi = 0; /* the context: key + lo .. key + hi */
    for (;;) {
        int grew = 0;
        for (int side = 0; side < 2 && hi - lo + 1 < 4; side++) {
            int at = side ? hi + 1 : lo - 1, same = 1;
            unsigned char c = 0;
            for (uint32_t k = g->first; k < g->first + g->n && same; k++) {
                const lit_entry *e = &x->entry[x->shorts[k].entry];
                long p = (long)x->shorts[k].key + at;
                if (p < 0 || p >= (long)e->len) {
                    same = 0;
                    break;
                }
                unsigned char b = (unsigned char)x->pool[e->text + p];
                same = k == g->first || b == c;
                c = b;
            }
            if (same) {
                if (side)
                    hi = at;
                else
                    lo = at;
                grew = 1;
            }
        }
        if (!grew || hi - lo + 1 >= 4)
            break;
    }
    const lit_entry *e0 = &x->entry[x->shorts[g->first].entry];
    g->ctx_at = lo;
    g->ctx_len = (uint32_t)(hi - lo + 1);
    memcpy(g->ctx, x->pool + e0->text + x->shorts[g->first].key + lo, g->ctx_len);
}

/* The pair of adjacent bytes of g's context that looks rarest (byte_cost; the
 * key alone when the context is one byte), and its vectors (lit_group). */
static void group_pair(const lit_index *x, lit_group *g)
{
    const unsigned char *c = (const unsigned char *)g->ctx;
    g->pair_at = 0;
    g->pair_len = g->ctx_len < 2 ? g->ctx_len : 2;
    for (uint32_t k = 1; k + 2 <= g->ctx_len; k++)
        if (byte_cost(c[k]) + byte_cost(c[k + 1]) <
            byte_cost(c[g->pair_at]) + byte_cost(c[g->pair_at + 1]))
            g->pair_at = k;
    for (uint32_t j = 0; j < 2; j++) {
        unsigned char b = j < g->pair_len ? c[g->pair_at + j] : 0xff;
        unsigned char f = j >= g->pair_len ? 0xff : x->fold[b ^ 0x20] == b ? 0x20 : 0;
        memset(g->pair_vec[2 * j], f, sizeof g->pair_vec[0]);
        memset(g->pair_vec[2 * j + 1], b, sizeof g->pair_vec[0]);
    }
}

/* LIT_STRIDE_4 when every literal of LIT_SHORT bytes or less holds a byte that
 * folds alone, else LIT_STRIDE_2. The short literals are then grouped by a key
 * byte, so that one memchr pass per group finds them all: greedily the byte that
 * costs least for the literals that hold it (per_line: how often each byte is in a
 * line of the examples). Returns 0 when out of memory. */
static int choose_stride(lit_index *x, const double *per_line)
{
    x->stride = LIT_STRIDE_2;
    x->n_short = x->n_group = 0;
    x->shorts = malloc((x->n_entry + 1) * sizeof *x->shorts);
    x->groups = malloc((x->n_entry + 1) * sizeof *x->groups);
    unsigned char *left = calloc(x->n_entry + 1, 1); /* short, not in a group yet */
    if (!x->shorts || !x->groups || !left) {
        free(left);
        return 0;
    }
    size_t n_left = 0;
    for (size_t e = 0; e < x->n_entry; e++) {
        if (x->entry[e].len > LIT_SHORT)
            continue;
        int ok = 0;
        for (uint32_t k = 0; k < x->entry[e].len && !ok; k++)
            ok = folds_alone(x, (unsigned char)x->pool[x->entry[e].text + k]);
        if (!ok) {
            free(left);
            return 1;
        }
        left[e] = 1;
        n_left++;
    }
    while (n_left > 0) {
        size_t count[256] = {0};
        for (size_t e = 0; e < x->n_entry; e++)
            for (int c = 0; c < 256 && left[e]; c++)
                count[c] += offset_of(x, &x->entry[e], (unsigned char)c) >= 0;
        /* A pass costs about as much as 4 compares; each literal of the group is
         * compared wherever the key byte is (per_line: how often, in the examples). */
        int key = -1;
        double best = 0;
        for (int c = 0; c < 256; c++) {
            if (!count[c] || !folds_alone(x, (unsigned char)c))
                continue;
            double cost = per_line[c] + 4.0 / (double)count[c];
            if (key < 0 || cost < best) {
                best = cost;
                key = c;
            }
        }
        lit_group *g = &x->groups[x->n_group++];
        *g = (lit_group){.key = (unsigned char)key, .first = (uint32_t)x->n_short, .n = 0};
        for (size_t e = 0; e < x->n_entry; e++) {
            int k = left[e] ? offset_of(x, &x->entry[e], (unsigned char)key) : -1;
            if (k < 0)
                continue;
            x->shorts[x->n_short++] = (lit_short){(uint32_t)e, (uint32_t)k};
            g->n++;
            left[e] = 0;
            n_left--;
        }
        group_context(x, g);
        group_pair(x, g);
    }
    free(left);
    x->stride = LIT_STRIDE_4;
    return 1;
}

/* Sort the n anchors into buckets by hash. Returns 0 when out of memory. */
static int bucket_anchors(lit_index *x, size_t n)
{
    size_t nb = 16;
    x->bshift = LIT_HASH_BITS - 4;
    while (nb < 4 * n && x->bshift > 0) { /* a hit's bucket seldom holds another hash */
        nb *= 2;
        x->bshift--;
    }
    x->bucket = calloc(nb + 1, sizeof *x->bucket);
    uint32_t *slot = malloc((nb + 1) * sizeof *slot);
    lit_anchor *sorted = malloc((n + 1) * sizeof *sorted);
    if (!x->bucket || !slot || !sorted) {
        free(slot);
        free(sorted);
        return 0;
    }
    for (size_t k = 0; k < n; k++)
        x->bucket[(x->anchor[k].h >> x->bshift) + 1]++;
    for (size_t b = 0; b < nb; b++)
        x->bucket[b + 1] += x->bucket[b];
    memcpy(slot, x->bucket, nb * sizeof *slot); /* next free slot of each bucket */
    for (size_t k = 0; k < n; k++)
        sorted[slot[x->anchor[k].h >> x->bshift]++] = x->anchor[k];
    free(x->anchor);
    x->anchor = sorted;
    free(slot);
    return 1;
}

/* One entry per distinct literal of keys (sorted, n_lit of them): those of 4 bytes
 * or more, of 3, of 1 or 2. */
static void make_entries(lit_index *x, const lit_key *keys, size_t n_lit)
{
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < n_lit; i++) {
            if ((keys[i].len >= 4 ? 0 : keys[i].len == 3 ? 1 : 2) != pass)
                continue;
            lit_entry *last = x->n_entry ? &x->entry[x->n_entry - 1] : NULL;
            if (i > 0 && keys[i].len == keys[i - 1].len && keys[i].at_start == keys[i - 1].at_start &&
                memcmp(keys[i].text, keys[i - 1].text, keys[i].len) == 0) { /* a shared literal */
                if (keys[i].sig != keys[i - 1].sig) /* not one signature's twice */
                    x->out[last->out + last->n_out++] = keys[i].sig;
                continue;
            }
            uint32_t o = last ? last->out + last->n_out : 0;
            x->out[o] = keys[i].sig;
            x->entry[x->n_entry++] = (lit_entry){.text = (uint32_t)(keys[i].text - x->pool),
                                                 .len = keys[i].len, .out = o, .n_out = 1,
                                                 .at_start = keys[i].at_start};
        }
        if (pass == 0)
            x->n_long = x->n_entry;
        else if (pass == 1)
            x->n3 = x->n_entry - x->n_long;
    }
}

/* ---- literals per alternative ------------------------------------------------------ */

/* A regex of top-level alternatives a|b|c matches only where one of them matches, so
 * the line holds one of their literals: a set that is often far rarer than one
 * literal common to all (given by `literal:`), or that exists where none does. The
 * regex is cut at its top-level bars by literal.c's own reading of escapes, classes
 * and groups (fl_re_*_len); each part then goes through fl_patterns_extract_literal. */
#define MAX_ALTERNATIVES 16

/* Whether re holds a construct whose reach the cutting above does not follow:
 * quoting (\Q..\E), comments and extended mode (where '#' starts a comment that
 * may hold brackets), callouts with text, verbs such as (*ACCEPT), option resets,
 * \p and \P (whose one-letter form literal.c reads as a literal), non-ASCII bytes. */
static int re_unsplittable(const char *re)
{
    static const char *const refused[] = {"\\Q", "\\E", "(?#", "(?^", "(?-", "(?C", "(*",
                                          "\\p", "\\P"};
    for (size_t k = 0; k < sizeof refused / sizeof *refused; k++)
        if (strstr(re, refused[k]))
            return 1;
    for (const char *q = re; *q; q++) {
        if ((unsigned char)*q >= 0x80)
            return 1;
        if (q[0] == '(' && q[1] == '?') { /* options: x anywhere among them */
            const char *o = q + 2;
            while (*o && strchr("imnsxUJ", *o)) {
                if (*o == 'x')
                    return 1;
                o++;
            }
        }
    }
    return 0;
}

/* Cut re[from, to) (the whole regex or a group's contents) at its bars outside
 * groups and classes into at most max parts [at[k], end[k]); returns their number,
 * 0 when there are more. */
static size_t top_alternatives(const char *re, size_t from, size_t to, size_t *at, size_t *end,
                               size_t max)
{
    size_t n = 0, i = from, start = from;
    for (;;) {
        if (i >= to || re[i] == '|') {
            if (n == max)
                return 0;
            at[n] = start;
            end[n++] = i < to ? i : to;
            if (i >= to)
                return n;
            start = ++i;
        } else {
            i += fl_re_item_len(re + i);
        }
    }
}

/* The literal every match of re[from, to) holds (fl_patterns_extract_literal) into
 * lit (MAX_LITERAL + 1 bytes); returns its length. scratch: room for the regex. */
static size_t part_literal(const char *re, size_t from, size_t to, int caseless, char *scratch,
                           char *lit)
{
    memcpy(scratch, re + from, to - from);
    scratch[to - from] = 0;
    return fl_patterns_extract_literal(scratch, caseless, lit, MAX_LITERAL + 1, NULL);
}

/* A set of literals one of which every match of a part of a regex holds. */
typedef struct lit_set {
    size_t n, shortest;
    uint32_t len[MAX_ALTERNATIVES];
    char text[MAX_ALTERNATIVES][MAX_LITERAL + 1];
} lit_set;

/* The literals of the alternatives of re[from, to) into *set; 0 when one has none
 * of MIN_AUTO_LITERAL bytes or more, or there are too many. */
static int alternatives_set(const char *re, size_t from, size_t to, int caseless, char *scratch,
                            lit_set *set)
{
    size_t at[MAX_ALTERNATIVES], end[MAX_ALTERNATIVES];
    set->n = top_alternatives(re, from, to, at, end, MAX_ALTERNATIVES);
    set->shortest = SIZE_MAX;
    for (size_t k = 0; k < set->n; k++) {
        size_t len = part_literal(re, at[k], end[k], caseless, scratch, set->text[k]);
        if (len < MIN_AUTO_LITERAL)
            return 0;
        set->len[k] = (uint32_t)len;
        set->shortest = len < set->shortest ? len : set->shortest;
    }
    return set->n > 0;
}

/* The literals of re[from, to) with the group re[g0, g1) (of g0 + open .. g1 - 1,
 * followed by no quantifier) replaced by each of its alternatives in turn: A(B|C)D
 * matches what ABD or ACD does, whose literals may join the group's text to its
 * neighbours' ("deploy(?:ing|ed) " holds "deploying " or "deployed "). 0 as in
 * alternatives_set. */
static int expanded_set(const char *re, size_t from, size_t to, size_t g0, size_t open, size_t g1,
                        int caseless, char *scratch, lit_set *set)
{
    size_t at[MAX_ALTERNATIVES], end[MAX_ALTERNATIVES];
    set->n = top_alternatives(re, g0 + open, g1 - 1, at, end, MAX_ALTERNATIVES);
    set->shortest = SIZE_MAX;
    char *text = scratch + (to - from) + 1; /* scratch holds twice the regex */
    for (size_t k = 0; k < set->n; k++) {
        size_t n = 0;
        memcpy(text + n, re + from, g0 - from), n += g0 - from;
        memcpy(text + n, re + at[k], end[k] - at[k]), n += end[k] - at[k];
        memcpy(text + n, re + g1, to - g1), n += to - g1;
        size_t len = part_literal(text, 0, n, caseless, scratch, set->text[k]);
        if (len < MIN_AUTO_LITERAL)
            return 0;
        set->len[k] = (uint32_t)len;
        set->shortest = len < set->shortest ? len : set->shortest;
    }
    return set->n > 0;
}

/* An alternative's own literal this long is kept without looking into its groups. */
#define GOOD_LITERAL 8

/* The best literal set of one alternative re[from, to): its own literal, or the
 * literals of the alternatives inside one of its groups that every match goes
 * through (plain or (?: groups without a quantifier), whichever has the longest
 * shortest literal. Returns 0 when none has MIN_AUTO_LITERAL bytes or more. */
static int part_set(const char *re, size_t from, size_t to, int caseless, char *scratch,
                    lit_set *best, lit_set *tmp)
{
    best->n = 0;
    best->shortest = 0;
    size_t len = part_literal(re, from, to, caseless, scratch, best->text[0]);
    if (len >= MIN_AUTO_LITERAL) {
        best->n = 1;
        best->len[0] = (uint32_t)len;
        best->shortest = len;
    }
    for (size_t i = from; i < to;) {
        if (re[i] == '(') {
            size_t g = fl_re_group_len(re + i);
            size_t open = re[i + 1] != '?' && re[i + 1] != '*' ? 1
                          : re[i + 1] == '?' && re[i + 2] == ':' ? 3
                                                                 : 0;
            if (best->shortest < GOOD_LITERAL && open && g > open && re[i + g - 1] == ')' &&
                i + g <= to &&
                (!re[i + g] || !strchr("?*+{", re[i + g])) &&
                alternatives_set(re, i + open, i + g - 1, caseless, scratch, tmp) &&
                tmp->shortest > best->shortest)
                *best = *tmp;
            if (best->shortest < GOOD_LITERAL && open && g > open && re[i + g - 1] == ')' &&
                i + g <= to && (!re[i + g] || !strchr("?*+{", re[i + g])) &&
                expanded_set(re, from, to, i, open, i + g, caseless, scratch, tmp) &&
                tmp->shortest > best->shortest)
                *best = *tmp;
            i += g;
        } else {
            i += fl_re_item_len(re + i);
        }
    }
    return best->n > 0;
}

/* Whether re may set multiline mode inline ((?m), where ^ also matches after a
 * newline). */
static int re_multiline(const char *re)
{
    for (const char *q = strstr(re, "(?"); q; q = strstr(q + 2, "(?")) {
        const char *o = q + 2;
        while (*o && strchr("imnsxUJ", *o))
            if (*o++ == 'm')
                return 1;
    }
    return 0;
}

/* The text every match of the alternative re[from, to) starts with when it is
 * anchored by '^' (into lit, folded, MAX_LITERAL + 1 bytes): its plain bytes (or
 * escaped punctuation) up to the first that another construct, or a quantifier
 * allowing none, follows; a byte repeated by '+' is the last. Returns its length. */
static size_t prefix_literal(const lit_index *x, const char *re, size_t from, size_t to, char *lit)
{
    size_t i = from + 1, n = 0;
    if (re[from] != '^')
        return 0;
    while (i < to && n < MAX_LITERAL) {
        unsigned char c = (unsigned char)re[i], lc;
        size_t step = 1;
        if (isalnum(c) || (c && strchr(" _-:,;/=<>'\"@%!#&~`", c))) {
            lc = c;
        } else if (c == '\\' && i + 1 < to && re[i + 1] && !isalnum((unsigned char)re[i + 1])) {
            lc = (unsigned char)re[i + 1];
            step = 2;
        } else {
            break;
        }
        char q = i + step < to ? re[i + step] : 0;
        if (q == '?' || q == '*' || q == '{')
            break;
        lit[n++] = (char)x->fold[lc];
        i += step;
        if (q == '+')
            break;
    }
    lit[n] = 0;
    return n;
}

/* Append to pool (at *w) the folded literals that one of which every match of sg's
 * regex holds, one key each: of each top-level alternative, its set (part_set).
 * Returns how many, or 0 (nothing kept) when some alternative has none or there
 * would be more than MAX_ALTERNATIVES. scratch: room for twice the regex. */
static size_t add_alternative_keys(lit_index *x, const sig *sg, uint32_t i, lit_key *keys,
                                   size_t nk, size_t *w, char *scratch)
{
    const char *re = sg->regex;
    if (re_unsplittable(re))
        return 0;
    size_t at[MAX_ALTERNATIVES], end[MAX_ALTERNATIVES];
    size_t n = top_alternatives(re, 0, strlen(re), at, end, MAX_ALTERNATIVES), w0 = *w, added = 0;
    int multiline = re_multiline(re);
    lit_set *set = malloc(2 * sizeof *set);
    if (!set)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char pre[MAX_LITERAL + 1];
        size_t pl = multiline ? 0 : prefix_literal(x, re, at[k], end[k], pre);
        int have = part_set(re, at[k], end[k], sg->info.caseless, scratch, &set[0], &set[1]);
        if (pl >= MIN_AUTO_LITERAL && (!have || pl >= set[0].shortest || pl >= GOOD_LITERAL) &&
            added < MAX_ALTERNATIVES) { /* the start is worth more than a literal */
            memcpy(x->pool + *w, pre, pl);
            keys[nk + added++] = (lit_key){x->pool + *w, (uint32_t)pl, i, 1};
            *w += pl;
            continue;
        }
        if (!have || added + set[0].n > MAX_ALTERNATIVES) {
            *w = w0;
            added = 0;
            break;
        }
        for (size_t j = 0; j < set[0].n; j++) {
            for (size_t c = 0; c < set[0].len[j]; c++)
                x->pool[*w + c] = (char)x->fold[(unsigned char)set[0].text[j][c]];
            keys[nk + added++] = (lit_key){x->pool + *w, set[0].len[j], i, 0};
            *w += set[0].len[j];
        }
    }
    free(set);
    return added;
}

/* Whether the folded text t (n bytes) holds the folded g (gn bytes). */
static int folded_holds(const char *t, size_t n, const char *g, size_t gn)
{
    return gn <= n && memmem(t, n, g, gn) != NULL;
}

/* The keys of signature i: the literals of its alternatives (then its `literal:`, a
 * promise of the file's, is a gate checked on the line unless each of them holds
 * it), else its literal; none makes it run on every line. */
static size_t add_sig_keys(lit_index *x, const fl_patterns *p, uint32_t i, lit_key *keys,
                           size_t nk, size_t *w, char *piece)
{
    const sig *sg = &p->sigs[i];
    const fl_signature_info *in = &sg->info;
    size_t na = add_alternative_keys(x, sg, i, keys, nk, w, piece);
    if (na && !in->literal_given)
        return na; /* an extracted literal is one every match holds: no gate */
    if (!in->literal_len) {
        if (!na)
            x->always[x->n_always++] = i;
        return na;
    }
    char *g = x->pool + *w;
    for (size_t j = 0; j < in->literal_len; j++)
        g[j] = (char)x->fold[(unsigned char)in->literal[j]];
    *w += in->literal_len;
    if (!na) {
        keys[nk] = (lit_key){g, (uint32_t)in->literal_len, i, 0};
        return 1;
    }
    int implied = 1;
    for (size_t k = 0; k < na && implied; k++)
        implied = folded_holds(keys[nk + k].text, keys[nk + k].len, g, in->literal_len);
    if (!implied) {
        uint32_t key = 0;
        for (uint32_t k = 1; k < in->literal_len; k++)
            if (byte_cost((unsigned char)g[k]) < byte_cost((unsigned char)g[key]))
                key = k;
        x->gate[i] = (lit_gate){(uint32_t)(g - x->pool), (uint32_t)in->literal_len, key};
        x->n_gate++;
    }
    return na;
}

/* Build the index of p's literals. Returns NULL when out of memory, or when tolower
 * folds some byte other than in bit 0x20 (a locale of the C library's that the
 * hashes would not follow; the matcher then searches literal by literal). */
static lit_index *lit_build(const fl_patterns *p)
{
    lit_index *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    for (int b = 0; b < 256; b++) {
        x->fold[b] = (unsigned char)tolower(b);
        if ((x->fold[b] | 0x20) != (b | 0x20) || tolower(x->fold[b]) != x->fold[b]) {
            free(x);
            return NULL;
        }
    }
    size_t total = 1, longest = 1;
    for (size_t i = 0; i < p->n; i++) {
        size_t rl = strlen(p->sigs[i].regex);
        /* its literals: at most MAX_ALTERNATIVES, each no longer than the regex */
        total += rl * MAX_ALTERNATIVES + p->sigs[i].info.literal_len;
        longest = rl + 1 > longest ? rl + 1 : longest;
    }
    size_t room = p->n * MAX_ALTERNATIVES + 1;
    lit_key *keys = malloc(room * sizeof *keys);
    uint16_t *used = calloc((size_t)2 << LIT_HASH_BITS, sizeof *used); /* and freq */
    char *piece = malloc(2 * longest); /* a part of a regex, and expanded_set's text */
    x->pool = malloc(total);
    x->out = malloc(room * sizeof *x->out);
    x->entry = malloc(room * sizeof *x->entry);
    x->always = malloc((p->n + 1) * sizeof *x->always);
    x->gate = calloc(p->n + 1, sizeof *x->gate);
    if (!keys || !used || !piece || !x->pool || !x->out || !x->entry || !x->always || !x->gate)
        goto nomem;
    size_t n_lit = 0, w = 0;
    for (size_t i = 0; i < p->n; i++)
        n_lit += add_sig_keys(x, p, (uint32_t)i, keys, n_lit, &w, piece);
    qsort(keys, n_lit, sizeof *keys, lit_key_cmp);
    x->fold_mask = malloc(w + 1);
    if (!x->fold_mask)
        goto nomem;
    for (size_t k = 0; k < w; k++) { /* pool bytes are fold's, which fold to themselves */
        unsigned char c = (unsigned char)x->pool[k];
        x->fold_mask[k] = x->fold[c ^ 0x20] == c ? 0x20 : 0;
    }
    make_entries(x, keys, n_lit);
    x->anchor = malloc(anchor_room(x) * sizeof *x->anchor);
    uint16_t *freq = used + ((size_t)1 << LIT_HASH_BITS);
    count_windows(p, freq);
    count_common_words(freq);
    double per_line[256];
    bytes_per_line(p, x, per_line);
    if (!x->anchor || !choose_stride(x, per_line))
        goto nomem;
    size_t n_anchor = x->stride == LIT_STRIDE_4 ? choose_anchors_4(x, freq, used)
                                                : choose_anchors_2(x, freq, used);
    if (!bucket_anchors(x, n_anchor))
        goto nomem;
    free(keys);
    free(used);
    free(piece);
    return x;
nomem:
    free(keys);
    free(used);
    free(piece);
    fl_lit_index_free(x);
    return NULL;
}

fl_status fl_patterns_compile(fl_patterns *p, char *err, size_t errlen)
{
    (void)err, (void)errlen; /* the literal index and the JIT code come on first use */
    p->compiled = 1;
    return FL_OK;
}

/* The lazily built parts of a library that matchers (in any thread) share: made
 * once, under the library's lock, and read without it once published. */
static fl_patterns *shared_parts(const fl_patterns *p) { return (fl_patterns *)p; }

/* The literal index, built on first use; NULL when it could not be (out of memory,
 * or a tolower of the C library's folding more than bit 0x20: the matcher then falls
 * back to the per-signature literals). */
const lit_index *fl_patterns_lit_index(const fl_patterns *p)
{
    int state = atomic_load_explicit(&p->lits_state, memory_order_acquire);
    if (state == 0) {
        fl_patterns *w = shared_parts(p);
        pthread_mutex_lock(&w->lock);
        state = atomic_load_explicit(&w->lits_state, memory_order_relaxed);
        if (state == 0) {
            w->lits = lit_build(w);
            state = w->lits ? 1 : -1;
            atomic_store_explicit(&w->lits_state, state, memory_order_release);
        }
        pthread_mutex_unlock(&w->lock);
    }
    return state == 1 ? p->lits : NULL;
}

/* Whether signature sg runs JIT code, JIT-compiling it on first use. Where JIT is
 * unavailable (PCRE2_ERROR_JIT_BADOPTION, no executable memory) it keeps the
 * interpreter. */
int fl_patterns_jit_ready(const fl_patterns *p, const sig *sg)
{
    int state = atomic_load_explicit(&sg->jit, memory_order_acquire);
    if (state == 0) {
        fl_patterns *w = shared_parts(p);
        sig *ws = &w->sigs[sg - p->sigs];
        pthread_mutex_lock(&w->lock);
        state = atomic_load_explicit(&ws->jit, memory_order_relaxed);
        if (state == 0) {
            state = pcre2_jit_compile(ws->code, PCRE2_JIT_COMPLETE) == 0 ? JIT_ON : JIT_OFF;
            atomic_store_explicit(&ws->jit, state, memory_order_release);
        }
        pthread_mutex_unlock(&w->lock);
    }
    return state == JIT_ON;
}
