/* miner.h: a streaming log-template miner after Drain (He et al., ICWS 2017): a
 * message loses a leading "[thread] logger: " or "logger [context] " preamble, is
 * masked (numbers, hex, IPs, UUIDs, paths with digits, day and month names, quoted
 * values become <*>; several values punctuated into one token are one <*>, a unit
 * after a value is part of it, a parenthesised value is left out), split into
 * tokens, routed by its token count and first token without a value or a dot to a
 * leaf, and joins the leaf's most similar template (share of positions that agree)
 * when that share reaches FL_MINER_SIM, or when one position alone differs;
 * positions that differ become <*>, except a word that may name a kind of its own,
 * which starts a template until its place has held more than FL_MINER_WORDS words.
 * A line names the most specific template it fits (fl_miner_match). Memory is
 * bounded by a cap on templates: when it is full, the least-seen template is folded
 * into an "other" count and its slot reused. No allocation per message once the
 * slots exist. Miners merge deterministically (fl_miner_merge). */
#ifndef FL_MINER_H
#define FL_MINER_H

#include <stddef.h>
#include <stdint.h>

#include "fl_status.h"

#define FL_MINER_CAP 4096       /* default cap on templates per miner */
#define FL_MINER_MAX_TOKENS 48  /* tokens compared; the rest of a message is one token */
#define FL_MINER_TEXT 384       /* bytes of template text kept */
#define FL_MINER_SIM 0.7        /* similarity threshold */
#define FL_MINER_SIM_ONE 0.5    /* ... when one position differs */
#define FL_MINER_WORDS 4        /* distinct words a place holds as kinds (own_kind) */
#define FL_MINER_NONE UINT32_MAX

typedef struct fl_miner fl_miner;

/* A new empty miner holding at most cap templates (0 = FL_MINER_CAP); NULL when out
 * of memory. Free with fl_miner_free. */
fl_miner *fl_miner_new(size_t cap);
void fl_miner_free(fl_miner *m);

/* Mine one message (first line only: a stack trace is named by its first line).
 * *slot receives the template's slot (< the cap, stable while the template lives).
 * *evicted is set to 1 when the slot held another template that was folded into the
 * other count (the caller resets what it keeps per slot), else 0. FL_OK or
 * FL_ERR_NOMEM. */
fl_status fl_miner_add(fl_miner *m, const char *msg, size_t len, uint32_t *slot, int *evicted);

/* Free the cache that speeds up fl_miner_add on repeated messages (made after the
 * first few hundred): a run keeps every input's miner until the fold, and the cache
 * only pays while an input streams in. Mining goes on correctly after it. */
void fl_miner_drop_cache(fl_miner *m);

/* The slot of the template msg belongs to, without changing the miner (the most
 * similar one at or above the threshold), or FL_MINER_NONE. */
uint32_t fl_miner_match(const fl_miner *m, const char *msg, size_t len);

/* Number of slots in use (live templates have a count > 0). */
size_t fl_miner_slots(const fl_miner *m);

/* Messages counted in slot i, 0 for a free slot. */
uint64_t fl_miner_count(const fl_miner *m, uint32_t i);

/* Template text of slot i (NUL-terminated, valid until the miner changes). */
const char *fl_miner_text(const fl_miner *m, uint32_t i);

/* Stable id of slot i: a hash of its template text (the same template has the same
 * id in every run). */
uint64_t fl_miner_id(const fl_miner *m, uint32_t i);

/* Messages whose templates were evicted (the "other" count). */
uint64_t fl_miner_other(const fl_miner *m);

/* Add count messages of template text (as fl_miner_text gives it) to m: the step
 * merging is made of. *slot and *evicted as for fl_miner_add. */
fl_status fl_miner_add_template(fl_miner *m, const char *text, size_t len, uint64_t count,
                                uint32_t *slot, int *evicted);

/* Unify the templates of n miners into dst, a new empty miner: every live template of
 * every part is re-inserted in one canonical order (token count, then text, then
 * count), so templates that generalise each other merge, and the result is the same
 * for any order of the parts. maps[k][i] receives the dst slot of part k's slot i
 * (FL_MINER_NONE for free slots); maps[k] must have fl_miner_slots(parts[k])
 * entries. dst's cap must be at least the sum of the parts' live templates (nothing
 * is evicted during a merge); prune afterwards with fl_miner_prune. Other counts
 * add up. FL_OK or FL_ERR_NOMEM. */
fl_status fl_miner_merge(fl_miner *dst, const fl_miner *const *parts, size_t n, uint32_t **maps);

/* Keep the cap most seen templates (ties: smaller text first), folding the rest into
 * the other count; dropped[i] is set to 1 for each slot dropped (an array of
 * fl_miner_slots entries, or NULL). */
void fl_miner_prune(fl_miner *m, size_t cap, unsigned char *dropped);

/* Canonicalise m: the same as merging m alone (see fl_miner_merge); map as there. */
fl_status fl_miner_canonical(fl_miner **m, uint32_t *map);

/* For tests: the tokenizer's paths, each checked against the reference (byte by
 * byte) on a message. fl_miner_tokenize_agree returns 1 when path's tokens of msg
 * (their number, hashes, spans and masked text) are the reference's, 0 when not, -1
 * when the path is not available here; *masked is set to 1 when the path tokenized
 * msg on class masks (0: the line was too long for them and took the reference). */
#define FL_MINER_TOK_PORTABLE 1 /* masks by a table lookup per byte */
#define FL_MINER_TOK_AVX2 2     /* masks by AVX2 compares */
int fl_miner_tokenize_agree(const char *msg, size_t len, int path, int *masked);

#endif
