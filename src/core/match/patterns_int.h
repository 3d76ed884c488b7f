/* patterns_int.h (internal to match/): the signature library's and the matcher's
 * structures, shared by the loader (patterns.c), the literal extraction
 * (literal.c), the automaton (automaton.c) and the matcher (matcher.c). */
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

/* Aho-Corasick automaton over every signature's literal, case-folded, as a dense DFA
 * on byte classes (bytes that occur in no literal share class 0). A transition holds
 * the target state's row offset (state * n_classes), so the scan loop needs no
 * multiplication, with AC_OUT set when the target state has outputs. */
typedef struct ac_dfa {
    uint32_t *next;             /* n_states * n_classes row offsets | AC_OUT */
    uint32_t n_states, n_classes;
    unsigned char cls[256];     /* byte -> class, 'A' and 'a' alike */
    uint32_t *out_off;          /* outputs of state s: out[out_off[s] .. out_off[s + 1]) */
    uint32_t *out;              /* signature indices */
    uint32_t *always;           /* signatures without a literal, in library order */
    size_t n_always;
} ac_dfa;

#define AC_OUT 0x80000000u

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
    atomic_int ac_state;        /* 0 not built, 1 ac is ready, -1 out of memory */
    ac_dfa *ac;
};

struct fl_matcher {
    const fl_patterns *p;
    pcre2_match_data *md;
    pcre2_match_context *mc;    /* the match and depth limits of every match */
    uint64_t limited;           /* lines on which a signature hit a limit */
    fl_prefilter mode;
    char *lower;                /* LOWER_BUF bytes of scratch for caseless literals */
    uint32_t *seen;             /* automaton: seen[i] == gen when i's literal is in the line */
    uint32_t gen;
    uint32_t *cand;             /* automaton: signatures to run on the line (p->n + 1) */
};

/* Format a message into err (when err is not NULL). */
__attribute__((format(printf, 3, 4))) void fl_patterns_set_err(char *err, size_t errlen,
                                                               const char *fmt, ...);

/* The automaton of p, built on first use; NULL when it could not be (out of memory). */
const ac_dfa *fl_patterns_automaton(const fl_patterns *p);

/* Whether signature sg runs JIT code, JIT-compiling it on first use. */
int fl_patterns_jit_ready(const fl_patterns *p, const sig *sg);

/* Free an automaton. */
void fl_ac_free(ac_dfa *a);

#endif
