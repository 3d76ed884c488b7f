/* mined.c: per-template facts beside the miner's templates, and their merge. */
#include "analysis/mined.h"

#include <stdlib.h>
#include <string.h>

/* Room for slot's info (slots grow one at a time). */
static fl_status info_room(fl_mined *m, size_t slot)
{
    if (slot < m->info_cap)
        return FL_OK;
    size_t nc = m->info_cap ? m->info_cap * 2 : 64;
    while (nc <= slot)
        nc *= 2;
    fl_tmpl_info *p = realloc(m->info, nc * sizeof *p);
    if (!p)
        return FL_ERR_NOMEM;
    memset(p + m->info_cap, 0, (nc - m->info_cap) * sizeof *p);
    m->info = p;
    m->info_cap = nc;
    return FL_OK;
}

fl_status fl_mined_add(fl_mined **pm, const char *msg, size_t len, int64_t ms, int has_time,
                       int level, uint64_t lineno)
{
    if (!*pm) {
        if (!(*pm = calloc(1, sizeof **pm)) || !((*pm)->miner = fl_miner_new(0))) {
            free(*pm);
            *pm = NULL;
            return FL_ERR_NOMEM;
        }
    }
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
        t->first_line = lineno;
        t->n_inputs = 1;
    }
    if (level > t->level)
        t->level = (uint8_t)level;
    if (has_time) {
        if (!t->has_time || ms < t->first_ms)
            t->first_ms = ms;
        if (!t->has_time || ms > t->last_ms)
            t->last_ms = ms;
        t->has_time = 1;
    }
    return FL_OK;
}

void fl_mined_free(fl_mined *m)
{
    if (!m)
        return;
    fl_miner_free(m->miner);
    free(m->info);
    free(m);
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

/* Fold src (of one part) into dst, the merged template's facts; fresh: dst is empty. */
static void fold_info(fl_tmpl_info *dst, const fl_tmpl_info *src, int fresh)
{
    if (fresh || earlier(src, dst)) {
        int64_t last = dst->last_ms;
        int had = dst->has_time;
        uint8_t n = dst->n_inputs, level = dst->level;
        uint32_t in[FL_TMPL_SOURCES];
        memcpy(in, dst->inputs, sizeof in);
        *dst = *src;
        dst->n_inputs = fresh ? 0 : n;
        memcpy(dst->inputs, in, sizeof in);
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
    for (size_t k = 0; k < src->n_inputs; k++) {
        size_t j = 0;
        while (j < dst->n_inputs && dst->inputs[j] != src->inputs[k])
            j++;
        if (j == dst->n_inputs && j < FL_TMPL_SOURCES)
            dst->inputs[dst->n_inputs++] = src->inputs[k];
    }
}

fl_status fl_mined_merge(fl_mined **out, fl_mined *const *parts, size_t n)
{
    const fl_miner **mp = calloc(n ? n : 1, sizeof *mp);
    uint32_t **maps = calloc(n ? n : 1, sizeof *maps);
    size_t k = 0;
    fl_status st = mp && maps && (*out = calloc(1, sizeof **out)) ? FL_OK : FL_ERR_NOMEM;
    if (st == FL_OK && !((*out)->miner = fl_miner_new(0)))
        st = FL_ERR_NOMEM;
    for (size_t i = 0; i < n && st == FL_OK; i++) {
        if (!parts[i])
            continue;
        mp[k] = parts[i]->miner;
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
            src.n_inputs = 1;
            fold_info(&(*out)->info[d], &src, !seen[d]);
            seen[d] = 1;
        }
        p++;
    }
    if (st == FL_OK)
        fl_miner_prune((*out)->miner, FL_MINER_CAP, NULL);
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
