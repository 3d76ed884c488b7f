/* automaton.c: the Aho-Corasick automaton over the signatures' literals, and the
 * lazily built, shared parts of a library (the automaton, each regex's JIT code),
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

/* ---- the literal automaton -------------------------------------------------------- */

/* Build the Aho-Corasick DFA for the literals of p's signatures (Aho and Corasick,
 * "Efficient string matching", CACM 1975; the goto function completed into a DFA).
 * Returns NULL when out of memory. A library without literals gets an automaton with
 * one state and no outputs. */
static ac_dfa *ac_build(const fl_patterns *p)
{
    ac_dfa *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    /* Byte classes: one per distinct folded byte used by a literal. */
    unsigned char used[256] = {0};
    size_t total = 1;
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *in = &p->sigs[i].info;
        for (size_t k = 0; k < in->literal_len; k++)
            used[tolower((unsigned char)in->literal[k])] = 1;
        total += in->literal_len;
    }
    a->n_classes = 1;
    unsigned char id[256] = {0};
    for (int b = 0; b < 256; b++)
        if (used[b])
            id[b] = (unsigned char)a->n_classes++;
    for (int b = 0; b < 256; b++)
        a->cls[b] = id[tolower(b)];
    uint32_t nc = a->n_classes;
    uint32_t *fail = NULL, *queue = NULL, *own = NULL, *own_next = NULL, *head = NULL;
    uint32_t *count = NULL;
    a->next = calloc(total * nc, sizeof *a->next);
    head = malloc(total * sizeof *head);      /* first own output of a state, or UINT32_MAX */
    own = malloc((p->n + 1) * sizeof *own);   /* own-output list: signature ... */
    own_next = malloc((p->n + 1) * sizeof *own_next); /* ... and the next entry */
    fail = calloc(total, sizeof *fail);
    queue = malloc(total * sizeof *queue);
    count = calloc(total, sizeof *count);
    a->out_off = calloc(total + 1, sizeof *a->out_off);
    if (!a->next || !head || !own || !own_next || !fail || !queue || !count || !a->out_off)
        goto nomem;
    memset(head, 0xff, total * sizeof *head);

    /* The trie: 0 is the root and never a child, so 0 means "no edge" for now. */
    uint32_t n_states = 1, n_own = 0;
    for (size_t i = 0; i < p->n; i++) {
        const fl_signature_info *in = &p->sigs[i].info;
        if (!in->literal_len)
            continue;
        uint32_t st = 0;
        for (size_t k = 0; k < in->literal_len; k++) {
            uint32_t c = a->cls[(unsigned char)in->literal[k]];
            if (!a->next[st * nc + c])
                a->next[st * nc + c] = n_states++;
            st = a->next[st * nc + c];
        }
        own[n_own] = (uint32_t)i;
        own_next[n_own] = head[st];
        head[st] = n_own++;
    }
    a->n_states = n_states;

    /* Breadth first: failure links, missing edges completed from the failure state,
     * output counts (own outputs plus those of the failure state). */
    size_t qh = 0, qt = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (uint32_t j = head[u]; j != UINT32_MAX; j = own_next[j])
            count[u]++;
        if (u)
            count[u] += count[fail[u]];
        for (uint32_t c = 0; c < nc; c++) {
            uint32_t v = a->next[u * nc + c];
            if (v) { /* a trie edge: rows are completed only here, so nonzero means child */
                fail[v] = u ? a->next[fail[u] * nc + c] : 0;
                queue[qt++] = v;
            } else {
                a->next[u * nc + c] = u ? a->next[fail[u] * nc + c] : 0;
            }
        }
    }
    for (uint32_t st = 0; st < n_states; st++)
        a->out_off[st + 1] = a->out_off[st] + count[st];
    a->out = malloc((a->out_off[n_states] + 1) * sizeof *a->out);
    if (!a->out)
        goto nomem;
    for (size_t q = 0; q < qt; q++) { /* BFS order: the failure state is filled first */
        uint32_t u = queue[q], w = a->out_off[u];
        for (uint32_t j = head[u]; j != UINT32_MAX; j = own_next[j])
            a->out[w++] = own[j];
        if (u)
            for (uint32_t k = a->out_off[fail[u]]; k < a->out_off[fail[u] + 1]; k++)
                a->out[w++] = a->out[k];
    }
    if ((uint64_t)n_states * nc >= AC_OUT)
        goto nomem; /* offsets would not fit; no library comes near this */
    for (size_t k = 0; k < (size_t)n_states * nc; k++)
        a->next[k] = a->next[k] * nc | (count[a->next[k]] ? AC_OUT : 0);
    a->always = malloc((p->n + 1) * sizeof *a->always);
    if (!a->always)
        goto nomem;
    for (size_t i = 0; i < p->n; i++)
        if (!p->sigs[i].info.literal_len)
            a->always[a->n_always++] = (uint32_t)i;
    free(head);
    free(own);
    free(own_next);
    free(fail);
    free(queue);
    free(count);
    return a;
nomem:
    free(head);
    free(own);
    free(own_next);
    free(fail);
    free(queue);
    free(count);
    fl_ac_free(a);
    return NULL;
}

fl_status fl_patterns_compile(fl_patterns *p, char *err, size_t errlen)
{
    (void)err, (void)errlen; /* the automaton and the JIT code come on first use */
    p->compiled = 1;
    return FL_OK;
}

/* The lazily built parts of a library that matchers (in any thread) share: made
 * once, under the library's lock, and read without it once published. */
static fl_patterns *shared_parts(const fl_patterns *p) { return (fl_patterns *)p; }

/* The automaton, built on first use; NULL when it could not be (out of memory:
 * the matcher then falls back to the per-signature literals). */
const ac_dfa *fl_patterns_automaton(const fl_patterns *p)
{
    int state = atomic_load_explicit(&p->ac_state, memory_order_acquire);
    if (state == 0) {
        fl_patterns *w = shared_parts(p);
        pthread_mutex_lock(&w->lock);
        state = atomic_load_explicit(&w->ac_state, memory_order_relaxed);
        if (state == 0) {
            w->ac = ac_build(w);
            state = w->ac ? 1 : -1;
            atomic_store_explicit(&w->ac_state, state, memory_order_release);
        }
        pthread_mutex_unlock(&w->lock);
    }
    return state == 1 ? p->ac : NULL;
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
