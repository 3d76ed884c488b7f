/* mined.c: per-template facts beside the miner's templates, and their merge. */
#include "analysis/mined.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fl_search.h"
#include "time/fl_time.h"

/* info_room when slot is past the room there is: info and series grown to hold it. */
static fl_status info_grow(fl_mined *m, size_t slot)
{
    size_t nc = m->info_cap ? m->info_cap * 2 : 16; /* a small log has few kinds */
    while (nc <= slot)
        nc *= 2;
    fl_tmpl_info *p = realloc(m->info, nc * sizeof *p);
    if (!p)
        return FL_ERR_NOMEM;
    memset(p + m->info_cap, 0, (nc - m->info_cap) * sizeof *p);
    m->info = p;
    fl_tmpl_series *q = realloc(m->series, nc * sizeof *q);
    if (!q)
        return FL_ERR_NOMEM;
    memset(q + m->info_cap, 0, (nc - m->info_cap) * sizeof *q);
    m->series = q;
    m->info_cap = nc;
    return FL_OK;
}

/* Room for slot's info and series (slots grow one at a time). */
static inline fl_status info_room(fl_mined *m, size_t slot)
{
    return slot < m->info_cap ? FL_OK : info_grow(m, slot);
}

fl_mined *fl_mined_new(int64_t bucket_ms)
{
    fl_mined *m = calloc(1, sizeof *m);
    if (m && !(m->miner = fl_miner_new(0))) {
        free(m);
        return NULL;
    }
    if (m)
        m->bucket_ms = bucket_ms > 0 ? bucket_ms : 60000;
    return m;
}

/* series_add past its first test: b is the bucket after the one last added to, else
 * appended when it is the latest, else found or inserted in order. */
static fl_status series_add_slow(fl_tmpl_series *s, int64_t b, uint64_t count)
{
    size_t lo;
    if (s->last < s->n && s->at[s->last].bucket < b) {
        size_t i = s->last;
        if (i + 1 < s->n && s->at[i + 1].bucket == b) {
            s->at[i + 1].count += count;
            s->last = i + 1;
            return FL_OK;
        }
        lo = i + 1 == s->n || s->at[i + 1].bucket > b
                 ? i + 1
                 : fl_lower_bound_i64(s->at, s->n, sizeof *s->at, offsetof(fl_tmpl_count, bucket), b);
    } else {
        lo = s->n && s->at[s->n - 1].bucket < b
                 ? s->n
                 : fl_lower_bound_i64(s->at, s->n, sizeof *s->at, offsetof(fl_tmpl_count, bucket), b);
    }
    s->last = lo;
    if (lo < s->n && s->at[lo].bucket == b) {
        s->at[lo].count += count;
        return FL_OK;
    }
    fl_tmpl_count *p = fl_insert_room(s->at, &s->n, &s->cap, sizeof *p, lo);
    if (!p)
        return FL_ERR_NOMEM;
    s->at = p;
    s->at[lo] = (fl_tmpl_count){b, count};
    return FL_OK;
}

/* Add count to bucket b of s. A template's messages mostly come in time order,
 * though a log may go back in time and run forward again: the bucket last added to
 * (inline: most messages) or the next, else a search. */
static inline fl_status series_add(fl_tmpl_series *s, int64_t b, uint64_t count)
{
    if (s->last < s->n && s->at[s->last].bucket == b) {
        s->at[s->last].count += count;
        return FL_OK;
    }
    return series_add_slow(s, b, count);
}

/* Keep msg as a sample: at most FL_TMPL_SAMPLE - 1 bytes, control bytes as '?'. */
static void sample_set(char *out, const char *msg, size_t len)
{
    size_t n = len < FL_TMPL_SAMPLE - 1 ? len : FL_TMPL_SAMPLE - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)msg[i] < 0x20 || msg[i] == 0x7f ? '?' : msg[i];
    out[n] = '\0';
}

fl_status fl_mined_add(fl_mined **pm, int64_t bucket_ms, const char *msg, size_t len, int64_t ms,
                       int has_time, int level, uint64_t lineno)
{
    if (!*pm && !(*pm = fl_mined_new(bucket_ms)))
        return FL_ERR_NOMEM;
    fl_mined *m = *pm;
    uint32_t slot;
    int evicted;
    fl_status st = fl_miner_add(m->miner, msg, len, &slot, &evicted);
    if (st == FL_OK)
        st = info_room(m, slot);
    if (st != FL_OK)
        return st;
    fl_tmpl_info *t = &m->info[slot];
    if (evicted || fl_miner_count(m->miner, slot) == 1) {
        memset(t, 0, sizeof *t);
        m->series[slot].n = 0;
        t->first_line = lineno;
        t->n_inputs = 1;
        sample_set(t->sample, msg, len);
    }
    if (level > t->level)
        t->level = (uint8_t)level;
    if (has_time) {
        if (!t->has_time || ms < t->first_ms) {
            if (t->has_time) { /* an earlier line (out of order): it is the first sighting */
                t->first_line = lineno;
                sample_set(t->sample, msg, len);
            }
            t->first_ms = ms;
        }
        if (!t->has_time || ms > t->last_ms)
            t->last_ms = ms;
        t->has_time = 1;
        int64_t b = m->cur_b;
        if (ms < m->cur_lo || ms - m->cur_lo >= m->bucket_ms) {
            b = fl_floor_div(ms, m->bucket_ms);
            if (ms >= 0) { /* the bucket's start then has no overflow */
                m->cur_b = b;
                m->cur_lo = b * m->bucket_ms;
            }
        }
        return series_add(&m->series[slot], b, 1);
    }
    return FL_OK;
}

void fl_mined_done(fl_mined *m)
{
    if (!m)
        return;
    fl_miner_drop_cache(m->miner);
    /* A run keeps every input's facts until the fold: give back the room the arrays
     * grew for and no template used (a realloc that fails keeps the larger block). */
    size_t n = fl_miner_slots(m->miner);
    if (!n || n >= m->info_cap)
        return;
    fl_tmpl_info *p = realloc(m->info, n * sizeof *p);
    if (!p)
        return;
    m->info = p;
    fl_tmpl_series *q = realloc(m->series, n * sizeof *q);
    if (q) /* else series stays larger, its entries past n empty */
        m->series = q;
    m->info_cap = n;
}

void fl_mined_free(fl_mined *m)
{
    if (!m)
        return;
    fl_miner_free(m->miner);
    for (size_t i = 0; m->series && i < m->info_cap; i++)
        free(m->series[i].at);
    free(m->series);
    free(m->info);
    free(m);
}

/* Add src's counts into dst. */
static fl_status series_fold(fl_tmpl_series *dst, const fl_tmpl_series *src)
{
    fl_status st = FL_OK;
    for (size_t i = 0; i < src->n && st == FL_OK; i++)
        st = series_add(dst, src->at[i].bucket, src->at[i].count);
    return st;
}

void fl_mined_shift(fl_mined *m, int64_t delta_ms)
{
    if (!m)
        return;
    int64_t db = delta_ms / m->bucket_ms;
    for (size_t s = 0; s < fl_miner_slots(m->miner); s++) {
        if (m->info[s].has_time) {
            m->info[s].first_ms += delta_ms;
            m->info[s].last_ms += delta_ms;
        }
        for (size_t i = 0; i < m->series[s].n; i++)
            m->series[s].at[i].bucket += db;
    }
}

uint64_t fl_mined_other(const fl_mined *m) { return fl_miner_other(m->miner) + m->other_read; }

uint64_t fl_mined_count_in(const fl_mined *m, uint32_t slot, int64_t lo, int64_t hi)
{
    uint64_t n = 0;
    const fl_tmpl_series *s = &m->series[slot];
    for (size_t i = 0; i < s->n; i++)
        if (s->at[i].bucket >= lo && s->at[i].bucket < hi)
            n += s->at[i].count;
    return n;
}

/* Is a's first sighting before b's (by time, then canonical input, then line)? */
static int earlier(const fl_tmpl_info *a, const fl_tmpl_info *b)
{
    if (a->has_time != b->has_time)
        return a->has_time;
    if (a->has_time && a->first_ms != b->first_ms)
        return a->first_ms < b->first_ms;
    if (a->first_input != b->first_input)
        return a->first_input < b->first_input;
    return a->first_line < b->first_line;
}

/* Note input in (first seen at t) among dst's first FL_TMPL_SOURCES inputs in time. */
static void add_input(fl_tmpl_info *dst, uint32_t in, int64_t t)
{
    for (size_t j = 0; j < dst->n_inputs; j++)
        if (dst->inputs[j] == in)
            return;
    size_t at = dst->n_inputs;
    while (at > 0 && (dst->input_first[at - 1] > t ||
                      (dst->input_first[at - 1] == t && dst->inputs[at - 1] > in)))
        at--;
    if (at >= FL_TMPL_SOURCES)
        return;
    size_t n = dst->n_inputs < FL_TMPL_SOURCES ? dst->n_inputs : FL_TMPL_SOURCES - 1;
    memmove(dst->inputs + at + 1, dst->inputs + at, (n - at) * sizeof *dst->inputs);
    memmove(dst->input_first + at + 1, dst->input_first + at, (n - at) * sizeof *dst->input_first);
    dst->inputs[at] = in;
    dst->input_first[at] = t;
    dst->n_inputs = (uint8_t)(n + 1);
}

/* Fold src (of one part) into dst, the merged template's facts; fresh: dst is empty. */
static void fold_info(fl_tmpl_info *dst, const fl_tmpl_info *src, int fresh)
{
    if (fresh || earlier(src, dst)) {
        int64_t last = dst->last_ms;
        int had = dst->has_time;
        uint8_t n = dst->n_inputs, level = dst->level;
        uint32_t in[FL_TMPL_SOURCES];
        int64_t in_first[FL_TMPL_SOURCES];
        memcpy(in, dst->inputs, sizeof in);
        memcpy(in_first, dst->input_first, sizeof in_first);
        *dst = *src;
        dst->n_inputs = fresh ? 0 : n;
        memcpy(dst->inputs, in, sizeof in);
        memcpy(dst->input_first, in_first, sizeof in_first);
        dst->level = fresh || src->level > level ? src->level : level;
        if (!fresh && had && (!src->has_time || last > src->last_ms))
            dst->last_ms = last;
    } else {
        if (src->level > dst->level)
            dst->level = src->level;
        if (src->has_time && (!dst->has_time || src->last_ms > dst->last_ms))
            dst->last_ms = src->last_ms;
        dst->has_time |= src->has_time;
    }
    for (size_t k = 0; k < src->n_inputs; k++)
        add_input(dst, src->inputs[k], src->input_first[k]);
}

fl_status fl_mined_merge(fl_mined **out, fl_mined *const *parts, size_t n)
{
    const fl_miner **mp = calloc(n ? n : 1, sizeof *mp);
    uint32_t **maps = calloc(n ? n : 1, sizeof *maps);
    size_t k = 0;
    int64_t width = 0;
    for (size_t i = 0; i < n && !width; i++)
        width = parts[i] ? parts[i]->bucket_ms : 0;
    *out = NULL;
    fl_status st = mp && maps && (*out = fl_mined_new(width)) ? FL_OK : FL_ERR_NOMEM;
    for (size_t i = 0; i < n && st == FL_OK; i++) {
        if (!parts[i])
            continue;
        mp[k] = parts[i]->miner;
        (*out)->other_read += parts[i]->other_read;
        if (!(maps[k++] = malloc((fl_miner_slots(parts[i]->miner) + 1) * sizeof **maps)))
            st = FL_ERR_NOMEM;
    }
    if (st == FL_OK)
        st = fl_miner_merge((*out)->miner, mp, k, maps);
    if (st == FL_OK)
        st = info_room(*out, fl_miner_slots((*out)->miner));
    unsigned char *seen = st == FL_OK ? calloc(fl_miner_slots((*out)->miner) + 1, 1) : NULL;
    if (st == FL_OK && !seen)
        st = FL_ERR_NOMEM;
    for (size_t i = 0, p = 0; i < n && st == FL_OK; i++) {
        if (!parts[i])
            continue;
        for (uint32_t s = 0; s < fl_miner_slots(mp[p]); s++) {
            uint32_t d = maps[p][s];
            if (d == FL_MINER_NONE)
                continue;
            fl_tmpl_info src = parts[i]->info[s];
            src.first_input = (uint32_t)i;
            src.inputs[0] = (uint32_t)i;
            src.input_first[0] = src.has_time ? src.first_ms : INT64_MAX;
            src.n_inputs = 1;
            fold_info(&(*out)->info[d], &src, !seen[d]);
            seen[d] = 1;
            if (st == FL_OK)
                st = series_fold(&(*out)->series[d], &parts[i]->series[s]);
        }
        p++;
    }
    if (st == FL_OK)
        fl_miner_prune((*out)->miner, FL_MINER_CAP, seen);
    for (size_t d = 0; st == FL_OK && d < fl_miner_slots((*out)->miner); d++)
        if (seen[d]) /* dropped by the prune: a later template may take its slot */
            (*out)->series[d].n = 0;
    for (size_t i = 0; i < k; i++)
        free(maps[i]);
    free(maps);
    free(mp);
    free(seen);
    if (st != FL_OK && *out) {
        fl_mined_free(*out);
        *out = NULL;
    }
    return st;
}

fl_status fl_mined_put(fl_mined *m, const char *text, size_t len, uint64_t count,
                       const fl_tmpl_info *info, const fl_tmpl_count *series, size_t n,
                       uint32_t *slot)
{
    int evicted;
    fl_status st = fl_miner_add_template(m->miner, text, len, count, slot, &evicted);
    if (st == FL_OK)
        st = info_room(m, *slot);
    if (st != FL_OK)
        return st;
    int fresh = evicted || fl_miner_count(m->miner, *slot) == count;
    if (fresh)
        m->series[*slot].n = 0;
    fl_tmpl_info src = *info;
    fold_info(&m->info[*slot], &src, fresh);
    if (fresh) { /* fold_info leaves the sources to the merge */
        m->info[*slot].n_inputs = info->n_inputs;
        memcpy(m->info[*slot].inputs, info->inputs, sizeof info->inputs);
        memcpy(m->info[*slot].input_first, info->input_first, sizeof info->input_first);
    }
    for (size_t i = 0; i < n && st == FL_OK; i++)
        st = series_add(&m->series[*slot], series[i].bucket, series[i].count);
    return st;
}

fl_status fl_mined_canonical(fl_mined *m)
{
    fl_mined *parts[1] = {m}, *c = NULL;
    fl_status st = fl_mined_merge(&c, parts, 1);
    if (st != FL_OK)
        return st;
    /* One part: its facts are its own (input 0 stands for itself). */
    for (size_t s = 0; s < fl_miner_slots(c->miner); s++)
        c->info[s].first_input = 0;
    fl_mined tmp = *m;
    *m = *c;
    *c = tmp;
    fl_mined_free(c);
    return FL_OK;
}

/* A slot with what its order needs (qsort takes no context). */
typedef struct slot_row {
    uint64_t count;
    const char *text;
    uint32_t slot;
} slot_row;

static int slot_row_cmp(const void *pa, const void *pb)
{
    const slot_row *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->text, b->text);
}

fl_status fl_sort_slots_by_count(const fl_mined *m, uint32_t *slots, size_t n)
{
    slot_row *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return FL_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        r[i] = (slot_row){fl_miner_count(m->miner, slots[i]), fl_miner_text(m->miner, slots[i]), slots[i]};
    qsort(r, n, sizeof *r, slot_row_cmp);
    for (size_t i = 0; i < n; i++)
        slots[i] = r[i].slot;
    free(r);
    return FL_OK;
}
