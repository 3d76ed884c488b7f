/* patterns.h: the error-signature library and its matcher. Signatures are read from
 * *.pat files (format: patterns/README.md), compiled with PCRE2 (8-bit API, JIT when
 * the platform has it) and matched against whole log lines or messages.
 *
 * Life cycle: fl_patterns_new -> fl_patterns_load (any number of files or
 * directories, appended in order) -> fl_patterns_compile -> fl_matcher_new (one per
 * thread) -> fl_matcher_run per line -> fl_matcher_free -> fl_patterns_free. After
 * fl_patterns_compile the library may be shared by threads (the parts built on
 * first use are built under its lock); a matcher holds the per-thread scratch
 * (PCRE2 match data) and must not be shared.
 *
 * Prefilter: each signature has a required literal, taken from its `literal:` key
 * or extracted from the regex (fl_patterns_extract_literal). A line that does not
 * contain the literal cannot match, so PCRE2 only runs on lines that do. By default
 * all literals are looked for in one pass over the line with an index of 4-byte
 * windows (case-folded; built when a matcher first runs); a per-signature memmem
 * search is available for comparison. */
#ifndef FL_PATTERNS_H
#define FL_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"

typedef enum fl_severity {
    FL_SEV_INFO = 0,
    FL_SEV_WARNING,
    FL_SEV_ERROR,
    FL_SEV_CRITICAL
} fl_severity;

/* "info", "warning", "error", "critical"; static storage. */
const char *fl_severity_name(fl_severity s);

/* One `match:` (expect_match 1) or `no-match:` (0) example of a signature. */
typedef struct fl_pattern_example {
    const char *text;
    unsigned line;          /* line of the example in its file */
    int expect_match;
} fl_pattern_example;

/* What a signature is, for reports and listings. All strings belong to the library
 * and live until fl_patterns_free. */
typedef struct fl_signature_info {
    const char *name;        /* unique, kebab-case */
    const char *category;    /* "upstream", "database", "lifecycle" ... */
    fl_severity severity;
    const char *regex;       /* as written in the file */
    const char *description; /* "" when the entry has none */
    const char *file;        /* file it was loaded from, as given to fl_patterns_load */
    unsigned line;           /* line where its entry starts */
    int is_lifecycle;        /* category "lifecycle": deploy/restart markers */
    int caseless;            /* flags: caseless */
    const char *literal;     /* prefilter literal (lower-cased when literal_caseless),
                              * NULL when the signature has none and always runs */
    size_t literal_len;
    int literal_caseless;    /* the literal is compared ignoring ASCII case */
    int literal_given;       /* from `literal:` rather than extracted */
    const fl_pattern_example *examples; /* in file order */
    size_t n_examples;
} fl_signature_info;

typedef struct fl_patterns fl_patterns;

/* A new, empty library in *out. Returns FL_OK or FL_ERR_NOMEM. Free with
 * fl_patterns_free. */
fl_status fl_patterns_new(fl_patterns **out);

/* Append the signatures of path: a .pat file, or a directory whose *.pat files are
 * read in name order (byte order of the names; other files and subdirectories are
 * ignored). Each regex is compiled (without JIT) here.
 * Errors (err receives one line of text; p is left as it was before the call):
 *   FL_ERR_OPEN   path missing or unreadable, or a directory without *.pat files;
 *                 text "path: reason"
 *   FL_ERR_PARSE  syntax error, unknown key, missing required key, duplicate name
 *                 (also against signatures loaded before), unknown severity or flag,
 *                 bad regex; text "file:line: message", for a bad regex
 *                 "file:line: regex error at offset N: PCRE2's message"
 *   FL_ERR_NOMEM
 * Not allowed after fl_patterns_compile (returns FL_ERR_USAGE). */
fl_status fl_patterns_load(fl_patterns *p, const char *path, char *err, size_t errlen);

/* Finish the library: no more loading. The literal index is built when a matcher first
 * runs, and each regex is JIT-compiled when a line first gets past the prefilter to
 * it: a run that matches no message (access logs only) pays for neither. Where JIT
 * is unavailable (not built in, or no executable memory) the signature silently
 * uses the interpreter; without memory for the index matchers use the
 * per-signature literals. Returns FL_OK (err is kept for callers' sake). Calling it
 * twice is harmless. */
fl_status fl_patterns_compile(fl_patterns *p, char *err, size_t errlen);

/* Number of signatures loaded. */
size_t fl_patterns_count(const fl_patterns *p);

/* A 64-bit digest of what the library matches and how it names it (names,
 * categories, severities, regexes and flags, in order): partial results made with
 * one library are merged only with the same library. */
uint64_t fl_patterns_digest(const fl_patterns *p);

/* Signature i (0 <= i < count), NULL when out of range. */
const fl_signature_info *fl_patterns_info(const fl_patterns *p, size_t i);

/* Index of the signature called name, or -1. */
long fl_patterns_find(const fl_patterns *p, const char *name);

/* Free the library and everything it owns; NULL is allowed. Free the matchers made
 * from it first. */
void fl_patterns_free(fl_patterns *p);

/* The longest run of plain literal characters that every match of regex must
 * contain: only top-level sequences count (nothing inside groups or character
 * classes, no quantified or optional atom, nothing at all when the pattern has a
 * top-level alternation); escaped metacharacters such as "\(" and \Q...\E count as
 * literals. Writes it NUL-terminated to out (at most outcap - 1 bytes; a longer run
 * is cut, which keeps it required) and returns its length, 0 when there is none.
 * *caseless is set when the pattern is caseless (caseless != 0 on entry, or an
 * inline "(?i)"); then the literal is lower-cased. A pattern that switches on
 * extended mode "(?x)" yields no literal. */
size_t fl_patterns_extract_literal(const char *regex, int caseless_in, char *out,
                                   size_t outcap, int *caseless);

typedef struct fl_matcher fl_matcher;

typedef enum fl_prefilter {
    FL_PREFILTER_OFF = 0,    /* run every regex on every line */
    FL_PREFILTER_LITERALS,   /* memmem (or a caseless search) per signature */
    FL_PREFILTER_AUTOMATON   /* all literals in one pass (the default) */
} fl_prefilter;

/* Per-thread scratch for matching against p (which must outlive it). Returns NULL
 * when out of memory. The prefilter is FL_PREFILTER_AUTOMATON when p was compiled,
 * else FL_PREFILTER_LITERALS. */
fl_matcher *fl_matcher_new(const fl_patterns *p);

/* Choose the prefilter; results are the same for every mode, only the cost differs
 * (for tests and benchmarks). FL_PREFILTER_AUTOMATON on a library that was not
 * compiled falls back to FL_PREFILTER_LITERALS. */
void fl_matcher_set_prefilter(fl_matcher *m, fl_prefilter mode);

/* Run every signature on s[0..len) (need not be NUL-terminated). Writes the indices
 * of the matching signatures, in library order, to hits (at most max_hits of them;
 * hits may be NULL when max_hits is 0) and returns how many signatures matched,
 * which may exceed max_hits. Never allocates. A signature whose match fails with an
 * error (match limit) counts as not matching. */
size_t fl_matcher_run(fl_matcher *m, const char *s, size_t len, uint32_t *hits,
                      size_t max_hits);

/* Whether signature i matches s[0..len), with the prefilter as set on m. */
int fl_matcher_test(fl_matcher *m, size_t i, const char *s, size_t len);

/* Free a matcher; NULL is allowed. */
void fl_matcher_free(fl_matcher *m);

/* Bounds on one regex match (PCRE2's match and depth limits): a line on which a
 * signature exceeds them counts as not matching it, and is counted. */
#define FL_MATCH_LIMIT 100000
#define FL_DEPTH_LIMIT 10000

/* Lines on which a signature hit a match limit, over the matcher's life. */
uint64_t fl_matcher_limited(const fl_matcher *m);

#endif
