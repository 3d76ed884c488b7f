/* miner.c: the streaming template miner (see miner.h). Drain's fixed-depth tree is a
 * hash table of nodes keyed by (parent, token): root -> token count -> first token ->
 * second token = a leaf holding a list of templates. Tokens are compared by 64-bit
 * hashes of their masked text, so a message costs one pass to mask and hash it and a
 * few integer comparisons per template of its leaf. */
#include "match/miner.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#define T_MAX FL_MINER_MAX_TOKENS
#define MAX_CHILDREN 100 /* a node's children beyond this go to its <*> child (Drain) */
#define ROUTE_TOKENS 1   /* leading tokens that route a message (Drain depth - 2) */
#define ROUTE_SCAN 3     /* tokens searched for the first one without a value */
#define RECENT 4096      /* entries of the cache of messages that joined a template as it was */
#define RECENT_AFTER 256 /* messages placed before the cache is made (a small log never pays for it) */
#define FNV_OFF 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL
#define TEXT_ROOM (FL_MINER_TEXT - 1) /* masked bytes kept of a message */
#define SLACK 8                       /* bytes past TEXT_ROOM that word copies may write */

/* A message as tokens: masked text in buf, per token its span and hash. */
typedef struct toks {
    size_t n;
    uint64_t seq;            /* a hash of the tokens' hashes and n: the recent cache's key */
    uint64_t hash[T_MAX];
    uint16_t start[T_MAX], len[T_MAX];
    char buf[FL_MINER_TEXT + SLACK];
} toks;

/* A template: the tokens of the message that started it, with hash == wild where it
 * holds <*>, and its text. The arrays are one allocation sized to that message (see
 * tmpl_set): a fixed-size toks per template made a small log's miner cost 100 KB. */
typedef struct tmpl {
    uint64_t count;          /* 0 = free slot */
    uint32_t leaf, next;     /* leaf node, next template of the leaf */
    size_t n;                /* tokens */
    uint64_t *hash;          /* n hashes, then start, len, the masked text, the render; NULL: none */
    uint16_t *start, *len;
    char *buf;               /* masked text of the first message */
    char *render;            /* template text */
} tmpl;

typedef struct node {
    uint32_t children;       /* distinct child tokens */
    uint32_t head;           /* first template of a leaf, FL_MINER_NONE */
    uint32_t version;        /* of a leaf: raised when a template of it is added, changed or removed */
} node;

/* A message's tokens (by a hash of them all) that joined a template without changing
 * it: while the template's leaf keeps its version, the same tokens join it again, so
 * routing and comparing with the leaf's templates are skipped. */
typedef struct recent {
    uint64_t key;            /* toks.seq of the tokens */
    uint32_t slot, leaf;     /* leaf 0 (the root, never a leaf): empty */
    uint32_t version;
} recent;

typedef struct edge {
    uint64_t tok;            /* child token hash */
    uint32_t parent, child;  /* child == FL_MINER_NONE: empty entry */
} edge;

struct fl_miner {
    size_t cap;              /* templates kept (fl_miner_prune's and eviction's limit) */
    int no_evict;            /* merging: grow instead of evicting */
    tmpl *slots;
    size_t n_slots, slots_cap;
    uint32_t *free_list;     /* free slots below n_slots */
    size_t n_free;
    node *nodes;
    size_t n_nodes, nodes_cap;
    edge *edges;             /* open addressing, power-of-two size */
    size_t edges_cap, n_edges;
    uint64_t other;
    uint64_t wild;           /* hash of "<*>" */
    recent *recent;          /* RECENT entries, direct-mapped; NULL until RECENT_AFTER messages */
    size_t placed;           /* messages placed while recent is NULL */
    toks scratch;
};

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = FNV_OFF;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

/* A token's hash (internal: tokens are compared by it, never stored outside the
 * miner): eight bytes a step, where FNV-1a's multiply per byte was a fifth of the
 * mining time. hash_words takes the whole words of s[0..n) and leaves *s and *n at
 * the tail (under 8 bytes); hash_tail mixes in the tail, read as one word. */
static inline uint64_t hash_words(const char **s, size_t *n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (*n * 0xff51afd7ed558ccdULL), v;
    for (; *n >= 8; *s += 8, *n -= 8) {
        memcpy(&v, *s, 8);
        h = (h ^ v) * 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 29;
    }
    return h;
}

static inline uint64_t hash_tail(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

static inline __attribute__((always_inline)) uint64_t tok_hash(const char *s, size_t n)
{
    uint64_t h = hash_words(&s, &n), v = 0;
    /* The tail by memcpy (on little-endian hosts the masked load of tok_hash_buf gives
     * the same word). Not a loop of shifts by 8 * i: GCC 12.2 at -O2 drops a caller's
     * stores of hashes made by that loop (a caller looping over tokens: fixed by
     * -fno-aggressive-loop-optimizations or -fno-ivopts, found in a test program). */
    memcpy(&v, s, n);
    return hash_tail(h, v);
}

/* tok_hash of a token in a toks buffer, whose slack makes the eight bytes at its
 * tail readable: the tail in one load, masked. */
static inline uint64_t tok_hash_buf(const char *s, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t h = hash_words(&s, &n), v = 0;
    if (n) {
        memcpy(&v, s, 8);
        v &= ~0ULL >> (64 - 8 * n);
    }
    return hash_tail(h, v);
#else
    return tok_hash(s, n);
#endif
}

/* Byte classes: D ends a segment inside a token (kept as it is: = : , ; ( ) [ ] { } < >
 * | @), S separates tokens (space, \t \r \v \f), G a digit, X a hex letter, U a byte a
 * unit starts with (s m u n h B K k M G T b %), N a byte of a dotted name (letters,
 * digits, . _ $ -), NX any byte but a hex letter (a segment's bytes ORed say at once
 * whether it holds a digit and whether it is all hex letters), P the dot. */
enum { D = 1, S = 2, G = 4, X = 8, U = 16, N = 32, NX = 64, P = 128 };
static const unsigned char cls[256] = {
     64,  64,  64,  64,  64,  64,  64,  64,  64,  66,  64,  66,  66,  66,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     66,  64,  64,  64,  96,  80,  64,  64,  65,  65,  64,  64,  65,  96, 224,  64,
    100, 100, 100, 100, 100, 100, 100, 100, 100, 100,  65,  65,  65,  65,  65,  64,
     65,  40,  56,  40,  40,  40,  40, 112,  96,  96,  96, 112,  96, 112,  96,  96,
     96,  96,  96,  96, 112,  96,  96,  96,  96,  96,  96,  65,  64,  65,  64,  96,
     64,  40,  56,  40,  40,  40,  40,  96, 112,  96,  96, 112,  96, 112, 112,  96,
     96,  96,  96, 112,  96, 112,  96,  96,  96,  96,  96,  65,  65,  65,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
     64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
};

static int is_delim(unsigned char c) { return cls[c] & D; }

static int is_space(unsigned char c) { return cls[c] & S; }

/* Append n bytes to t's buffer (truncating at its end). */
static void put(toks *t, size_t *o, const char *s, size_t n)
{
    if (*o + n > TEXT_ROOM)
        n = TEXT_ROOM - *o;
    memcpy(t->buf + *o, s, n);
    *o += n;
}

/* put for a segment of the message whose bytes may be read up to lim: eight bytes a
 * step into the buffer's slack, where a libc call per short segment cost more than
 * the copy. */
static inline void put_seg(toks *t, size_t *o, const char *s, size_t n, const char *lim)
{
    if (*o + n > TEXT_ROOM)
        n = TEXT_ROOM - *o;
    char *d = t->buf + *o;
    *o += n;
    if (n <= 8 && lim - s >= 8) { /* most segments: one copy, one well-predicted branch */
        memcpy(d, s, 8);
        return;
    }
    for (; n >= 8; d += 8, s += 8, n -= 8)
        memcpy(d, s, 8);
    if (n && lim - s >= 8)
        memcpy(d, s, 8);
    else
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
}

/* put of one byte, and of "<*>". */
static inline void put_byte(toks *t, size_t *o, char c)
{
    if (*o < TEXT_ROOM)
        t->buf[(*o)++] = c;
}

static inline void put_wild(toks *t, size_t *o)
{
    if (*o + 3 > TEXT_ROOM) {
        put(t, o, "<*>", 3);
        return;
    }
    memcpy(t->buf + *o, "<*>", 3);
    *o += 3;
}

/* The length of an HTTP request line's method and its space ("GET " of "GET /a
 * HTTP/1.1"), else 0. */
static size_t http_method(const char *s, size_t n)
{
    static const char *const methods[] = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "PATCH ", "OPTIONS "};
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
        size_t k = strlen(methods[i]);
        if (n > k && !memcmp(s, methods[i], k))
            return k;
    }
    return 0;
}

/* The length of the segment at s (up to n bytes; s[0] is in it) before a byte of a
 * class in brk, and its bytes' classes ORed in *acc. Four bytes a step while they
 * last, their classes packed in a word: the first break is found in it without
 * reading the bytes again (most segments are shorter than eight bytes). */
static inline size_t seg_len(const char *s, size_t n, unsigned brk, unsigned *acc)
{
    const uint32_t stops = brk * 0x01010101u;
    uint32_t a = cls[(unsigned char)s[0]]; /* classes, bytewise ORed */
    size_t j = 1;
    for (; j + 4 <= n; j += 4) {
        uint32_t w = cls[(unsigned char)s[j]] | (uint32_t)cls[(unsigned char)s[j + 1]] << 8 |
                     (uint32_t)cls[(unsigned char)s[j + 2]] << 16 | (uint32_t)cls[(unsigned char)s[j + 3]] << 24;
        uint32_t b = w & stops;
        if (b) {
            unsigned k = (unsigned)__builtin_ctz(b) >> 3; /* bytes before the break */
            a |= w & (uint32_t)((1ULL << (8 * k)) - 1);
            a |= a >> 16;
            a |= a >> 8;
            *acc = a & 0xff;
            return j + k;
        }
        a |= w;
    }
    a |= a >> 16;
    a |= a >> 8;
    a &= 0xff;
    for (; j < n; j++) {
        unsigned c = cls[(unsigned char)s[j]];
        if (c & brk)
            break;
        a |= c;
    }
    *acc = a;
    return j;
}

/* Put segment s[0..k) of classes acc (seg_len): "<*>" when it is variable, that is
 * when it holds a digit or is a long run of hex letters (its classes hold G, or lack
 * NX), counted in *wilds; else as it is. */
static inline void put_seg_masked(toks *t, size_t *o, const char *s, size_t k, unsigned acc, const char *lim,
                                  unsigned *wilds)
{
    if ((acc & G) || (!(acc & NX) && k >= 8)) {
        put_wild(t, o);
        ++*wilds;
    } else {
        put_seg(t, o, s, k, lim);
    }
}

/* Mask one token at s into t's buffer at *o: up to the first byte of class stop (S:
 * a whitespace-delimited token; 0: the rest of the line, the last token) or end, the
 * line's end. A quoted value ("..." or '...' at the token's start, possibly with
 * spaces) becomes "<*>"; else each run between delimiters that is variable becomes
 * <*> (counted in *wilds). Returns the bytes of s used (more than the token for a
 * quote that spans spaces). One pass: the token's end is where masking stops. */
static size_t mask_token(toks *t, size_t *o, const char *s, unsigned stop, const char *end, const char *lim,
                         unsigned *wilds)
{
    size_t i = 0, n = (size_t)(end - s);
    if ((s[0] == '"' || s[0] == '\'') && n > 1 && !(cls[(unsigned char)s[1]] & stop)) {
        const char *q = memchr(s + 1, s[0], (size_t)(end - s - 1));
        if (q && (q + 1 == end || is_space((unsigned char)q[1]) || is_delim((unsigned char)q[1]) ||
                  q[1] == '.')) {
            char quoted[5] = {s[0], '<', '*', '>', s[0]};
            size_t method = http_method(s + 1, (size_t)(q - s - 1));
            put(t, o, quoted, 1);
            put(t, o, s + 1, method); /* "GET <*>" and "POST <*>" are two kinds */
            put(t, o, quoted + 1, 4);
            i = (size_t)(q - s) + 1;
            while (s + i < end && !is_space((unsigned char)s[i])) /* what follows: ", " */
                put(t, o, s + i++, 1);
            return i;
        }
    }
    const unsigned brk = D | stop;
    while (i < n) {
        unsigned c = cls[(unsigned char)s[i]];
        if (c & stop)
            break;
        if (c & D) {
            put_byte(t, o, s[i++]);
            continue;
        }
        unsigned acc;
        size_t j = i + seg_len(s + i, n - i, brk, &acc);
        put_seg_masked(t, o, s + i, j - i, acc, lim, wilds);
        i = j;
    }
    return i;
}

/* mask_token through copies of *o and *wilds, which keeps the caller's own in
 * registers (their addresses are never taken). */
static inline size_t mask_token_at(toks *t, size_t *o, const char *s, unsigned stop, const char *end,
                                   const char *lim, unsigned *wilds)
{
    size_t oo = *o;
    unsigned w = *wilds;
    size_t used = mask_token(t, &oo, s, stop, end, lim, &w);
    *o = oo;
    *wilds = w;
    return used;
}

/* Whether the masked token s[0..n) is two or more wildcards and nothing but
 * delimiters around them ("<*>:<*>", "<*>,<*>", "(<*>-<*>)"): a list of values, an
 * address with a port, a range. */
static int only_wild(const char *s, size_t n)
{
    int wild = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && !memcmp(s + i, "<*>", 3)) {
            wild++;
            i += 2;
        } else if (!is_delim((unsigned char)s[i]) && s[i] != '/' && s[i] != '.' && s[i] != '-' &&
                   s[i] != '"' && s[i] != '\'') {
            return 0;
        }
    }
    return wild >= 2;
}

/* Whether s[0..n) is a unit of size or time ("ms", "sec", "KB", "bytes" ...), maybe
 * with trailing punctuation ("KB,", "ms)"). */
static int is_unit(const char *s, size_t n)
{
    /* Lengths and first bytes first: this runs on every token after a value, and most
     * are words longer than any unit. */
    if (n > 9)
        return 0;
    while (n && (is_delim((unsigned char)s[n - 1]) || s[n - 1] == '.'))
        n--;
    if (!n || !(cls[(unsigned char)s[0]] & U))
        return 0;
    switch (n) {
    case 1:
        return s[0] == 's' || s[0] == 'h' || s[0] == 'B' || s[0] == '%';
    case 2:
        if (s[1] == 's')
            return s[0] == 'm' || s[0] == 'u' || s[0] == 'n';
        return s[1] == 'B' && (s[0] == 'K' || s[0] == 'k' || s[0] == 'M' || s[0] == 'G' || s[0] == 'T');
    case 3:
        return !memcmp(s, "sec", 3) || !memcmp(s, "min", 3) ||
               ((s[0] == 'K' || s[0] == 'M' || s[0] == 'G') && s[1] == 'i' && s[2] == 'B');
    case 4:
        return !memcmp(s, "secs", 4) || !memcmp(s, "mins", 4);
    case 5:
        return !memcmp(s, "hours", 5) || !memcmp(s, "bytes", 5);
    case 6:
        return !memcmp(s, "second", 6);
    case 7:
        return !memcmp(s, "seconds", 7) || !memcmp(s, "minutes", 7);
    default:
        return 0;
    }
}

/* The length of a parenthesised value at p ("(1.44 KB)", "(0x105d5b0)", "(3 ms)")
 * followed by white space or the end, else 0: an optional aside that some messages
 * of a kind carry and others do not ("453 bytes sent" beside "1481 bytes (1.44 KB)
 * sent"). */
static size_t paren_value(const char *p, const char *end)
{
    const char *q = p + 1;
    int digit = 0;
    while (q < end && (cls[(unsigned char)*q] & (G | X) || *q == '.' || *q == 'x')) {
        digit |= (cls[(unsigned char)*q] & G) != 0;
        q++;
    }
    if (!digit)
        return 0;
    if (q < end && *q == ' ') {
        const char *u = ++q;
        while (q < end && *q != ')' && !is_space((unsigned char)*q))
            q++;
        if (!is_unit(u, (size_t)(q - u)))
            return 0;
    }
    if (q == end || *q != ')' || (q + 1 < end && !is_space((unsigned char)q[1])))
        return 0;
    return (size_t)(q + 1 - p);
}

/* The bytes at p, where a token starts, that a message leaves out: a unit after a
 * value (with after_value: "5.4 KB," is one value) or a parenthesised value
 * (paren_value); 0 for none. stop as for mask_token (0: p starts the last token,
 * which is kept whole). */
static inline size_t left_out(const char *p, const char *end, unsigned stop, int after_value)
{
    if (after_value && (cls[(unsigned char)*p] & U)) { /* a unit is short: look no further than is_unit does */
        size_t n = 0, most = stop ? 10 : (size_t)(end - p);
        while (n < most && p + n < end && !(cls[(unsigned char)p[n]] & stop))
            n++;
        if (is_unit(p, n))
            return n;
    }
    return *p == '(' && stop ? paren_value(p, end) : 0;
}

/* Whether s[0..n) is an English day or month abbreviation ("Fri", "Jun,"). */
static int date_name(const char *s, size_t n)
{
#define K3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
    if (n == 4 && (s[3] == ',' || s[3] == '.'))
        n = 3;
    if (n != 3 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    switch (K3((unsigned char)s[0], (unsigned char)s[1], (unsigned char)s[2])) {
    case K3('M', 'o', 'n'): case K3('T', 'u', 'e'): case K3('W', 'e', 'd'): case K3('T', 'h', 'u'):
    case K3('F', 'r', 'i'): case K3('S', 'a', 't'): case K3('S', 'u', 'n'): case K3('J', 'a', 'n'):
    case K3('F', 'e', 'b'): case K3('M', 'a', 'r'): case K3('A', 'p', 'r'): case K3('M', 'a', 'y'):
    case K3('J', 'u', 'n'): case K3('J', 'u', 'l'): case K3('A', 'u', 'g'): case K3('S', 'e', 'p'):
    case K3('O', 'c', 't'): case K3('N', 'o', 'v'): case K3('D', 'e', 'c'):
        return 1;
    default:
        return 0;
    }
#undef K3
}

/* Split msg (its first line) into masked tokens; the tokens beyond T_MAX - 1 are one.
 * Two rules make values of one kind the same length: a unit after a value is part
 * of it ("5.4 KB," and "16.0 B," are both "<*>"), and a parenthesised value is left
 * out (see paren_value). A "<*>" in msg is text, not a value: a template's text
 * tokenizes to its own tokens (merging re-inserts templates by their text). */
/* The end of a "[...]" group at p (nested brackets too), or NULL. */
static const char *group_end(const char *p, const char *end)
{
    /* The first ']' ends the group unless a '[' opens another before it. */
    size_t most = (size_t)(end - p) < 256 ? (size_t)(end - p) : 256;
    const char *close = most > 1 ? memchr(p + 1, ']', most - 1) : NULL;
    if (!close)
        return NULL;
    if (!memchr(p + 1, '[', (size_t)(close - p - 1)))
        return close + 1;
    int depth = 0;
    for (const char *q = p; q < end && q - p < 256; q++) {
        depth += (*q == '[') - (*q == ']');
        if (!depth)
            return q + 1;
    }
    return NULL;
}

/* The end of a dotted name at p ("org.apache.hadoop.Foo", "dfs.DataNode$Packet"),
 * or NULL. */
static const char *dotted_end(const char *p, const char *end)
{
    const char *q = p;
    unsigned acc = 0; /* classes ORed: P when a dot was seen */
    for (; end - q >= 4; q += 4) {
        unsigned c0 = cls[(unsigned char)q[0]], c1 = cls[(unsigned char)q[1]];
        unsigned c2 = cls[(unsigned char)q[2]], c3 = cls[(unsigned char)q[3]];
        if (!(c0 & c1 & c2 & c3 & N))
            break;
        acc |= c0 | c1 | c2 | c3;
    }
    for (; q < end; q++) {
        unsigned c = cls[(unsigned char)*q];
        if (!(c & N))
            break;
        acc |= c;
    }
    return (acc & P) && q > p && q[-1] != '.' ? q : NULL;
}

/* The bytes of a leading thread or context and logger name to leave out of a message:
 * "[thread] logger.Name: " (log4j's "[%t] %c: %m") and "logger.name [context] "
 * (OpenStack's "%(name)s [%(request_id)s] %(message)s"). A log's own thread, request
 * and class are no part of what happened, and they vary for one kind ("[IPC Server
 * handler 5 on 80]"). A tag alone stays ("[pool] Connection refused"). What is left
 * starts with neither form, so a template's text tokenizes to itself. */
static size_t preamble(const char *msg, const char *end)
{
    const char *p = msg, *q;
    for (;;) {
        /* Each form's name ends at the first space after its start (with the ':' of
         * "name: " before it, the '[' of "name [" after it): memchr rules most
         * messages out before the name is scanned. */
        const char *n, *sp;
        if (*p == '[' && (q = group_end(p, end)) && q < end && *q == ' ' &&
            (sp = memchr(q + 1, ' ', (size_t)(end - q - 1))) && sp[-1] == ':' && dotted_end(q + 1, end) == sp - 1)
            p = sp + 1;
        else if ((cls[(unsigned char)*p] & N) && /* a dotted name starts the second form */
                 (sp = memchr(p, ' ', (size_t)(end - p))) && sp + 1 < end && sp[1] == '[' &&
                 (n = dotted_end(p, end)) == sp && (q = group_end(n + 1, end)) && q < end && *q == ' ')
            p = q + 1;
        else
            break;
        while (p < end && is_space((unsigned char)*p))
            p++;
        if (p == end)
            return 0; /* never the whole message */
    }
    return (size_t)(p - msg);
}

/* The rules that close a token masked into t->buf[start..*o) holding wilds values,
 * for every tokenizer: a list of values is one value (10.0.0.1:80 and
 * 10.0.0.1,10.0.0.2 alike), and a date's name is a value ("at Fri Jun 17 07:07:00
 * 2005"). Sets *after_value (the token ends with a value) and returns the token's
 * hash: a lone value's is a constant, folded at compile time. */
static inline __attribute__((always_inline)) uint64_t close_token(toks *t, size_t start, size_t *o, unsigned wilds,
                                                                  int *after_value)
{
    if (wilds >= 2 && only_wild(t->buf + start, *o - start)) {
        *o = start;
        put(t, o, "<*>", 3);
    }
    if (!wilds && *o - start - 3 <= 1 && date_name(t->buf + start, *o - start)) {
        *o = start;
        put(t, o, "<*>", 3);
        wilds = 1;
    }
    *after_value = wilds && *o - start >= 3 && !memcmp(t->buf + *o - 3, "<*>", 3);
    return *after_value && *o - start == 3 ? tok_hash("<*>", 3) : tok_hash_buf(t->buf + start, *o - start);
}

/* The reference tokenizer, byte by byte (seg_len): any line. */
static void tokenize_scalar(toks *t, const char *msg, size_t len)
{
    const char *nl = memchr(msg, '\n', len);
    const char *p = msg, *end = nl ? nl : msg + len;
    p += preamble(p, end);
    size_t o = 0;
    int after_value = 0; /* the last token ends with a value masked here */
    uint64_t seq = 0x9E3779B97F4A7C15ULL;
    t->n = 0;
    while (p < end && t->n < T_MAX && o < TEXT_ROOM) {
        while (p < end && is_space((unsigned char)*p))
            p++;
        if (p == end)
            break;
        unsigned stop = t->n == T_MAX - 1 ? 0 : S; /* the last token is the rest */
        size_t skip = left_out(p, end, stop, after_value);
        if (skip) {
            p += skip;
            continue;
        }
        size_t start = o;
        unsigned wilds = 0;
        if (stop && !(cls[(unsigned char)*p] & D) && *p != '"' && *p != '\'') {
            /* Most tokens are one segment: masked here, mask_token for the rest. */
            unsigned acc;
            size_t k = seg_len(p, (size_t)(end - p), D | S, &acc);
            put_seg_masked(t, &o, p, k, acc, msg + len, &wilds);
            p += k;
            if (p < end && (cls[(unsigned char)*p] & D)) {
                if (p + 1 == end || (cls[(unsigned char)p[1]] & S))
                    put_byte(t, &o, *p++); /* a closing "," or ":" alone */
                else
                    p += mask_token_at(t, &o, p, stop, end, msg + len, &wilds);
            }
        } else {
            p += mask_token_at(t, &o, p, stop, end, msg + len, &wilds);
        }
        uint64_t h = close_token(t, start, &o, wilds, &after_value);
        t->start[t->n] = (uint16_t)start;
        t->len[t->n] = (uint16_t)(o - start);
        t->hash[t->n] = h;
        t->n++;
        seq = hash_tail(seq, h); /* here, where h is in a register */
    }
    t->seq = hash_tail(seq, (uint64_t)t->n);
}

/* ---- tokenizing on class masks ---- */

/* A message whose first line is at most MASK_MAX bytes is tokenized on masks of its
 * bytes' classes, made for all its bytes at once (AVX2 compares): tokens are runs of
 * bits, and whether a token is one segment, holds a digit or only hex letters are a
 * few word operations, where seg_len looked up every byte. It makes the same toks as
 * tokenize_scalar, which takes the longer lines (and every line without AVX2: the
 * portable classifier, a table lookup per byte, is for the tests). */
#define MASK_MAX 128
#define MASK_WORDS (MASK_MAX / 64 + 1) /* and a word past any message's end */
/* A byte masks to at most two (a digit and a delimiter: "1," is "<*>,"), and the last
 * token may gain two ("1" is "<*>"): the text never reaches TEXT_ROOM on masks, even
 * with the 16 bytes a copy of a word may write past its end. */
_Static_assert(2 * MASK_MAX + 2 + 16 < TEXT_ROOM, "a message on masks always fits the text");

/* A message's bytes by class (cls), byte i at bit i % 64 of word i / 64. Bits at and
 * past the message's end are spaces: its end ends a token. */
typedef struct class_masks {
    uint64_t space[MASK_WORDS], delim[MASK_WORDS], digit[MASK_WORDS], nonhex[MASK_WORDS];
    uint64_t newline[MASK_WORDS];
} class_masks;

#define MASK_BUF (MASK_MAX + 96) /* a line's copy: its whole 32-byte blocks, then 96 bytes */

/* Copy msg[0..n) (n <= MASK_MAX) into b with zeros after it (to its whole 64-byte words
 * and 64 bytes past it), and fill m's masks of those words. */
typedef void classify_fn(char *b, const char *msg, size_t n, class_masks *m);

/* Copy a line's last r < 32 bytes, past its whole 32-byte blocks, to d: zeros, then
 * the bytes by overlapping copies within them. */
static inline void copy_tail(char *d, const char *s, size_t r)
{
    memset(d, 0, 96);
    if (r >= 16) {
        memcpy(d, s, 16);
        memcpy(d + r - 16, s + r - 16, 16);
    } else if (r >= 8) {
        memcpy(d, s, 8);
        memcpy(d + r - 8, s + r - 8, 8);
    } else if (r >= 4) {
        memcpy(d, s, 4);
        memcpy(d + r - 4, s + r - 4, 4);
    } else {
        for (size_t i = 0; i < r; i++)
            d[i] = s[i];
    }
}

static void classify_portable(char *b, const char *msg, size_t n, class_masks *m)
{
    size_t full = n / 32 * 32, words = (n + 63) / 64;
    memcpy(b, msg, full);
    copy_tail(b + full, msg + full, n - full);
    for (size_t w = 0; w < words; w++) {
        uint64_t s = 0, d = 0, g = 0, nx = 0, nl = 0;
        for (unsigned j = 0; j < 64; j++) {
            unsigned char c = (unsigned char)b[64 * w + j];
            unsigned k = cls[c];
            s |= (uint64_t)((k & S) != 0) << j;
            d |= (uint64_t)((k & D) != 0) << j;
            g |= (uint64_t)((k & G) != 0) << j;
            nx |= (uint64_t)((k & NX) != 0) << j;
            nl |= (uint64_t)(c == '\n') << j;
        }
        m->space[w] = s;
        m->delim[w] = d;
        m->digit[w] = g;
        m->nonhex[w] = nx;
        m->newline[w] = nl;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
/* A byte's classes for the AVX2 classifier: the AND of a table entry by its low
 * nibble and one by its high nibble (bytes >= 0x80 have none). Each bit is a set of
 * high nibbles by a set of low ones: a digit (the top bit, so a movemask reads it),
 * a space (two bits), a delimiter (five bits). */
enum { C_DIGIT = 0x80, C_SPACE = 0x60, C_DELIM = 0x1f };
#define X4(v) v, v, v, v
#define X32(v) X4(v), X4(v), X4(v), X4(v), X4(v), X4(v), X4(v), X4(v)
#define NIBBLE_LO 0xc4, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0xa1, 0x02, 0x3a, 0x33, 0x3a, 0x02, 0x00
#define NIBBLE_HI 0x20, 0x00, 0x41, 0x82, 0x04, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
/* The classifier's vectors, loaded where they are used (cheaper than building them). */
enum { K_LO, K_HI, K_NIBBLE, K_SPACE, K_DELIM, K_LIFT, K_CASE, K_A, K_FIVE, K_NEWLINE };
static const unsigned char classify_k[][32] __attribute__((aligned(32))) = {
    {NIBBLE_LO, NIBBLE_LO}, {NIBBLE_HI, NIBBLE_HI}, {X32(0x0f)}, {X32(C_SPACE)}, {X32(C_DELIM)},
    {X32(0x7f)}, {X32(0x20)}, {X32('a')}, {X32(5)}, {X32('\n')},
};
#undef X4
#undef X32
#undef NIBBLE_LO
#undef NIBBLE_HI

/* The masks of 32 bytes x: space, delim, digit, nonhex, newline. A set of class bits
 * is tested by adding what lifts any of them into the top bit. */
__attribute__((target("avx2"))) static inline void classify32_avx2(__m256i x, uint32_t out[5])
{
#define K(i) _mm256_load_si256((const __m256i *)classify_k[i])
    __m256i c = _mm256_and_si256(_mm256_shuffle_epi8(K(K_LO), _mm256_and_si256(x, K(K_NIBBLE))),
                                 _mm256_shuffle_epi8(K(K_HI), _mm256_and_si256(_mm256_srli_epi16(x, 4), K(K_NIBBLE))));
    __m256i space = _mm256_add_epi8(_mm256_and_si256(c, K(K_SPACE)), K(K_SPACE));
    __m256i delim = _mm256_add_epi8(_mm256_and_si256(c, K(K_DELIM)), K(K_LIFT));
    /* hex letters: (x | 0x20) - 'a' <= 5, unsigned */
    __m256i off = _mm256_sub_epi8(_mm256_or_si256(x, K(K_CASE)), K(K_A));
    __m256i hex = _mm256_cmpeq_epi8(_mm256_min_epu8(off, K(K_FIVE)), off);
    out[0] = (uint32_t)_mm256_movemask_epi8(space);
    out[1] = (uint32_t)_mm256_movemask_epi8(delim);
    out[2] = (uint32_t)_mm256_movemask_epi8(c);
    out[3] = ~(uint32_t)_mm256_movemask_epi8(hex);
    out[4] = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, K(K_NEWLINE)));
#undef K
}

/* The line's 32-byte blocks are classified as they are loaded to be copied (a load of
 * the copy just stored would wait for the stores). Its last bytes past them are the end
 * of the last 32 bytes of the line, their masks shifted down (what b holds past the
 * line is no byte of it: the masks and their users look no further than its end). */
__attribute__((target("avx2"))) static void classify_avx2(char *b, const char *msg, size_t n, class_masks *m)
{
    size_t full = n / 32 * 32, r = n - full, words = (n + 63) / 64;
    uint32_t k[2 * (MASK_WORDS - 1)][5] = {{0}};
    for (size_t j = 0; j < full / 32; j++) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(msg + 32 * j));
        _mm256_storeu_si256((__m256i *)(b + 32 * j), x);
        classify32_avx2(x, k[j]);
    }
    if (r && n >= 32) {
        uint32_t last[5];
        __m256i x = _mm256_loadu_si256((const __m256i *)(msg + n - 32));
        _mm256_storeu_si256((__m256i *)(b + n - 32), x);
        classify32_avx2(x, last);
        for (size_t i = 0; i < 5; i++)
            k[full / 32][i] = last[i] >> (32 - r);
    } else if (r) { /* a line shorter than 32 bytes: by a copy */
        copy_tail(b, msg, r);
        classify32_avx2(_mm256_loadu_si256((const __m256i *)b), k[0]);
    }
    for (size_t w = 0; w < words; w++) {
        const uint32_t *lo = k[2 * w], *hi = k[2 * w + 1];
        m->space[w] = lo[0] | (uint64_t)hi[0] << 32;
        m->delim[w] = lo[1] | (uint64_t)hi[1] << 32;
        m->digit[w] = lo[2] | (uint64_t)hi[2] << 32;
        m->nonhex[w] = lo[3] | (uint64_t)hi[3] << 32;
        m->newline[w] = lo[4] | (uint64_t)hi[4] << 32;
    }
}
#endif

/* The 64 bits of mask m from bit i on (i < 64 * (MASK_WORDS - 1)). */
static inline uint64_t window(const uint64_t *m, size_t i)
{
    size_t w = i / 64;
    unsigned s = (unsigned)i % 64;
    return m[w] >> s | m[w + 1] << 1 << (63 - s);
}

/* Whether b, classified in m, holds a ':' before a space (or its end): the first form
 * of a preamble ends its name so. */
static inline int colon_space(const char *b, const class_masks *m)
{
    for (size_t w = 0; w < MASK_WORDS - 1; w++)
        for (uint64_t x = m->delim[w] & (m->space[w] >> 1 | m->space[w + 1] << 63); x; x &= x - 1)
            if (b[64 * w + (size_t)__builtin_ctzll(x)] == ':')
                return 1;
    return 0;
}

/* Copy msg's first line into b (zeros after it) and classify it into m; its length
 * in *n, the preamble left out. 0 when the line is longer than MASK_MAX. */
static inline __attribute__((always_inline)) int masks_of(char *b, class_masks *m, const char *msg, size_t len,
                                                         size_t *n_out, classify_fn *classify)
{
    for (int whole = 1;; whole = 0) {
        size_t n = len < MASK_MAX ? len : MASK_MAX, words = (n + 63) / 64;
        classify(b, msg, n, m);
        size_t L = n;
        for (size_t w = 0; w < words; w++)
            if (m->newline[w]) {
                L = 64 * w + (size_t)__builtin_ctzll(m->newline[w]);
                break;
            }
        if (L == n && len > MASK_MAX)
            return 0;
        for (size_t w = MASK_WORDS - 1; w >= words; w--) { /* words past the line: spaces */
            m->space[w] = ~0ULL;
            m->delim[w] = m->digit[w] = m->nonhex[w] = 0;
            if (!w)
                break;
        }
        if (L < 64 * words) {
            m->space[L / 64] |= ~0ULL << (L % 64);
            if (L / 64 + 1 < words) /* a newline in the first word */
                m->space[L / 64 + 1] = ~0ULL;
        }
        *n_out = L;
        /* The preamble's forms start with '[' and hold ": " or start with a dotted
         * name and its first space before a '[' (the first space class byte is that
         * space unless it is a tab or the like): else preamble finds none. */
        if (!whole || !L)
            return 1;
        size_t pre = 0;
        if (b[0] == '[') {
            if (colon_space(b, m))
                pre = preamble(b, b + L);
        } else if (cls[(unsigned char)b[0]] & N) {
            uint64_t sw = m->space[0];
            size_t sp = sw ? (size_t)__builtin_ctzll(sw) : 64;
            if (sp >= 64 || (sp < L && (b[sp] != ' ' || (sp + 1 < L && b[sp + 1] == '['))))
                pre = preamble(b, b + L);
        }
        if (!pre)
            return 1;
        msg += pre;
        len = L - pre;
    }
}

/* Mask the e bytes of a token at s (not a quote) into t at *o by its masks in bits
 * from s on (delims: those of the token alone), as mask_token does; returns the
 * values masked. */
static inline unsigned mask_segments(toks *t, size_t *o, const char *s, unsigned e, uint64_t delims,
                                     uint64_t digits, uint64_t nonhex, const char *lim)
{
    unsigned wilds = 0, r = 0;
    while (r < e) {
        if (delims >> r & 1) {
            put_byte(t, o, s[r++]);
            continue;
        }
        uint64_t rest = delims >> r;
        unsigned k = rest ? r + (unsigned)__builtin_ctzll(rest) : e;
        uint64_t seg = ((1ULL << k) - 1) & ~((1ULL << r) - 1);
        if ((digits & seg) || (!(nonhex & seg) && k - r >= 8)) {
            put_wild(t, o);
            wilds++;
        } else {
            put_seg(t, o, s + r, k - r, lim);
        }
        r = k;
    }
    return wilds;
}

/* One step of tokenize_scalar's loop at b[at], a token's first byte, for the tokens
 * tokenize_masks leaves (see there): a unit or a parenthesised value left out (0 in
 * *made), or a token masked into t at *o (1 in *made, its hash in *h); *after_value
 * as there. Returns where the step ends: a space or the end, b + L. */
static size_t mask_step(toks *t, size_t *o, const char *b, size_t L, const class_masks *m, size_t at, size_t n,
                        int *after_value, uint64_t *h, int *made)
{
    const char *s = b + at, *end = b + L, *lim = b + MASK_BUF;
    unsigned c = (unsigned char)*s;
    unsigned stop = n == T_MAX - 1 ? 0 : S; /* the last token is the rest */
    *made = 0;
    size_t skip = left_out(s, end, stop, *after_value);
    if (skip)
        return at + skip;
    size_t start = *o, used;
    unsigned wilds = 0;
    uint64_t spaces = window(m->space, at);
    if (stop && spaces && c != '"' && c != '\'') { /* shorter than 64 bytes: by the masks */
        unsigned e = (unsigned)__builtin_ctzll(spaces);
        wilds = mask_segments(t, o, s, e, window(m->delim, at) & ((1ULL << e) - 1), window(m->digit, at),
                              window(m->nonhex, at), lim);
        used = e;
    } else {
        used = mask_token_at(t, o, s, stop, end, lim, &wilds);
    }
    *h = close_token(t, start, o, wilds, after_value);
    *made = 1;
    return at + used;
}

/* tokenize_scalar on class masks (see MASK_MAX); 0 when the line is too long. Tokens
 * are runs of non-spaces, found by their first and last bytes' bits. A token shorter
 * than 64 bytes is masked here on its masks shifted to its first byte: one segment
 * (most tokens) by a few tests, several by copying the text between the segments
 * with a digit. mask_step takes quotes, longer tokens, segments that may be runs of
 * hex letters and the last token. With seq_only, t->n and t->seq alone are made. */
static inline __attribute__((always_inline)) int tokenize_masks(toks *t, const char *msg, size_t len,
                                                               classify_fn *classify, int seq_only)
{
    char b[MASK_BUF]; /* the line, then zeros: whole words to classify, slack for copies by words */
    class_masks m;
    size_t L;
    if (!masks_of(b, &m, msg, len, &L, classify))
        return 0;
    const uint64_t wild = tok_hash("<*>", 3);
    uint64_t first[MASK_WORDS - 1], last[MASK_WORDS - 1]; /* tokens' first and last bytes */
    for (size_t w = 0; w < MASK_WORDS - 1; w++) {
        uint64_t word = ~m.space[w], before = w ? ~m.space[w - 1] >> 63 : 0, after = ~m.space[w + 1] << 63;
        first[w] = word & ~(word << 1 | before);
        last[w] = word & ~(word >> 1 | after);
    }
    size_t w = 0, o = 0, n = 0;
    uint64_t firsts = first[0], lasts = last[0]; /* of word w, from the next token on */
    int after_value = 0;                          /* the last token ends with a value masked here */
    uint64_t seq = 0x9E3779B97F4A7C15ULL;
    while (n < T_MAX) {
        while (!firsts) {
            if (++w == MASK_WORDS - 1)
                goto done;
            firsts = first[w];
            lasts = last[w];
        }
        unsigned i = (unsigned)__builtin_ctzll(firsts);
        size_t at = 64 * w + i, start = o;
        unsigned c = (unsigned char)b[at];
        uint64_t h;
        size_t p;     /* where a step ends: the next token starts after it */
        int made = 0; /* whether the step made a token */
        uint64_t spaces = 0;
        if (n < T_MAX - 1 && c != '"' && c != '\'' && (lasts || (spaces = window(m.space, at)) != 0)) {
            /* A token shorter than 64 bytes: its masks in bits from at on, by shifts
             * of its word's, or across two words by windows. */
            unsigned k;
            uint64_t delims, digits, nonhex;
            if (lasts) {
                k = (unsigned)__builtin_ctzll(lasts) - i + 1;
                delims = m.delim[w] >> i;
                digits = m.digit[w] >> i;
                nonhex = m.nonhex[w] >> i;
            } else {
                k = (unsigned)__builtin_ctzll(spaces);
                delims = window(m.delim, at);
                digits = window(m.digit, at);
                nonhex = window(m.nonhex, at);
            }
            uint64_t in = k < 64 ? (1ULL << k) - 1 : ~0ULL;
            delims &= in;
            digits &= in;
            int handled = 1; /* else mask_step takes the token */
            if (after_value && (cls[c] & U) && k <= 9 && is_unit(b + at, k))
                goto next; /* a unit after a value is part of it */
            if (c == '(' && (p = paren_value(b + at, b + L)) != 0) {
                p += at;
                goto seek;
            }
            uint64_t hex = ~nonhex & in;
            hex &= hex >> 1;
            hex &= hex >> 2;
            hex &= hex >> 4; /* a run of eight hex letters: a segment may be a value without a digit */
            if (!delims) {
                /* One segment (most tokens): a value, a date's name or a word. */
                if (digits || (k >= 8 && !(nonhex & in)) || (k - 3 <= 1 && date_name(b + at, k))) {
                    if (!seq_only) {
                        memcpy(t->buf + o, "<*>", 3);
                        o += 3;
                    }
                    h = wild;
                    after_value = 1;
                } else {
                    if (!seq_only) {
                        memcpy(t->buf + o, b + at, 16); /* most words: one copy */
                        for (unsigned j = 16; j < k; j += 8)
                            memcpy(t->buf + o + j, b + at + j, 8);
                        o += k;
                    }
                    h = tok_hash_buf(b + at, k);
                    after_value = 0;
                }
                made = 1;
                goto next;
            }
            if (!hex) {
                /* Segments between delimiters, the ones with a digit masked: the
                 * text between them copied as it is. */
                unsigned wilds = 0, from = 0;
                while (digits) {
                    unsigned g = (unsigned)__builtin_ctzll(digits);
                    uint64_t below = delims & ((1ULL << g) - 1), above = delims & ~((2ULL << g) - 1);
                    unsigned seg = below ? 64 - (unsigned)__builtin_clzll(below) : 0;
                    unsigned next = above ? (unsigned)__builtin_ctzll(above) : k;
                    for (unsigned j = from; j < seg; j += 8)
                        memcpy(t->buf + o + j - from, b + at + j, 8);
                    o += seg - from;
                    memcpy(t->buf + o, "<*>", 3);
                    o += 3;
                    wilds++;
                    from = next;
                    digits &= next < 64 ? ~0ULL << next : 0;
                }
                for (unsigned j = from; j < k; j += 8)
                    memcpy(t->buf + o + j - from, b + at + j, 8);
                o += k - from;
                h = close_token(t, start, &o, wilds, &after_value);
                made = 1;
            } else {
                handled = 0;
            }
        next:
            if (handled) {
                /* on after the token: the next bits of its word, or from its end */
                if (lasts) {
                    firsts &= firsts - 1;
                    lasts &= lasts - 1;
                    if (made)
                        goto store;
                    continue;
                }
                p = at + k;
                goto seek;
            }
        }
        /* through copies, which keeps the loop's own in registers */
        size_t oo = o;
        int av = after_value, mk;
        p = mask_step(t, &oo, b, L, &m, at, n, &av, &h, &mk);
        o = oo;
        after_value = av;
        made = mk;
    seek:
        w = p / 64;
        firsts = w < MASK_WORDS - 1 ? first[w] & ~0ULL << (p % 64) : 0;
        lasts = w < MASK_WORDS - 1 ? last[w] & ~0ULL << (p % 64) : 0;
        w = w < MASK_WORDS - 1 ? w : MASK_WORDS - 2;
        if (!made)
            continue;
    store:
        if (!seq_only) {
            t->start[n] = (uint16_t)start;
            t->len[n] = (uint16_t)(o - start);
            t->hash[n] = h;
        }
        n++;
        seq = hash_tail(seq, h);
    }
done:
    t->n = n;
    t->seq = hash_tail(seq, (uint64_t)n);
    return 1;
}

/* tokenize_masks, and its seq_only form: t->n and t->seq alone, what the recent cache
 * needs (the text of a token of several segments is made in t's buffer to be hashed,
 * the rest of t is left as it was). */
static int tokenize_portable(toks *t, const char *msg, size_t len, int seq_only)
{
    return seq_only ? tokenize_masks(t, msg, len, classify_portable, 1)
                    : tokenize_masks(t, msg, len, classify_portable, 0);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) static int tokenize_avx2(toks *t, const char *msg, size_t len)
{
    return tokenize_masks(t, msg, len, classify_avx2, 0);
}

__attribute__((target("avx2"))) static int tokenize_avx2_seq(toks *t, const char *msg, size_t len)
{
    return tokenize_masks(t, msg, len, classify_avx2, 1);
}
#endif

/* t->n and t->seq of msg as tokenize makes them, the rest of t not: 0 when that takes
 * as long as tokenize (no AVX2, or a long line). */
static int tokenize_seq(toks *t, const char *msg, size_t len)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_cpu_supports("avx2") && tokenize_avx2_seq(t, msg, len);
#else
    (void)t, (void)msg, (void)len;
    return 0;
#endif
}

/* Split msg (its first line) into masked tokens: tokenize_scalar's result, on class
 * masks when the CPU has AVX2 and the line is short. */
static void tokenize(toks *t, const char *msg, size_t len)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx2") && tokenize_avx2(t, msg, len))
        return;
#endif
    tokenize_scalar(t, msg, len);
}

/* Whether two tokenizings are the same (their text up to the last token's end). */
static int toks_equal(const toks *a, const toks *b)
{
    if (a->n != b->n || a->seq != b->seq)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->hash[i] != b->hash[i] || a->start[i] != b->start[i] || a->len[i] != b->len[i])
            return 0;
    size_t used = a->n ? (size_t)a->start[a->n - 1] + a->len[a->n - 1] : 0;
    return !memcmp(a->buf, b->buf, used);
}

int fl_miner_tokenize_agree(const char *msg, size_t len, int path, int *masked)
{
    toks ref, got, seq;
    int ok = 0, ok_seq = 0;
    tokenize_scalar(&ref, msg, len);
    *masked = 0;
    if (path == FL_MINER_TOK_PORTABLE) {
        ok = tokenize_portable(&got, msg, len, 0);
        ok_seq = tokenize_portable(&seq, msg, len, 1);
#if defined(__x86_64__) && defined(__GNUC__)
    } else if (path == FL_MINER_TOK_AVX2) {
        if (!__builtin_cpu_supports("avx2"))
            return -1;
        ok = tokenize_avx2(&got, msg, len);
        ok_seq = tokenize_avx2_seq(&seq, msg, len);
#endif
    } else {
        return -1;
    }
    *masked = ok;
    if (ok != ok_seq || (ok_seq && (seq.n != ref.n || seq.seq != ref.seq)))
        return 0;
    return ok ? toks_equal(&ref, &got) : 1;
}

/* Whether the masked token s[0..n) holds a <*> (memchr: a libc memmem call costs
 * more than the short tokens it searches). */
static int has_value(const char *s, size_t n)
{
    for (const char *p = s, *end = s + n; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
        if (end - p >= 3 && p[1] == '*' && p[2] == '>')
            return 1;
    return 0;
}

/* ---- tree ---- */

static size_t edge_at(const fl_miner *m, uint32_t parent, uint64_t tok)
{
    uint64_t h = (tok ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL)) * 0xff51afd7ed558ccdULL;
    size_t i = (size_t)(h >> 20) & (m->edges_cap - 1);
    while (m->edges[i].child != FL_MINER_NONE && (m->edges[i].parent != parent || m->edges[i].tok != tok))
        i = (i + 1) & (m->edges_cap - 1);
    return i;
}

static uint32_t child_of(const fl_miner *m, uint32_t parent, uint64_t tok)
{
    return m->edges[edge_at(m, parent, tok)].child;
}

static fl_status edges_grow(fl_miner *m)
{
    edge *old = m->edges;
    size_t ocap = m->edges_cap;
    edge *e = malloc(ocap * 2 * sizeof *e);
    if (!e)
        return FL_ERR_NOMEM;
    for (size_t i = 0; i < ocap * 2; i++)
        e[i].child = FL_MINER_NONE;
    m->edges = e;
    m->edges_cap = ocap * 2;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].child != FL_MINER_NONE)
            m->edges[edge_at(m, old[i].parent, old[i].tok)] = old[i];
    free(old);
    return FL_OK;
}

/* The child of parent for tok, created if missing (a full parent gives its <*>
 * child). FL_MINER_NONE when out of memory. */
static uint32_t child_add(fl_miner *m, uint32_t parent, uint64_t tok)
{
    uint32_t c = child_of(m, parent, tok);
    if (c != FL_MINER_NONE)
        return c;
    if (m->nodes[parent].children >= MAX_CHILDREN && tok != m->wild)
        return child_add(m, parent, m->wild);
    if ((m->n_edges + 1) * 2 > m->edges_cap && edges_grow(m) != FL_OK)
        return FL_MINER_NONE;
    if (m->n_nodes == m->nodes_cap) {
        node *p = realloc(m->nodes, m->nodes_cap * 2 * sizeof *p);
        if (!p)
            return FL_MINER_NONE;
        m->nodes = p;
        m->nodes_cap *= 2;
    }
    c = (uint32_t)m->n_nodes++;
    m->nodes[c] = (node){0, FL_MINER_NONE, 0};
    m->nodes[parent].children++;
    m->edges[edge_at(m, parent, tok)] = (edge){tok, parent, c};
    m->n_edges++;
    return c;
}

/* Route key of level k (0: the token count, 1-2: the first tokens). */
static uint64_t route_tok(const fl_miner *m, const toks *t, int k)
{
    if (k == 0)
        return (uint64_t)t->n;
    /* The first token without a value or a dot routes, among the first ROUTE_SCAN: a
     * leading host, id, flag or program ("db-1.internal:5432 open", "1 boot",
     * "chrome.exe - ...") would else start a leaf per value, or put every kind behind
     * it in one leaf. */
    for (size_t i = 0; i < t->n && i < ROUTE_SCAN; i++)
        if (!has_value(t->buf + t->start[i], t->len[i]) && !memchr(t->buf + t->start[i], '.', t->len[i]))
            return t->hash[i] ^ (uint64_t)i;
    return m->wild;
}

static int route_depth(const toks *t) { return 1 + (t->n < ROUTE_TOKENS ? (int)t->n : ROUTE_TOKENS); }

/* ---- similarity ---- */

/* Share of t's positions that agree with template p (positions where both are <*>
 * are left out), and p's wildcards in *wild; -1 when t may not join p: it joins when
 * the share is at least FL_MINER_SIM, or when exactly one position differs and the
 * share is above FL_MINER_SIM_ONE (a short message with one variable word, "Worker
 * alice started"; two words differing in a short message are more often two
 * kinds: "from ASSIGNED to RUNNING", "from UNASSIGNED to ASSIGNED"). */
static double similarity(const fl_miner *m, const tmpl *p, const toks *t, size_t *wild)
{
    size_t same = 0, neutral = 0, w = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (p->hash[i] == m->wild) {
            w++;
            neutral += t->hash[i] == m->wild;
        } else {
            same += p->hash[i] == t->hash[i];
        }
    }
    *wild = w;
    size_t compared = t->n - neutral;
    if (!compared)
        return 1.0;
    double sim = (double)same / (double)compared;
    if (sim >= FL_MINER_SIM || (compared - same == 1 && sim > FL_MINER_SIM_ONE))
        return sim;
    return -1;
}

/* The best template of leaf for t at or above the threshold (more similar, then more
 * wildcards, then the lower slot), FL_MINER_NONE if none; its similarity in *best. */
static uint32_t best_in_leaf(const fl_miner *m, uint32_t leaf, const toks *t, double *best, size_t *bw)
{
    uint32_t pick = FL_MINER_NONE;
    for (uint32_t s = m->nodes[leaf].head; s != FL_MINER_NONE; s = m->slots[s].next) {
        size_t w;
        double sim = similarity(m, &m->slots[s], t, &w);
        if (sim < 0)
            continue;
        if (sim > *best || (sim == *best && (w > *bw || (w == *bw && s < pick)))) {
            *best = sim;
            *bw = w;
            pick = s;
        }
    }
    return pick;
}

static void render(const fl_miner *m, tmpl *p)
{
    size_t o = 0;
    for (size_t i = 0; i < p->n; i++) {
        const char *s = p->hash[i] == m->wild ? "<*>" : p->buf + p->start[i];
        size_t n = p->hash[i] == m->wild ? 3 : p->len[i];
        if (i)
            p->render[o++] = ' ';
        memcpy(p->render + o, s, n);
        o += n;
    }
    p->render[o] = 0;
}

/* Give p the tokens t, in one block sized to them, and render it. The render has
 * room for every token as <*> (3 bytes however short the token) and the spaces. */
static fl_status tmpl_set(const fl_miner *m, tmpl *p, const toks *t)
{
    size_t text = t->n ? (size_t)t->start[t->n - 1] + t->len[t->n - 1] : 0;
    size_t room = t->n * (sizeof *p->hash + sizeof *p->start + sizeof *p->len) + text + text + 4 * t->n + 1;
    uint64_t *block = malloc(room);
    if (!block)
        return FL_ERR_NOMEM;
    free(p->hash);
    p->n = t->n;
    p->hash = block;
    p->start = (uint16_t *)(p->hash + t->n);
    p->len = p->start + t->n;
    p->buf = (char *)(p->len + t->n);
    p->render = p->buf + text;
    memcpy(p->hash, t->hash, t->n * sizeof *p->hash);
    memcpy(p->start, t->start, t->n * sizeof *p->start);
    memcpy(p->len, t->len, t->n * sizeof *p->len);
    memcpy(p->buf, t->buf, text);
    render(m, p);
    return FL_OK;
}

/* Free a template's block (its slot is free or reused). */
static void tmpl_clear(tmpl *p)
{
    free(p->hash);
    p->hash = NULL;
    p->n = 0;
}

/* ---- slots ---- */

static void unlink_slot(fl_miner *m, uint32_t s)
{
    m->nodes[m->slots[s].leaf].version++;
    uint32_t *at = &m->nodes[m->slots[s].leaf].head;
    while (*at != s)
        at = &m->slots[*at].next;
    *at = m->slots[s].next;
}

/* Whether the words of q and p agree at every position but i, where q holds one. */
static int sibling(const fl_miner *m, const tmpl *q, const tmpl *p, size_t i)
{
    if (q->n != p->n || q->hash[i] == m->wild)
        return 0;
    for (size_t j = 0; j < p->n; j++)
        if (j != i && q->hash[j] != p->hash[j])
            return 0;
    return 1;
}

/* Whether token i of t is a word that may name a kind. A place that holds a value
 * ("rhost=<*>" beside "rhost=zummit.com", "(<*>)" beside "()", "db-1:<*>" beside
 * "db-2:<*>") is a variable, as are a dotted name (a host, file, program or class:
 * "QQ.exe"), a key's value ("user=root") and the word after "user", however few
 * ("for user cyrus"); a quoted request's method ("GET <*>",
 * "POST <*>") may be a kind. */
static int kind_word(const char *buf, const uint16_t *start, const uint16_t *len, size_t i)
{
    const char *s = &buf[start[i]];
    size_t n = len[i];
    const char *dot = n > 1 ? memchr(s, '.', n - 1) : NULL; /* inside, not a full stop */
    if (dot || memchr(s, '=', n) || (has_value(s, n) && s[0] != '"' && s[0] != '\''))
        return 0;
    return !(i > 0 && len[i - 1] == 4 && !strncasecmp(&buf[start[i - 1]], "user", 4));
}

/* Whether t, which differs from its best template p in one word alone, starts a
 * template of its own: a word in a place that has held at most FL_MINER_WORDS
 * distinct words is a kind ("Instance spawned" and "Instance destroyed", "VM Started"
 * and "VM Paused"), one more makes it a variable ("Invalid user alice", bob, carol
 * ...). The siblings that were kinds are folded into the variable's template at the
 * next merge (collapse). */
static int own_kind(const fl_miner *m, uint32_t leaf, const tmpl *p, const toks *t)
{
    size_t at = T_MAX;
    for (size_t i = 0; i < t->n; i++)
        if (p->hash[i] != m->wild && p->hash[i] != t->hash[i]) {
            if (at != T_MAX)
                return 0;
            at = i;
        }
    if (at == T_MAX || t->hash[at] == m->wild)
        return 0;
    if (!kind_word(t->buf, t->start, t->len, at) || !kind_word(p->buf, p->start, p->len, at))
        return 0;
    size_t words = 0;
    for (uint32_t q = m->nodes[leaf].head; q != FL_MINER_NONE; q = m->slots[q].next)
        words += sibling(m, &m->slots[q], p, at);
    return words < FL_MINER_WORDS;
}

/* A slot for a new template: a free one, a new one, or (at the cap) the least seen
 * one, folded into other. */
static fl_status take_slot(fl_miner *m, uint32_t *slot, int *evicted)
{
    *evicted = 0;
    if (m->n_free) {
        *slot = m->free_list[--m->n_free];
        return FL_OK;
    }
    if (m->n_slots < m->cap || m->no_evict) {
        if (m->n_slots == m->slots_cap) {
            size_t nc = m->slots_cap ? m->slots_cap * 2 : 16;
            tmpl *p = realloc(m->slots, nc * sizeof *p);
            uint32_t *f = realloc(m->free_list, nc * sizeof *f);
            if (f)
                m->free_list = f;
            if (!p || !f) {
                if (p)
                    m->slots = p;
                return FL_ERR_NOMEM;
            }
            m->slots = p;
            m->slots_cap = nc;
        }
        m->slots[m->n_slots].hash = NULL;
        *slot = (uint32_t)m->n_slots++;
        return FL_OK;
    }
    uint32_t min = 0;
    for (uint32_t s = 1; s < m->n_slots; s++)
        if (m->slots[s].count < m->slots[min].count)
            min = s;
    m->other += m->slots[min].count;
    unlink_slot(m, min);
    tmpl_clear(&m->slots[min]);
    *slot = min;
    *evicted = 1;
    return FL_OK;
}

/* The recent cache's entry for tokens of key seq (NULL before the cache is made), one
 * call per message placed. When the entry's tokens joined its template as it was, and
 * the leaf's version says it still is, tokens of the same 64-bit key and count n join
 * it again without a comparison: then n messages are counted there and 1 returned. */
static int place_recent(fl_miner *m, uint64_t seq, size_t n_toks, uint64_t n, uint32_t *slot, int *evicted,
                        recent **entry)
{
    if (!m->recent && ++m->placed >= RECENT_AFTER) /* out of memory: no cache, same result */
        m->recent = calloc(RECENT, sizeof *m->recent);
    recent *r = *entry = m->recent ? &m->recent[seq & (RECENT - 1)] : NULL;
    if (r && r->key == seq && r->leaf && m->nodes[r->leaf].version == r->version &&
        m->slots[r->slot].n == n_toks) {
        m->slots[r->slot].count += n;
        *slot = r->slot;
        *evicted = 0;
        return 1;
    }
    return 0;
}

/* Count n messages of tokens t that missed the recent cache (r: their entry, from
 * place_recent): join the best template of their leaf or start one. */
static fl_status place_new(fl_miner *m, const toks *t, uint64_t n, uint32_t *slot, int *evicted, recent *r)
{
    uint64_t key = t->seq;
    uint32_t at = 0;
    int depth = route_depth(t);
    for (int k = 0; k < depth && at != FL_MINER_NONE; k++)
        at = child_add(m, at, route_tok(m, t, k));
    if (at == FL_MINER_NONE)
        return FL_ERR_NOMEM;
    double best = -1;
    size_t bw = 0;
    uint32_t s = best_in_leaf(m, at, t, &best, &bw);
    *evicted = 0;
    if (s != FL_MINER_NONE && !own_kind(m, at, &m->slots[s], t)) {
        tmpl *p = &m->slots[s];
        int changed = 0;
        for (size_t i = 0; i < t->n; i++)
            if (p->hash[i] != m->wild && p->hash[i] != t->hash[i]) {
                p->hash[i] = m->wild;
                changed = 1;
            }
        if (changed) {
            render(m, p);
            m->nodes[at].version++;
        } else if (r) {
            *r = (recent){key, s, at, m->nodes[at].version};
        }
        p->count += n;
        *slot = s;
        return FL_OK;
    }
    fl_status st = take_slot(m, &s, evicted);
    if (st == FL_OK && (st = tmpl_set(m, &m->slots[s], t)) != FL_OK)
        m->free_list[m->n_free++] = s; /* a slot taken is on no list: free it again */
    if (st != FL_OK)
        return st;
    tmpl *p = &m->slots[s];
    p->count = n;
    p->leaf = at;
    p->next = m->nodes[at].head;
    m->nodes[at].head = s;
    m->nodes[at].version++;
    *slot = s;
    return FL_OK;
}

/* Count n messages of tokens t: join the best template of their leaf or start one. */
static fl_status place(fl_miner *m, const toks *t, uint64_t n, uint32_t *slot, int *evicted)
{
    recent *r;
    if (place_recent(m, t->seq, t->n, n, slot, evicted, &r))
        return FL_OK;
    return place_new(m, t, n, slot, evicted, r);
}

/* ---- public ---- */

fl_miner *fl_miner_new(size_t cap)
{
    fl_miner *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->cap = cap ? cap : FL_MINER_CAP;
    m->wild = tok_hash("<*>", 3);
    m->nodes_cap = 64;
    m->edges_cap = 128;
    m->nodes = malloc(m->nodes_cap * sizeof *m->nodes);
    m->edges = malloc(m->edges_cap * sizeof *m->edges);
    if (!m->nodes || !m->edges) {
        fl_miner_free(m);
        return NULL;
    }
    for (size_t i = 0; i < m->edges_cap; i++)
        m->edges[i].child = FL_MINER_NONE;
    m->nodes[0] = (node){0, FL_MINER_NONE, 0};
    m->n_nodes = 1;
    return m;
}

void fl_miner_free(fl_miner *m)
{
    if (!m)
        return;
    for (size_t s = 0; s < m->n_slots; s++)
        free(m->slots[s].hash);
    free(m->slots);
    free(m->free_list);
    free(m->nodes);
    free(m->edges);
    free(m->recent);
    free(m);
}

void fl_miner_drop_cache(fl_miner *m)
{
    free(m->recent);
    m->recent = NULL;
    m->placed = 0;
    if (m->n_slots && m->n_slots < m->slots_cap) { /* and the slots' room to grow */
        tmpl *p = realloc(m->slots, m->n_slots * sizeof *p);
        if (!p)
            return;
        m->slots = p;
        m->slots_cap = m->n_slots;
        uint32_t *f = realloc(m->free_list, m->n_slots * sizeof *f);
        if (f) /* else it stays larger, which is room enough */
            m->free_list = f;
    }
}

fl_status fl_miner_add(fl_miner *m, const char *msg, size_t len, uint32_t *slot, int *evicted)
{
    /* Most messages repeat tokens placed before: their n and seq find them in the
     * recent cache, and the rest of their tokens is made on a miss alone. */
    recent *r;
    if (tokenize_seq(&m->scratch, msg, len)) {
        if (place_recent(m, m->scratch.seq, m->scratch.n, 1, slot, evicted, &r))
            return FL_OK;
        tokenize(&m->scratch, msg, len);
        return place_new(m, &m->scratch, 1, slot, evicted, r);
    }
    tokenize(&m->scratch, msg, len);
    return place(m, &m->scratch, 1, slot, evicted);
}

fl_status fl_miner_add_template(fl_miner *m, const char *text, size_t len, uint64_t count,
                                uint32_t *slot, int *evicted)
{
    tokenize(&m->scratch, text, len);
    return place(m, &m->scratch, count, slot, evicted);
}

/* The most specific template that t fits (t equals it at every position it does not
 * hold <*>) among *pick (FL_MINER_NONE: none yet) and the templates of leaf: most
 * constant positions (*consts), then the lower slot. */
static void fit_in_leaf(const fl_miner *m, uint32_t leaf, const toks *t, uint32_t *pick, size_t *consts)
{
    for (uint32_t s = m->nodes[leaf].head; s != FL_MINER_NONE; s = m->slots[s].next) {
        const tmpl *p = &m->slots[s];
        size_t c = 0, i = 0;
        for (; i < t->n; i++) {
            if (p->hash[i] == m->wild)
                continue;
            if (p->hash[i] != t->hash[i])
                break;
            c++;
        }
        if (i == t->n && (*pick == FL_MINER_NONE || c > *consts || (c == *consts && s < *pick))) {
            *consts = c;
            *pick = s;
        }
    }
}

/* The leaves t may be in: its exact route, and those through <*> children (where a
 * full node sent it). Returns their count. */
static size_t route_leaves(const fl_miner *m, const toks *t, uint32_t *leaves)
{
    int depth = route_depth(t);
    size_t n = 0;
    for (unsigned alt = 0; alt < (1u << (depth - 1)); alt++) {
        uint32_t at = 0;
        for (int k = 0; k < depth && at != FL_MINER_NONE; k++)
            at = child_of(m, at, k && (alt >> (k - 1) & 1) ? m->wild : route_tok(m, t, k));
        if (at != FL_MINER_NONE)
            leaves[n++] = at;
    }
    return n;
}

uint32_t fl_miner_match(const fl_miner *m, const char *msg, size_t len)
{
    toks t;
    uint32_t leaves[1u << ROUTE_TOKENS], pick = FL_MINER_NONE;
    tokenize(&t, msg, len);
    size_t n = route_leaves(m, &t, leaves), consts = 0, bw = 0;
    /* A template the message fits first: the one it joined may since have gained
     * wildcards that lower its similarity below the threshold. */
    for (size_t i = 0; i < n; i++)
        fit_in_leaf(m, leaves[i], &t, &pick, &consts);
    if (pick != FL_MINER_NONE)
        return pick;
    double best = -1;
    for (size_t i = 0; i < n; i++) {
        double b = best;
        uint32_t s = best_in_leaf(m, leaves[i], &t, &b, &bw);
        if (s != FL_MINER_NONE && (b > best || pick == FL_MINER_NONE)) {
            best = b;
            pick = s;
        }
    }
    return pick;
}

size_t fl_miner_slots(const fl_miner *m) { return m->n_slots; }

uint64_t fl_miner_count(const fl_miner *m, uint32_t i) { return i < m->n_slots ? m->slots[i].count : 0; }

const char *fl_miner_text(const fl_miner *m, uint32_t i)
{
    return i < m->n_slots && m->slots[i].count ? m->slots[i].render : "";
}

uint64_t fl_miner_id(const fl_miner *m, uint32_t i)
{
    const char *s = fl_miner_text(m, i);
    return fnv(s, strlen(s));
}

uint64_t fl_miner_other(const fl_miner *m) { return m->other; }

/* A live template of a part, for the canonical order of a merge. */
typedef struct entry {
    const tmpl *p;
    size_t part;
    uint32_t slot;
} entry;

static int entry_cmp(const void *a, const void *b)
{
    const tmpl *x = ((const entry *)a)->p, *y = ((const entry *)b)->p;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    int c = strcmp(x->render, y->render);
    if (c)
        return c;
    return (x->count < y->count) - (x->count > y->count);
}

/* Whether template q is a word kind of w: the same but where w has <*> and q words
 * that may name kinds (kind_word). */
static int word_kind_of(const fl_miner *m, const tmpl *q, const tmpl *w)
{
    int differ = 0;
    if (q->n != w->n)
        return 0;
    for (size_t j = 0; j < w->n; j++) {
        if (q->hash[j] == w->hash[j])
            continue;
        if (w->hash[j] != m->wild || !kind_word(q->buf, q->start, q->len, j))
            return 0;
        differ = 1;
    }
    return differ;
}

/* Fold the word kinds that own_kind kept apart into the template of their leaf whose
 * place became a variable, in slot order; fwd[s] receives the slot s was folded into (FL_MINER_NONE if none). */
static void collapse(fl_miner *m, uint32_t *fwd)
{
    for (size_t s = 0; s < m->n_slots; s++)
        fwd[s] = FL_MINER_NONE;
    for (uint32_t w = 0; w < m->n_slots; w++) {
        if (!m->slots[w].count)
            continue;
        for (uint32_t q = m->nodes[m->slots[w].leaf].head, next; q != FL_MINER_NONE; q = next) {
            next = m->slots[q].next;
            if (q == w || !word_kind_of(m, &m->slots[q], &m->slots[w]))
                continue;
            m->slots[w].count += m->slots[q].count;
            m->slots[q].count = 0;
            unlink_slot(m, q);
            tmpl_clear(&m->slots[q]);
            m->free_list[m->n_free++] = q;
            fwd[q] = w;
        }
    }
}

fl_status fl_miner_merge(fl_miner *dst, const fl_miner *const *parts, size_t n, uint32_t **maps)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        total += parts[i]->n_slots;
    entry *e = malloc((total ? total : 1) * sizeof *e);
    if (!e)
        return FL_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        dst->other += parts[i]->other;
        for (uint32_t s = 0; s < parts[i]->n_slots; s++) {
            maps[i][s] = FL_MINER_NONE;
            if (parts[i]->slots[s].count)
                e[k++] = (entry){&parts[i]->slots[s], i, s};
        }
    }
    qsort(e, k, sizeof *e, entry_cmp);
    fl_status st = FL_OK;
    dst->no_evict = 1;
    for (size_t i = 0; i < k && st == FL_OK; i++) {
        int ev;
        const tmpl *p = e[i].p;
        st = fl_miner_add_template(dst, p->render, strlen(p->render), p->count, &maps[e[i].part][e[i].slot], &ev);
    }
    dst->no_evict = 0;
    free(e);
    uint32_t *fwd = st == FL_OK ? malloc((dst->n_slots + 1) * sizeof *fwd) : NULL;
    if (st == FL_OK && !fwd)
        st = FL_ERR_NOMEM;
    if (st == FL_OK) {
        collapse(dst, fwd);
        for (size_t i = 0; i < n; i++)
            for (uint32_t s = 0; s < parts[i]->n_slots; s++)
                while (maps[i][s] != FL_MINER_NONE && fwd[maps[i][s]] != FL_MINER_NONE)
                    maps[i][s] = fwd[maps[i][s]];
    }
    free(fwd);
    return st;
}

static int slot_rank_cmp(const void *a, const void *b)
{
    const tmpl *x = *(const tmpl *const *)a, *y = *(const tmpl *const *)b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->render, y->render);
}

void fl_miner_prune(fl_miner *m, size_t cap, unsigned char *dropped)
{
    size_t live = 0;
    if (dropped)
        memset(dropped, 0, m->n_slots);
    for (size_t s = 0; s < m->n_slots; s++)
        live += m->slots[s].count > 0;
    if (live <= cap)
        return;
    const tmpl **r = malloc(live * sizeof *r);
    if (!r)
        return; /* keep them all: memory only stays higher */
    live = 0;
    for (size_t s = 0; s < m->n_slots; s++)
        if (m->slots[s].count)
            r[live++] = &m->slots[s];
    qsort(r, live, sizeof *r, slot_rank_cmp);
    for (size_t i = cap; i < live; i++) {
        uint32_t s = (uint32_t)(r[i] - m->slots);
        m->other += m->slots[s].count;
        m->slots[s].count = 0;
        unlink_slot(m, s);
        tmpl_clear(&m->slots[s]);
        m->free_list[m->n_free++] = s;
        if (dropped)
            dropped[s] = 1;
    }
    free(r);
}

fl_status fl_miner_canonical(fl_miner **m, uint32_t *map)
{
    fl_miner *c = fl_miner_new((*m)->cap);
    if (!c)
        return FL_ERR_NOMEM;
    const fl_miner *parts[1] = {*m};
    fl_status st = fl_miner_merge(c, parts, 1, &map);
    if (st != FL_OK) {
        fl_miner_free(c);
        return st;
    }
    fl_miner_free(*m);
    *m = c;
    return FL_OK;
}
