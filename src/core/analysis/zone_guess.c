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
#include "analysis/mined.h"

/* Lines written with one offset by the inputs of one group (source or archive). */
typedef struct zone_tally {
    const char *key;   /* the group's name: key[0..len) */
    size_t len;
    int32_t off;
    uint64_t count;
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

/* Every (group, offset) of the inputs that write offsets, summed and sorted; *n set.
 * NULL when none (or out of memory: then nothing is guessed at this level). */
static zone_tally *build_tally(const fl_result *res, size_t n, fl_zone_guess level, size_t *count)
{
    size_t k = 0;
    zone_tally *t = malloc((n ? n : 1) * FL_MAX_OFFSETS * sizeof *t);
    for (size_t i = 0; t && i < n; i++) {
        const fl_input *in = &res[i].in;
        size_t len = group_len(in, level);
        for (size_t j = 0; (len || level == FL_ZONE_RUN) && j < in->n_offsets; j++)
            t[k++] = (zone_tally){in->path, len, in->offsets[j], in->offset_count[j]};
    }
    if (t && k)
        qsort(t, k, sizeof *t, tally_cmp);
    size_t m = 0; /* fold equal (group, offset) pairs */
    for (size_t i = 0; i < k; i++) {
        if (m && tally_cmp(&t[m - 1], &t[i]) == 0)
            t[m - 1].count += t[i].count;
        else
            t[m++] = t[i];
    }
    *count = m;
    return t;
}

/* The offset most lines of group key[0..len) write; 0 when the group writes none. */
static int find_offset(const zone_tally *t, size_t n, const char *key, size_t len, int32_t *off)
{
    zone_tally probe = {key, len, INT32_MIN, 0};
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

void fl_results_guess_zones(fl_result *res, size_t n, int64_t bucket_ms)
{
    static const fl_zone_guess levels[] = {FL_ZONE_SOURCE, FL_ZONE_ARCHIVE, FL_ZONE_RUN};
    zone_tally *t[3];
    size_t nt[3];
    for (size_t l = 0; l < 3; l++)
        t[l] = build_tally(res, n, levels[l], &nt[l]);
    for (size_t i = 0; i < n; i++) {
        fl_input *in = &res[i].in;
        if (!in->local_time_records || in->n_offsets || in->zone_guess != FL_ZONE_NONE)
            continue; /* offsets in its lines (even a few) are its own clock */
        int32_t off = 0;
        in->zone_guess = FL_ZONE_UTC;
        for (size_t l = 0; l < 3; l++) {
            size_t len = group_len(in, levels[l]);
            if (t[l] && (len || levels[l] == FL_ZONE_RUN) && find_offset(t[l], nt[l], in->path, len, &off)) {
                in->zone_guess = levels[l];
                break;
            }
        }
        in->zone_offset = off; /* kept when unaligned, to say what it would have been */
        if (off && !shift_result(&res[i], off, bucket_ms))
            in->zone_guess = FL_ZONE_UNALIGNED;
    }
    for (size_t l = 0; l < 3; l++)
        free(t[l]);
}
