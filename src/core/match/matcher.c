/* matcher.c: running the signatures on a line: the prefilter (literals or the
 * automaton) picks the candidates, PCRE2 (JIT where it can) confirms them, with
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    if (!m->md || !m->mc || !m->lower || !m->seen || !m->cand) {
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

/* FL_PREFILTER_AUTOMATON: one pass over the line. Afterwards m->seen[i] == m->gen
 * for every signature i whose literal occurs in the line (ignoring case), and
 * m->cand holds those signatures and the ones without a literal, in library order;
 * returns their count. */
static size_t automaton_scan(fl_matcher *m, const ac_dfa *a, const char *s, size_t len)
{
    if (++m->gen == 0) { /* wrapped: forget every old mark */
        memset(m->seen, 0, (m->p->n + 1) * sizeof *m->seen);
        m->gen = 1;
    }
    const uint32_t *next = a->next;
    const unsigned char *cls = a->cls;
    uint32_t row = 0, gen = m->gen;
    size_t found = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t x = next[row + cls[(unsigned char)s[i]]];
        row = x & ~AC_OUT;
        if (x & AC_OUT) {
            uint32_t st = row / a->n_classes;
            for (uint32_t k = a->out_off[st]; k < a->out_off[st + 1]; k++) {
                uint32_t sg = a->out[k];
                if (m->seen[sg] != gen) {
                    m->seen[sg] = gen;
                    m->cand[found++] = sg;
                }
            }
        }
    }
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
                m->cand[--k] = a->always[--j];
        }
        found += a->n_always;
    }
    return found;
}

/* Whether the prefilter lets signature i through (after automaton_scan when the mode
 * is FL_PREFILTER_AUTOMATON). */
static int prefilter_pass(fl_matcher *m, size_t i, const char *s, size_t len, int *lowered)
{
    const sig *sg = &m->p->sigs[i];
    switch (m->mode) {
    case FL_PREFILTER_OFF: return 1;
    case FL_PREFILTER_LITERALS: return literal_present(m, sg, s, len, lowered);
    case FL_PREFILTER_AUTOMATON: return !sg->info.literal_len || m->seen[i] == m->gen;
    }
    return 1;
}

/* Whether sg matches s; a match stopped by a limit is no match, and sets *limited. */
static int sig_match(fl_matcher *m, const sig *sg, const char *s, size_t len, int *limited)
{
    int rc = fl_patterns_jit_ready(m->p, sg) ? pcre2_jit_match(sg->code, (PCRE2_SPTR)s, len, 0, 0, m->md, m->mc)
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

/* The automaton of a matcher in FL_PREFILTER_AUTOMATON mode (NULL in the other
 * modes); without one it falls back to the literals. */
static const ac_dfa *matcher_automaton(fl_matcher *m)
{
    if (m->mode != FL_PREFILTER_AUTOMATON)
        return NULL;
    const ac_dfa *a = fl_patterns_automaton(m->p);
    if (!a)
        m->mode = FL_PREFILTER_LITERALS;
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
    const ac_dfa *a = matcher_automaton(m);
    if (a) {
        size_t nc = automaton_scan(m, a, s, len);
        for (size_t k = 0; k < nc; k++) {
            uint32_t i = m->cand[k];
            if (!sig_match(m, &p->sigs[i], s, len, &limited))
                continue;
            if (found < max_hits)
                hits[found] = i;
            found++;
        }
    } else {
        for (size_t i = 0; i < p->n; i++) {
            if (!prefilter_pass(m, i, s, len, &lowered) || !sig_match(m, &p->sigs[i], s, len, &limited))
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
    const ac_dfa *a = matcher_automaton(m);
    if (a)
        automaton_scan(m, a, s, len);
    int limited = 0;
    int hit = prefilter_pass(m, i, s, len, &lowered) && sig_match(m, &m->p->sigs[i], s, len, &limited);
    m->limited += (uint64_t)limited;
    return hit;
}
