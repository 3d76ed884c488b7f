/* patterns_int.h (internal to match/): the signature library's and the matcher's
 * structures, shared by the loader (patterns.c), the literal extraction
 * (literal.c), the literal index (automaton.c) and the matcher (matcher.c). */
#ifndef FL_PATTERNS_INT_H
#define FL_PATTERNS_INT_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>

#include "match/patterns.h"

/* Extracted literals shorter than this are not worth a search per line. */
#define MIN_AUTO_LITERAL 3
/* Longest literal kept for the prefilter (a prefix of a required run is required). */
#define MAX_LITERAL 128
/* Lines up to this length are lower-cased once per call for caseless literals;
 * longer ones are searched byte by byte. */
#define LOWER_BUF 65536

typedef struct sig {
    fl_signature_info info;     /* strings below, file from the library's list */
    char *name, *category, *regex, *description, *literal;
    fl_pattern_example *examples;
    pcre2_code *code;
    atomic_int jit;             /* 0 not tried yet, JIT_ON: pcre2_jit_match, JIT_OFF:
                                 * the interpreter; set once, under the library's lock */
} sig;

#define JIT_ON 1
#define JIT_OFF 2

/* The literal index: the signatures' literals, case-folded, found in one pass over a
 * line. A signature's literals are those of its top-level alternatives (one of which
 * every match holds; automaton.c), else its one literal. Each distinct literal has
 * anchors: 4-byte windows that start one byte apart, so that testing the windows of
 * the line at every second (LIT_STRIDE_2) or fourth (LIT_STRIDE_4) position meets
 * one of them wherever the literal is. Stride 2: a pair for a literal of 5 bytes or
 * more (the one that looks rarest); for shorter ones, also the windows that start
 * one byte before it or end one byte after it. Stride 4: four for a literal of 7
 * bytes or more; for 6, the window that starts one byte before it and its three;
 * literals of 5 bytes or less are found by memchr of a key byte instead (possible
 * when each holds a byte that no other byte folds to, else stride 2). A line is
 * only compared with a literal where such a window hashes like one of its anchors:
 * a bitmap test per window, with no dependence from one position to the next (the
 * Aho-Corasick automaton this replaces chained every byte to the one before through
 * a 900 KB table). Hashes are taken with bit 0x20 set in every byte, the only bit
 * tolower changes; comparisons then fold with tolower. A window whose bit is set
 * goes on to its anchors only when the 8 bytes from it or ending with it hash
 * into bits8 (lit_hash8), or an anchor of its hash has neither in its literal.
 * With AVX2 (matcher.c) a block of 32 bytes is hashed and tested at once, and
 * the first group's short literals are found by a pair of their bytes there. */
#define LIT_HASH_BITS 17
typedef struct lit_entry {
    uint32_t text, len;         /* the folded literal: pool[text .. text + len) */
    uint32_t out, n_out;        /* its signatures: out[out .. out + n_out), library order */
    uint32_t at_start;          /* found only at the line's start: the text of an
                                 * alternative anchored there (^ without multiline
                                 * mode; ^Killed$ spares the lines with "killed"
                                 * elsewhere) */
} lit_entry;

typedef struct lit_anchor {
    uint32_t h;                 /* hash of the window */
    int32_t at;                 /* offset of the window from the literal's start */
    uint32_t entry;             /* the literal */
    uint16_t len;               /* its length (entry's, at hand without a load) */
    uint16_t ck_at;             /* literal of LIT_CHECK bytes or more: its bytes */
    uint64_t ck;                /* ck_at .. ck_at + 8 around the window, bit 0x20 set in
                                 * each (as in the hashes), to compare with the line
                                 * in one load before the whole literal: a window
                                 * of a common word seldom has the literal around it */
} lit_anchor;
#define LIT_CHECK 8

/* A signature's `literal:` where its alternatives' literals are indexed instead: the
 * line must hold it too (folded, pool[text .. text + len)); len 0: no gate. It is
 * looked for by its byte at offset key, the one that looks rarest. */
typedef struct lit_gate {
    uint32_t text, len, key;
} lit_gate;

/* How the line's windows are tested: at even positions (every literal has two
 * anchors one byte apart), or at every fourth (four anchors; the literals of
 * LIT_SHORT bytes or less are then looked for by a key byte instead). */
#define LIT_STRIDE_2 2
#define LIT_STRIDE_4 4
#define LIT_SHORT 5

/* A short literal: its entry, and the offset in it of its group's key byte. */
typedef struct lit_short {
    uint32_t entry, key;
} lit_short;

/* Short literals found by one memchr pass for byte key (one no other byte folds
 * to): shorts[first .. first + n). */
typedef struct lit_group {
    uint32_t first, n;
    unsigned char key;
    char ctx[4];                /* folded bytes that all of them hold around the key, */
    int32_t ctx_at;             /* ... from this offset from it (<= 0), */
    uint32_t ctx_len;           /* ... this many (the key's among them) */
    uint32_t pair_at, pair_len; /* the pair: ctx[pair_at ..] of 2 bytes (1 when ctx_len
                                 * is), the ones that look rarest, which the AVX2 scan
                                 * compares at each place of a block */
    unsigned char pair_vec[4][32]; /* for it: the pair's first byte's fold_mask, the
                                 * byte, the second's, the byte, each 32 times (0xff
                                 * and 0xff for a pair of 1: any byte matches) */
} lit_group;

typedef struct lit_index {
    uint64_t bits[(1u << LIT_HASH_BITS) / 64]; /* anchor hashes present */
    uint64_t bits8[(1u << LIT_HASH_BITS) / 64]; /* of each anchor whose literal holds
                                 * the 4 bytes after its window, lit_hash8 of the 8,
                                 * else of one that holds the 4 before, of those 8 */
    uint64_t bits_open[(1u << LIT_HASH_BITS) / 64]; /* the hashes of the others */
    lit_anchor *anchor;         /* anchors of hash h: anchor[bucket[h >> bshift] ..
                                 * bucket[(h >> bshift) + 1]); by the hash's top bits,
                                 * which the wildcard byte of a short literal's
                                 * anchors changes (the low ones it may not) */
    uint32_t *bucket, bshift;
    lit_entry *entry;           /* distinct literals: 4 bytes or more, ... */
    size_t n_entry, n_long;     /* ... entry[n_long .. n_long + n3) of 3 bytes, ... */
    size_t n3;                  /* ... then those of 1 or 2 bytes */
    char *pool;
    unsigned char *fold_mask;   /* by byte of pool: 0x20 where another byte folds to it
                                 * (then the line's byte matches it when equal to it
                                 * with bit 0x20 set in both), else 0: 8 bytes of a
                                 * literal compared at once */
    uint32_t *out;              /* signature indices */
    unsigned char fold[256];    /* tolower */
    uint32_t *always;           /* signatures without any literal, in library order */
    size_t n_always;
    unsigned stride;            /* LIT_STRIDE_2 or LIT_STRIDE_4 */
    lit_short *shorts;          /* LIT_STRIDE_4: the literals of LIT_SHORT bytes or less, */
    size_t n_short;
    lit_group *groups;          /* ... by key byte */
    size_t n_group;
    lit_gate *gate;             /* by signature */
    size_t n_gate;              /* gates with len > 0 */
} lit_index;

/* The hash of a 4-byte window with bit 0x20 set in its bytes. */
static inline uint32_t lit_hash(uint32_t w)
{
    return (w * 0x9e3779b1u) >> (32 - LIT_HASH_BITS);
}

/* The hash of 8 bytes (a window and the 4 bytes after or before it, bit 0x20 set
 * in each): a window whose hash is in the bitmap is compared with the literals
 * anchored there only when one of these is in bits8 too, or its own in bits_open. */
static inline uint32_t lit_hash8(uint64_t q)
{
    return (uint32_t)((q * 0x9e3779b97f4a7c15u) >> (64 - LIT_HASH_BITS));
}

struct fl_patterns {
    sig *sigs;
    size_t n, cap;
    uint32_t *names;            /* open-addressed hash of sigs[0..n_named) by name: index + 1,
                                 * 0 = empty (so a duplicate check is not a scan) */
    size_t names_cap, n_named;
    char **files;               /* every file loaded, owned; sig.info.file points here */
    size_t n_files, cap_files;
    int compiled;               /* fl_patterns_compile was called: no more loading */
    /* Built on first use by the matchers of any thread, under lock: */
    pthread_mutex_t lock;
    atomic_int lits_state;      /* 0 not built, 1 lits is ready, -1 not available */
    lit_index *lits;
};

struct fl_matcher {
    const fl_patterns *p;
    pcre2_match_data *md;
    pcre2_match_context *mc;    /* the match and depth limits of every match */
    uint64_t limited;           /* lines on which a signature hit a limit */
    fl_prefilter mode;
    char *lower;                /* LOWER_BUF bytes of scratch for caseless literals */
    uint32_t *seen;             /* literal index: seen[i] == gen when i's literal is in the line */
    uint32_t gen;
    uint32_t *cand;             /* literal index: signatures to run on the line (p->n + 1) */
    const lit_index *lits;      /* the library's literal index, once fetched */
    unsigned char *jit;         /* by signature: 0 not known yet, JIT_ON or JIT_OFF */
    int avx2;                   /* LIT_STRIDE_4 lines are scanned 32 bytes at a time
                                 * (the CPU has AVX2; tests clear it to compare with
                                 * the scalar scan) */
};

/* Format a message into err (when err is not NULL). */
__attribute__((format(printf, 3, 4))) void fl_patterns_set_err(char *err, size_t errlen,
                                                               const char *fmt, ...);

/* The literal index of p, built on first use; NULL when it could not be (see
 * automaton.c). */
const lit_index *fl_patterns_lit_index(const fl_patterns *p);

/* Whether signature sg runs JIT code, JIT-compiling it on first use. */
int fl_patterns_jit_ready(const fl_patterns *p, const sig *sg);

/* literal.c's reading of the regex syntax, shared with the alternatives' split
 * (automaton.c): the length of the escape at s[0] == '\\' (*lit: the byte it
 * stands for when a plain literal, else -1), of the class at s[0] == '[', of the
 * group at s[0] == '(' (a (?#comment) or \Q..\E inside read as such). */
size_t fl_re_escape_len(const char *s, int *lit);
size_t fl_re_class_len(const char *s);
size_t fl_re_group_len(const char *s);
/* ... and of the one item at s: one of those, a \Q..\E run, or one byte. */
size_t fl_re_atom_len(const char *s);

/* fl_re_atom_len without a call for a plain byte (the index's build reads every
 * regex byte by byte). */
static inline size_t fl_re_item_len(const char *s)
{
    return s[0] == '\\' || s[0] == '[' || s[0] == '(' ? fl_re_atom_len(s) : 1;
}

/* Free a literal index. */
void fl_lit_index_free(lit_index *a);

#endif
