/* zone_guess.c: the zone of logs that write local times without a UTC offset (nginx
 * error.log, Apache, many application logs), when --input-tz is not given. Such a
 * log shares the clock of the logs beside it: nginx's access log (+0100) and error
 * log (no offset) are written by one process on one host. So an offset-less input
 * is read in the offset the other logs of its source write, else those of its
 * archive, else the offset most lines of the run write, else UTC. Inputs are read
 * as if their times were UTC; the guess then moves them, buckets included. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/read.h"
#include "analysis/mined.h"

/* Lines written with one offset by the inputs of one group (source or archive). */
typedef struct zone_tally {
    const char *key;   /* the group's name: key[0..len) */
    size_t len;
    int32_t off;
    uint64_t count;
    int owned;         /* key is a copy (after fl_zone_tallies_done) */
} zone_tally;

static int tally_cmp(const void *pa, const void *pb)
{
    const zone_tally *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->key, b->key, n);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return (a->off > b->off) - (a->off < b->off);
}

/* Length of the group an input belongs to at this level (0: none). */
static size_t group_len(const fl_input *in, fl_zone_guess level)
{
    return level == FL_ZONE_SOURCE ? in->source_len : level == FL_ZONE_ARCHIVE ? in->archive_len : 0;
}

/* The (group, offset) pairs of one level, folded: sorted and unique after a
 * compaction, so they grow with the groups and offsets of the run, not its inputs. */
typedef struct zone_level {
    zone_tally *t;
    size_t n, cap;
} zone_level;

struct fl_zone_tallies {
    zone_level level[3]; /* source, archive, run */
    int nomem;           /* a tally could not grow: no guess is made */
};

static const fl_zone_guess levels[] = {FL_ZONE_SOURCE, FL_ZONE_ARCHIVE, FL_ZONE_RUN};

/* Sort the level's pairs and fold equal ones. */
static void compact(zone_level *z)
{
    if (z->n > 1)
        qsort(z->t, z->n, sizeof *z->t, tally_cmp);
    size_t m = 0;
    for (size_t i = 0; i < z->n; i++) {
        if (m && tally_cmp(&z->t[m - 1], &z->t[i]) == 0)
            z->t[m - 1].count += z->t[i].count;
        else
            z->t[m++] = z->t[i];
    }
    z->n = m;
}

static int level_add(zone_level *z, zone_tally e)
{
    if (z->n == z->cap) {
        compact(z);
        if (!z->cap || z->n * 2 > z->cap) {
            size_t cap = z->cap ? z->cap * 2 : 256;
            zone_tally *p = realloc(z->t, cap * sizeof *p);
            if (!p)
                return 0;
            z->t = p;
            z->cap = cap;
        }
    }
    z->t[z->n++] = e;
    return 1;
}

fl_zone_tallies *fl_zone_tallies_new(void) { return calloc(1, sizeof(fl_zone_tallies)); }

void fl_zone_tallies_add(fl_zone_tallies *t, const fl_input *in)
{
    for (size_t l = 0; l < 3 && !t->nomem; l++) {
        size_t len = group_len(in, levels[l]);
        for (size_t j = 0; (len || levels[l] == FL_ZONE_RUN) && j < in->n_offsets && !t->nomem; j++)
            if (!level_add(&t->level[l], (zone_tally){in->path, len, in->offsets[j], in->offset_count[j], 0}))
                t->nomem = 1;
    }
}

fl_status fl_zone_tallies_done(fl_zone_tallies *t)
{
    for (size_t l = 0; l < 3; l++) {
        zone_level *z = &t->level[l];
        compact(z);
        for (size_t i = 0; i < z->n; i++) { /* the inputs' names may go before the guesses */
            char *key = t->nomem ? NULL : strndup(z->t[i].key, z->t[i].len);
            t->nomem |= !key;
            z->t[i].key = key ? key : "";
            z->t[i].owned = key != NULL;
        }
    }
    return t->nomem ? FL_ERR_NOMEM : FL_OK;
}

void fl_zone_tallies_free(fl_zone_tallies *t)
{
    if (!t)
        return;
    for (size_t l = 0; l < 3; l++) {
        for (size_t i = 0; i < t->level[l].n; i++)
            if (t->level[l].t[i].owned)
                free((char *)t->level[l].t[i].key);
        free(t->level[l].t);
    }
    free(t);
}

/* The offset most lines of group key[0..len) write; 0 when the group writes none. */
static int find_offset(const zone_tally *t, size_t n, const char *key, size_t len, int32_t *off)
{
    zone_tally probe = {key, len, INT32_MIN, 0, 0};
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first entry of the group */
        size_t mid = lo + (hi - lo) / 2;
        if (tally_cmp(&t[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint64_t best = 0;
    for (; lo < n && t[lo].len == len && memcmp(t[lo].key, key, len) == 0; lo++)
        if (t[lo].count > best) { /* ascending offsets: the smaller one wins ties */
            best = t[lo].count;
            *off = t[lo].off;
        }
    return best > 0;
}

void fl_zone_decide(const fl_zone_tallies *t, const fl_input *in, fl_zone_guess *guess, int32_t *off)
{
    *guess = in->zone_guess;
    *off = in->zone_offset;
    if (!in->local_time_records || in->n_offsets || in->zone_guess != FL_ZONE_NONE)
        return; /* offsets in its lines (even a few) are its own clock */
    *off = 0;
    *guess = FL_ZONE_UTC;
    for (size_t l = 0; l < 3 && !t->nomem; l++) {
        size_t len = group_len(in, levels[l]);
        const zone_level *z = &t->level[l];
        if (z->n && (len || levels[l] == FL_ZONE_RUN) && find_offset(z->t, z->n, in->path, len, off)) {
            *guess = levels[l];
            return;
        }
    }
}

int64_t fl_zone_shift_ms(fl_zone_guess guess, int32_t off, int64_t bucket_ms)
{
    int64_t d = -(int64_t)off * 1000;
    return guess == FL_ZONE_NONE || guess == FL_ZONE_UNALIGNED || d % bucket_ms ? 0 : d;
}

/* Move an input read as UTC to the offset off: its times, and its buckets by a whole
 * number of buckets. 0 when off is not one (the input is left as it was). */
static int shift_result(fl_result *r, int32_t off, int64_t bucket_ms)
{
    int64_t d = -(int64_t)off * 1000;
    if (d % bucket_ms != 0)
        return 0;
    if (fl_buckets_shift(&r->buckets, d / bucket_ms) != FL_OK)
        return 0; /* out of memory: left in UTC, as an offset that is no whole bucket */
    fl_input *in = &r->in;
    in->first_ms += d;
    in->last_ms += d;
    for (size_t i = 0; i < in->n_gaps; i++) {
        in->gaps[i].from_ms += d;
        in->gaps[i].to_ms += d;
    }
    for (size_t i = 0; i < in->n_sightings; i++) {
        in->sightings[i].first_ms += d;
        in->sightings[i].last_ms += d;
    }
    for (size_t i = 0; i < in->n_markers; i++)
        in->markers[i].ms += d;
    fl_mined_shift(in->mined, d);
    return 1;
}

void fl_zone_apply(const fl_zone_tallies *t, fl_result *r, int64_t bucket_ms)
{
    fl_input *in = &r->in;
    if (!in->local_time_records || in->n_offsets || in->zone_guess != FL_ZONE_NONE)
        return;
    fl_zone_decide(t, in, &in->zone_guess, &in->zone_offset);
    /* zone_offset is kept when unaligned, to say what it would have been */
    if (in->zone_offset && !shift_result(r, in->zone_offset, bucket_ms))
        in->zone_guess = FL_ZONE_UNALIGNED;
}

void fl_results_guess_zones(fl_result *res, size_t n, int64_t bucket_ms)
{
    fl_zone_tallies *t = fl_zone_tallies_new();
    for (size_t i = 0; t && i < n; i++)
        fl_zone_tallies_add(t, &res[i].in);
    /* Out of memory: no guess (times stay as read, in UTC), as before any tally. */
    if (t && fl_zone_tallies_done(t) == FL_OK)
        for (size_t i = 0; i < n; i++)
            fl_zone_apply(t, &res[i], bucket_ms);
    fl_zone_tallies_free(t);
}
