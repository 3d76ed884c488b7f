/* liveness.c: silences of a source (liveness.h) and the incidents they make in
 * archives of server logs only. */
#include "detect/liveness.h"

#include <stdlib.h>
#include <string.h>

/* Records and empty runs over rec[lo, hi): adds to *sum, counts buckets in *len,
 * raises *gap to the longest empty run. */
static void survey(const uint32_t *rec, size_t lo, size_t hi, uint64_t *sum, size_t *len, size_t *gap)
{
    size_t run = 0;
    for (size_t i = lo; i < hi; i++) {
        *sum += rec[i];
        run = rec[i] ? 0 : run + 1;
        *gap = run > *gap ? run : *gap;
    }
    *len += hi > lo ? hi - lo : 0;
}

/* Whether s, whose first empty run is [s->from, s->first_back) and which goes on to
 * s->to, is a silence of rec[0..n) (rules in liveness.h); fills its usual rate and
 * gap from the buckets around it. start: the source's first record. */
static int is_silence(const uint32_t *rec, size_t n, size_t start, const fl_detect_opts *o, fl_source_silence *s)
{
    size_t w = o->silence_window, len = 0, gap = 0, a = s->from, b = s->to;
    uint64_t sum = 0;
    survey(rec, a - start > w ? a - w : start, a, &sum, &len, &gap);
    survey(rec, b, n - b > w ? b + w : n, &sum, &len, &gap);
    s->usual = len ? (double)sum / (double)len : 0.0;
    s->usual_gap = gap;
    size_t L = s->first_back - a; /* the first run alone must stand out */
    return len >= o->silence_min_gap && s->usual >= o->silence_min_rate && L >= o->silence_min_gap &&
           (double)L > o->silence_gap_mult * (double)gap;
}

static fl_status push(fl_liveness *out, const fl_source_silence *s)
{
    fl_source_silence *p = realloc(out->items, (out->n + 1) * sizeof *p);
    if (!p)
        return FL_ERR_NOMEM;
    out->items = p;
    out->items[out->n++] = *s;
    return FL_OK;
}

/* The end of the empty run starting at i (the first bucket with records, or n). */
static size_t run_end(const uint32_t *rec, size_t n, size_t i)
{
    while (i < n && rec[i] == 0)
        i++;
    return i;
}

/* Extend silence s through further gaps of >= min_gap buckets that follow it after
 * fewer than recovery_buckets buckets of logging. */
static void extend(const uint32_t *rec, size_t n, const fl_detect_opts *o, fl_source_silence *s)
{
    for (;;) {
        size_t i = s->to, limit = s->to + o->recovery_buckets;
        while (i < n && i < limit && !(rec[i] == 0 && run_end(rec, n, i) - i >= o->silence_min_gap))
            i++;
        if (i >= n || i >= limit)
            return;
        s->to = run_end(rec, n, i);
        s->resumed = s->to < n;
    }
}

fl_status fl_liveness_scan(const uint32_t *rec, size_t n, size_t source, const fl_detect_opts *o,
                           fl_liveness *out)
{
    size_t start = 0;
    while (start < n && rec[start] == 0)
        start++;
    for (size_t i = start; i < n;) {
        if (rec[i]) {
            i++;
            continue;
        }
        size_t b = run_end(rec, n, i);
        fl_source_silence s = {.source = source, .from = i, .to = b, .resumed = b < n, .first_back = b};
        extend(rec, n, o, &s);
        if (!is_silence(rec, n, start, o, &s)) {
            i = b;
            continue;
        }
        if (push(out, &s) != FL_OK)
            return FL_ERR_NOMEM;
        i = s.to;
    }
    return FL_OK;
}

void fl_liveness_free(fl_liveness *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int cmp_from(const void *a, const void *b)
{
    const fl_source_silence *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->source > y->source) - (x->source < y->source);
}

fl_status fl_detect_add_silences(fl_detection *d, const fl_liveness *l, const uint32_t *R,
                                 const uint32_t *F)
{
    fl_source_silence *order = malloc((l->n ? l->n : 1) * sizeof *order);
    if (!order)
        return FL_ERR_NOMEM;
    if (l->n)
        memcpy(order, l->items, l->n * sizeof *order);
    qsort(order, l->n, sizeof *order, cmp_from);
    fl_status st = FL_OK;
    for (size_t k = 0; k < l->n && st == FL_OK;) {
        fl_incident inc = {.kind = FL_INCIDENT_SILENCE, .onset = order[k].from};
        size_t end = 0;
        int open = 0; /* some source never came back */
        for (; k < l->n && order[k].from <= (end ? end : inc.onset); k++) {
            const fl_source_silence *s = &order[k];
            end = s->to > end ? s->to : end;
            open |= !s->resumed;
        }
        inc.end = end;
        inc.recovered = !open;
        inc.peak = inc.onset;
        inc.traffic_back = SIZE_MAX;
        for (size_t i = inc.onset; i < inc.end; i++) {
            inc.requests += R[i];
            inc.failed += F[i];
        }
        fl_incident *p = realloc(d->incidents, (d->n_incidents + 1) * sizeof *p);
        if (!p)
            st = FL_ERR_NOMEM;
        else
            (d->incidents = p)[d->n_incidents++] = inc;
    }
    free(order);
    fl_detection_sort(d);
    return st;
}
